package dev.vigil.index.extract;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field extraction by sourcetype: the one entry point for index time and search time.
 * {@link #extract} gives a sourcetype's fields, the event's own timestamp and host; {@link #kv} is
 * Splunk's KV_MODE=auto alone. Never throws on bad input: what cannot be parsed yields no fields.
 */
public final class FieldExtractor {
    /** Text longer than this is only partly examined (the first this many characters). */
    public static final int MAX_EXAMINED_CHARS = 65_536;

    private FieldExtractor() {
    }

    /** The fields of {@code raw} read as {@code sourcetype} (null: detected). */
    public static Map<String, Object> fields(String sourcetype, String raw) {
        return extract(sourcetype, raw).fields();
    }

    /** Splunk's KV_MODE=auto over a text: every key=value pair, in order. */
    public static Map<String, Object> kv(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        Kv.extract(bounded(text), out);
        return out;
    }

    /** Fields, timestamp and host of {@code raw} read as {@code sourcetype} (null or empty: detected). */
    public static Extraction extract(String sourcetype, String raw) {
        String s = bounded(raw);
        String st = sourcetype == null || sourcetype.isEmpty() ? Sourcetypes.detect(s, null) : sourcetype;
        Map<String, Object> f = new LinkedHashMap<>();
        try {
            return byType(st, s, f);
        } catch (RuntimeException e) {
            // a pathological line must not stop ingestion; it keeps what was extracted so far
            return new Extraction(f, null, null);
        }
    }

    private static Extraction byType(String st, String s, Map<String, Object> f) {
        switch (st) {
            case Sourcetypes.ACCESS_COMBINED:
            case Sourcetypes.ACCESS_COMMON:
                return new Extraction(f, AccessLog.extract(s, f), null);
            case Sourcetypes.APACHE_ERROR: {
                Instant t = ApacheError.extract(s, f);
                withKv(s, f);
                return new Extraction(f, t, null);
            }
            case Sourcetypes.JSON: {
                Json.flatten(s.strip(), f);
                Extraction win = WinEvents.ofJson(f);
                return win != null ? win : new Extraction(f, Json.time(f), null);
            }
            case Sourcetypes.XFERLOG:
                return new Extraction(f, Vsftpd.xferlog(s, f), null);
            case Sourcetypes.SAMBA: {
                Instant t = Samba.extract(s, f);
                return new Extraction(f, t, null);
            }
            case Sourcetypes.VSFTPD:
                if (Vsftpd.isVsftpd(s)) {
                    return new Extraction(f, Vsftpd.vsftpd(s, f), null);
                }
                return syslogBased(st, s, f);
            default:
                if (WinEvents.isWindowsSourcetype(st)) {
                    Extraction win = WinEvents.extract(s, f);
                    return win != null ? win : syslogBased(st, s, f);
                }
                if (st.startsWith(Sourcetypes.ZEEK_PREFIX)) {
                    String t = s.stripLeading();
                    Instant time = t.startsWith("{") ? Zeek.json(t, f)
                            : Zeek.tsv(st.substring(Sourcetypes.ZEEK_PREFIX.length()), s, f);
                    return new Extraction(f, time, null);
                }
                return syslogBased(st, s, f);
        }
    }

    /** syslog, linux_secure, maillog and anything else: the syslog header when present, then the message. */
    private static Extraction syslogBased(String st, String s, Map<String, Object> f) {
        String trimmed = s.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}") && Json.flatten(trimmed, f)) {
            // a JSON object under any other sourcetype: Splunk's AUTO_KV_JSON extracts it too
            Extraction win = WinEvents.ofJson(f);
            return win != null ? win : new Extraction(f, Json.time(f), null);
        }
        f.clear();
        if (WinXml.looksLike(trimmed)) {
            Extraction win = WinEvents.ofXml(trimmed, f);
            if (win != null) {
                return win;
            }
        }
        SyslogLine line = SyslogLine.parse(s);
        String msg = s;
        Instant time = null;
        String host = null;
        if (line != null) {
            time = line.time();
            host = line.host();
            msg = line.message();
            if (line.process() != null) {
                f.put("process", line.process());
            }
            if (line.pid() != null) {
                f.put("pid", line.pid());
            }
        }
        String process = line == null ? null : line.process();
        if (line != null) {
            Extraction win = windowsBody(msg, f);
            if (win != null) {
                return new Extraction(win.fields(), win.time(), win.host() != null ? win.host() : host, true);
            }
        }
        switch (st) {
            case Sourcetypes.LINUX_SECURE:
                LinuxSecure.extract(process, msg, f);
                break;
            case Sourcetypes.POSTFIX:
            case Sourcetypes.SENDMAIL:
                MailLog.extract(msg, f);
                break;
            case Sourcetypes.VSFTPD:
                Vsftpd.vsftpd(msg, f);
                break;
            case Sourcetypes.SAMBA:
                Samba.audit(msg, f);
                break;
            default:
                if (process != null && LinuxSecure.isSecureProcess(process)) {
                    LinuxSecure.extract(process, msg, f);
                } else if (process != null && (process.startsWith("postfix") || process.equals("sendmail")
                        || process.equals("sm-mta"))) {
                    MailLog.extract(msg, f);
                } else if ("vsftpd".equals(process)) {
                    Vsftpd.vsftpd(msg, f);
                } else if ("smbd_audit".equals(process) || "smbd".equals(process)) {
                    Samba.audit(msg, f);
                }
                break;
        }
        withKv(msg, f);
        return new Extraction(f, time, host);
    }

    /** A Windows event (JSON or XML) carried as a syslog message's body, as NXLog and others send it; else null. */
    private static Extraction windowsBody(String msg, Map<String, Object> f) {
        int from = 0;
        while (from < msg.length() && msg.charAt(from) == ' ') {
            from++;
        }
        if (from == msg.length() || (msg.charAt(from) != '{' && msg.charAt(from) != '<')) {
            return null; // the usual syslog message: no copy made
        }
        String body = msg.strip();
        if (body.startsWith("{") && body.endsWith("}")) {
            Map<String, Object> json = new LinkedHashMap<>();
            if (Json.flatten(body, json) && WinJson.form(json) != null) {
                f.putAll(json);
                return WinEvents.ofJson(f);
            }
        } else if (WinXml.looksLike(body)) {
            return WinEvents.ofXml(body, f);
        }
        return null;
    }

    /** KV_MODE=auto pairs whose keys the sourcetype did not already give. */
    private static void withKv(String text, Map<String, Object> f) {
        if (text.indexOf('=') < 0) {
            return;
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        Kv.extract(text, kv);
        for (Map.Entry<String, Object> e : kv.entrySet()) {
            f.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    private static String bounded(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_EXAMINED_CHARS ? s.substring(0, MAX_EXAMINED_CHARS) : s;
    }
}
