package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMTP (RFC 5321): commands and replies, the envelope, the message headers and its MIME entities
 * as files, and STARTTLS (RFC 3207), after which the stream goes to the TLS analyzer. Writes
 * smtp.log rows as base/protocols/smtp/main.zeek does.
 */
final class SmtpAnalyzer extends LineProtocolAnalyzer {
    static final LogSchema SCHEMA = LogSchema.of("smtp",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "trans_depth", "count", "helo", "string", "mailfrom", "string", "rcptto", "set[string]",
            "date", "string", "from", "string", "to", "set[string]", "cc", "set[string]", "reply_to", "string",
            "msg_id", "string", "in_reply_to", "string", "subject", "string", "x_originating_ip", "addr",
            "first_received", "string", "second_received", "string", "last_reply", "string", "path", "vector[addr]",
            "user_agent", "string", "tls", "bool", "fuids", "vector[string]");
    /** Longest command or reply line; longer input ends the analysis. */
    static final int MAX_LINE = 64 * 1024;
    private static final Pattern EMAIL = Pattern.compile("[^<>@\\s,;\"]+@[^<>@\\s,;\"]+");
    private static final Pattern IPV4 = Pattern.compile("\\[?([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})\\]?");

    private final class Info {
        double ts;
        int depth;
        String helo, mailfrom, lastReply;
        Set<String> rcptto;
        byte[] date, from, replyTo, msgId, inReplyTo, subject, firstReceived, secondReceived, userAgent;
        Set<String> to, cc;
        String xOrigIp;
        final List<String> path = new ArrayList<>();
        boolean tls;
        final List<String> fuids = new ArrayList<>();
        boolean activity;
    }

    private final ZeekLogWriter logs;
    private final FileSink files;
    private Info info;
    private int transactions;
    private String helo;
    private String lastCommand = "";
    private boolean inData;
    private boolean startTlsAsked;
    private MimeParser mime;

    SmtpAnalyzer(ZeekLogWriter logs, FileSink files, TlsAnalyzer tls) {
        super(MAX_LINE, tls);
        this.logs = logs;
        this.files = files;
    }

    @Override
    protected void line(boolean isOrig, byte[] l) {
        if (isOrig) {
            clientLine(l);
        } else {
            serverLine(l);
        }
    }

    private Info info() {
        if (info == null) {
            info = new Info();
            info.ts = now;
            info.depth = ++transactions;
            info.helo = helo;
            info.path.add(Addresses.format(conn.respHi, conn.respLo));
            info.path.add(Addresses.format(conn.origHi, conn.origLo));
        }
        return info;
    }

    private void clientLine(byte[] l) {
        if (inData) {
            if (l.length == 1 && l[0] == '.') {
                inData = false;
                mime.end();
                mime = null;
                lastCommand = ".";
                return;
            }
            byte[] content = l.length > 0 && l[0] == '.' ? java.util.Arrays.copyOfRange(l, 1, l.length) : l;
            mime.line(content);
            return;
        }
        String s = new String(l, StandardCharsets.ISO_8859_1);
        int sp = s.indexOf(' ');
        String cmd = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : s.substring(sp + 1);
        lastCommand = cmd;
        Info i = info();
        switch (cmd) {
            case "HELO", "EHLO" -> {
                helo = arg;
                i.helo = arg;
            }
            case "MAIL" -> {
                if (i.mailfrom != null || i.rcptto != null) {
                    flush();
                    i = info();
                }
                Matcher m = EMAIL.matcher(arg);
                i.mailfrom = m.find() ? m.group() : arg.replaceFirst("(?i)^from:\\s*", "");
            }
            case "RCPT" -> {
                if (i.rcptto == null) {
                    i.rcptto = new LinkedHashSet<>();
                }
                Matcher m = EMAIL.matcher(arg);
                while (m.find()) {
                    i.rcptto.add(m.group());
                }
            }
            case "STARTTLS" -> startTlsAsked = true;
            default -> { }
        }
        if (!cmd.equals("HELO") && !cmd.equals("EHLO") && !cmd.equals("QUIT") && !cmd.equals("RSET")
                && !cmd.equals("NOOP")) {
            i.activity = true; // Zeek logs a transaction only after client activity beyond greetings
        }
        conn.confirm("smtp");
    }

    private void serverLine(byte[] l) {
        if (l.length < 3 || l[0] < '0' || l[0] > '9') {
            return;
        }
        if (l.length > 3 && l[3] == '-') {
            return; // not the last line of a multi-line reply
        }
        String s = new String(l, StandardCharsets.ISO_8859_1);
        int code;
        try {
            code = Integer.parseInt(s.substring(0, 3));
        } catch (NumberFormatException e) {
            return;
        }
        String text = s.length() > 4 ? s.substring(4) : "";
        Info i = info();
        i.lastReply = code + " " + text;
        if (lastCommand.equals("DATA") && code == 354) {
            inData = true;
            mime = new MimeParser(new MimeHandler(i));
        } else if (lastCommand.equals(".")) {
            flush();
        } else if (startTlsAsked && lastCommand.equals("STARTTLS") && code == 220) {
            i.tls = true;
            startTls();
        }
    }

    /** Receives MIME headers and entities of the current message. */
    private final class MimeHandler implements MimeParser.Handler {
        private final Info i;

        MimeHandler(Info i) {
            this.i = i;
        }

        @Override
        public void topHeader(String name, byte[] value) {
            String v = new String(value, StandardCharsets.ISO_8859_1);
            switch (name) {
                case "DATE" -> i.date = value;
                case "FROM" -> i.from = value;
                case "TO" -> i.to = split(i.to, v);
                case "CC" -> i.cc = split(i.cc, v);
                case "REPLY-TO" -> i.replyTo = value;
                case "MESSAGE-ID" -> i.msgId = value;
                case "IN-REPLY-TO" -> i.inReplyTo = value;
                case "SUBJECT" -> i.subject = value;
                case "X-ORIGINATING-IP" -> {
                    Matcher m = IPV4.matcher(v);
                    if (m.find()) {
                        i.xOrigIp = m.group(1);
                    }
                }
                case "RECEIVED" -> {
                    if (i.firstReceived != null) {
                        i.secondReceived = i.firstReceived;
                    }
                    i.firstReceived = value;
                    Matcher m = IPV4.matcher(v);
                    if (m.find()) {
                        i.path.add(m.group(1));
                    }
                }
                case "X-MAILER", "USER-AGENT", "X-USER-AGENT" -> i.userAgent = value;
                default -> { }
            }
        }

        @Override
        public MimeParser.Sink begin(int depth, byte[] filename) {
            FileSink.File f = files.open(conn, true, "SMTP", depth);
            if (filename != null) {
                f.filename(filename);
            }
            i.fuids.add(f.fuid());
            return new MimeParser.Sink() {
                @Override
                public void data(byte[] d, int off, int len) {
                    f.data(d, off, len, now);
                }

                @Override
                public void end() {
                    f.finish();
                }
            };
        }
    }

    private static Set<String> split(Set<String> set, String v) {
        Set<String> s = set == null ? new LinkedHashSet<>() : set;
        for (String p : v.split(",")) {
            String x = p.strip();
            if (!x.isEmpty()) {
                s.add(x);
            }
        }
        return s;
    }

    private void flush() {
        if (info == null) {
            return;
        }
        Info i = info;
        info = null;
        logs.write(SCHEMA, i.ts, conn.uid(), Addresses.format(conn.origHi, conn.origLo), conn.origPort,
                Addresses.format(conn.respHi, conn.respLo), conn.respPort, i.depth, i.helo, i.mailfrom,
                i.rcptto == null ? null : new ArrayList<>(i.rcptto), i.date, i.from,
                i.to == null ? null : new ArrayList<>(i.to), i.cc == null ? null : new ArrayList<>(i.cc), i.replyTo,
                i.msgId, i.inReplyTo, i.subject, i.xOrigIp, i.firstReceived, i.secondReceived, i.lastReply, i.path,
                i.userAgent, i.tls, i.fuids);
    }

    @Override
    public void done(Conn c) {
        conn = c;
        if (mime != null) {
            mime.end();
            mime = null;
        }
        if (info != null && info.activity) {
            flush();
        }
        super.done(c);
    }
}
