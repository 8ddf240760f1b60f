package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FTP control connections (RFC 959, RFC 2428): commands paired with their final replies, login,
 * working directory, PORT/PASV/EPRT/EPSV data channels (announced to {@link FtpExpectations}),
 * file sizes, and AUTH TLS (RFC 4217) hand-over to the TLS analyzer. Writes ftp.log rows for
 * Zeek's default FTP::logged_commands.
 */
final class FtpAnalyzer extends LineProtocolAnalyzer {
    /** RFC 959 §4.1.2 227 reply: h1,h2,h3,h4,p1,p2. */
    private static final Pattern PASV_REPLY =
            Pattern.compile("([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3})");
    /** RFC 2428 §3 229 reply: (|||port|). */
    private static final Pattern EPSV_REPLY = Pattern.compile("\\(\\|\\|\\|([0-9]{1,5})\\|\\)");

    static final LogSchema SCHEMA = LogSchema.of("ftp",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "user", "string", "password", "string", "command", "string", "arg", "string",
            "mime_type", "string", "file_size", "count", "reply_code", "count", "reply_msg", "string",
            "data_channel.passive", "bool", "data_channel.orig_h", "addr", "data_channel.resp_h", "addr",
            "data_channel.resp_p", "port", "fuid", "string");
    /** FTP::guest_ids: logins whose password is logged. */
    static final Set<String> GUESTS = Set.of("anonymous", "ftp", "ftpuser", "guest");
    static final int MAX_LINE = 64 * 1024;
    private static final Pattern SIZE = Pattern.compile("\\(([0-9]{1,18}) bytes\\)");

    private final ZeekLogWriter logs;
    private final FtpExpectations expect;
    private String user = "<unknown>";
    private String password;
    private String cwd = ".";
    private String cmd, arg;
    private double cmdTs;
    private Long fileSize;
    private Boolean passive;
    private String dcOrig, dcResp;
    private Integer dcPort;
    /** The data-channel file of the current transfer command. */
    FileSink.File file;

    private final Set<String> logged;

    FtpAnalyzer(ZeekLogWriter logs, FtpExpectations expect, TlsAnalyzer tls, Set<String> logged) {
        super(MAX_LINE, tls);
        this.logged = logged;
        this.logs = logs;
        this.expect = expect;
    }

    @Override
    protected void line(boolean isOrig, byte[] l) {
        String s = new String(l, StandardCharsets.ISO_8859_1);
        if (isOrig) {
            command(s);
        } else {
            reply(s);
        }
    }

    private void command(String s) {
        int sp = s.indexOf(' ');
        cmd = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
        arg = sp < 0 ? "" : s.substring(sp + 1).strip();
        cmdTs = now;
        passive = null;
        dcOrig = dcResp = null;
        dcPort = null;
        switch (cmd) {
            case "USER" -> user = arg;
            case "PASS" -> password = GUESTS.contains(user.toLowerCase(Locale.ROOT)) ? arg : null;
            case "PORT" -> {
                String[] p = arg.split(",");
                if (p.length == 6) {
                    try {
                        dcResp = String.join(".", p[0].strip(), p[1].strip(), p[2].strip(), p[3].strip());
                        dcPort = Integer.parseInt(p[4].strip()) * 256 + Integer.parseInt(p[5].strip());
                    } catch (NumberFormatException e) {
                        dcResp = null;
                    }
                }
            }
            case "EPRT" -> { // RFC 2428 §2: |proto|addr|port|
                String[] p = arg.split(java.util.regex.Pattern.quote(arg.isEmpty() ? "|" : arg.substring(0, 1)));
                if (p.length >= 4) {
                    dcResp = p[2];
                    try {
                        dcPort = Integer.parseInt(p[3]);
                    } catch (NumberFormatException e) {
                        dcResp = null;
                    }
                }
            }
            default -> { }
        }
        conn.confirm("ftp");
    }

    private void reply(String s) {
        if (s.length() < 3 || !Character.isDigit(s.charAt(0)) || (s.length() > 3 && s.charAt(3) == '-')) {
            return; // continuation lines of a multi-line reply
        }
        int code;
        try {
            code = Integer.parseInt(s.substring(0, 3));
        } catch (NumberFormatException e) {
            return;
        }
        String msg = s.length() > 4 ? s.substring(4) : "";
        if (cmd == null) {
            cmd = "<init>"; // Zeek's name for the greeting, which answers no command
            arg = "";
            cmdTs = now;
        }
        Matcher m = SIZE.matcher(msg);
        if (code == 150 && m.find()) {
            fileSize = Long.parseLong(m.group(1));
        }
        if (cmd.equals("SIZE") && code == 213) {
            try {
                fileSize = Long.parseLong(msg.strip());
            } catch (NumberFormatException e) {
                // not a size
            }
        }
        if (code < 200) {
            return; // intermediate reply: wait for the final one
        }
        switch (cmd) {
            case "CWD" -> {
                if (code < 300) {
                    cwd = arg.startsWith("/") ? arg : cwd + "/" + arg;
                }
            }
            case "PASV", "EPSV" -> {
                if (code == 227 || code == 229) {
                    passive = true;
                    dcOrig = Addresses.format(conn.origHi, conn.origLo);
                    if (code == 227) {
                        Matcher p = PASV_REPLY.matcher(msg);
                        if (p.find()) {
                            dcResp = p.group(1) + "." + p.group(2) + "." + p.group(3) + "." + p.group(4);
                            dcPort = Integer.parseInt(p.group(5)) * 256 + Integer.parseInt(p.group(6));
                        }
                    } else {
                        Matcher p = EPSV_REPLY.matcher(msg);
                        if (p.find()) {
                            dcResp = Addresses.format(conn.respHi, conn.respLo);
                            dcPort = Integer.parseInt(p.group(1));
                        }
                    }
                    if (dcResp != null) {
                        expect.expect(dcOrig, dcResp, dcPort, this);
                    }
                }
            }
            case "PORT", "EPRT" -> {
                if (code < 300 && dcResp != null) {
                    passive = false;
                    dcOrig = Addresses.format(conn.respHi, conn.respLo);
                    expect.expect(dcOrig, dcResp, dcPort, this);
                } else {
                    dcResp = null;
                }
            }
            case "AUTH" -> {
                if (code == 234) {
                    startTls(); // RFC 4217: TLS starts after this reply
                }
            }
            default -> { }
        }
        if (logged.contains(cmd)) {
            boolean transfer = cmd.equals("RETR") || cmd.equals("STOR") || cmd.equals("APPE") || cmd.equals("STOU");
            String a = arg.isEmpty() ? null : arg;
            if (transfer) {
                String path = arg.startsWith("/") ? arg : cwd + "/" + arg;
                a = "ftp://" + Addresses.format(conn.respHi, conn.respLo) + (path.startsWith("/") ? "" : "/") + path;
            }
            if (cmd.equals("PASV") || cmd.equals("EPSV")) {
                a = null;
            }
            logs.write(SCHEMA, cmdTs, conn.uid(), Addresses.format(conn.origHi, conn.origLo), conn.origPort,
                    Addresses.format(conn.respHi, conn.respLo), conn.respPort, user, password, cmd, a,
                    transfer && file != null ? file.sniff() : null, transfer ? fileSize : null, code, msg,
                    passive, dcOrig, dcResp, dcPort, transfer && file != null ? file.fuid() : null);
            if (transfer) {
                file = null;
                fileSize = null;
            }
        }
    }
}
