package dev.vigil.index.extract;

import java.util.List;

/** Splunk's pretrained sourcetype names Vigil knows, and detection of a sourcetype from one line. */
public final class Sourcetypes {
    public static final String SYSLOG = "syslog";
    public static final String LINUX_SECURE = "linux_secure";
    public static final String ACCESS_COMBINED = "access_combined";
    public static final String ACCESS_COMMON = "access_common";
    public static final String APACHE_ERROR = "apache_error";
    public static final String VSFTPD = "vsftpd";
    public static final String XFERLOG = "xferlog";
    public static final String POSTFIX = "postfix_syslog";
    public static final String SENDMAIL = "sendmail_syslog";
    public static final String SAMBA = "samba";
    public static final String JSON = "_json";
    /** Windows events in their XML rendering (Splunk's name; also {@code XmlWinEventLog:<channel>}). */
    public static final String XML_WIN_EVENT_LOG = "XmlWinEventLog";
    /** Windows events in Splunk's classic text rendering (also {@code WinEventLog:<channel>}). */
    public static final String WIN_EVENT_LOG = "WinEventLog";
    /** Zeek logs are {@code zeek_<path>}: zeek_conn, zeek_http, zeek_dns… */
    public static final String ZEEK_PREFIX = "zeek_";
    /** Anything not recognised, as Splunk names a line it cannot classify from a file. */
    public static final String UNKNOWN = "generic_single_line";

    /** Every name with a dedicated extractor (Zeek logs besides). */
    public static final List<String> KNOWN = List.of(SYSLOG, LINUX_SECURE, ACCESS_COMBINED, ACCESS_COMMON,
            APACHE_ERROR, VSFTPD, XFERLOG, POSTFIX, SENDMAIL, SAMBA, JSON, XML_WIN_EVENT_LOG, WIN_EVENT_LOG);

    private Sourcetypes() {
    }

    /**
     * The sourcetype of a line, judged from its text and, when known, its source (a file name).
     * Order matters: the specific formats are tried before syslog, which many of them travel inside.
     */
    public static String detect(String raw, String source) {
        String src = source == null ? "" : source.toLowerCase(java.util.Locale.ROOT);
        String t = raw.strip();
        if (src.endsWith("xferlog") || Vsftpd.isXferlog(t)) {
            return XFERLOG;
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            return Zeek.isZeekJson(t) ? Zeek.sourcetypeOfJson(t, src) : JSON;
        }
        String windows = WinEvents.detect(t);
        if (windows != null) {
            return windows;
        }
        if (AccessLog.looksLike(t)) {
            return t.endsWith("\"") ? ACCESS_COMBINED : ACCESS_COMMON;
        }
        if (ApacheError.looksLike(t)) {
            return APACHE_ERROR;
        }
        if (Vsftpd.isVsftpd(t)) {
            return VSFTPD;
        }
        if (Samba.looksLike(t)) {
            return SAMBA;
        }
        SyslogLine s = SyslogLine.parse(t);
        if (s != null) {
            String p = s.process() == null ? "" : s.process();
            if (p.startsWith("postfix")) {
                return POSTFIX;
            }
            if (p.equals("sendmail") || p.equals("sm-mta") || p.equals("sm-msp-queue")) {
                return SENDMAIL;
            }
            if (LinuxSecure.isSecureProcess(p) || src.endsWith("secure") || src.endsWith("auth.log")) {
                return LINUX_SECURE;
            }
            return SYSLOG;
        }
        return UNKNOWN;
    }
}
