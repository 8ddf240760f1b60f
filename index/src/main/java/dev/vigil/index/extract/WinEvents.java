package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Windows Event Log and Sysmon events in every form Vigil accepts — the XML rendering ({@link WinXml}),
 * Winlogbeat and NXLog JSON ({@link WinJson}), Splunk's classic text ({@link WinClassic}) — with the same
 * field names whatever the form: those of the XML rendering, which are Sysmon's and the ones Sigma rules use
 * ({@code EventID}, {@code Channel}, {@code Computer}, {@code Image}, {@code CommandLine}, {@code User},
 * {@code Hashes}…), plus {@code EventCode} (Splunk's name for EventID), {@code Provider_Name} and
 * {@code SourceName} (the provider, as Sigma and NXLog name it) and the hashes split into {@code MD5},
 * {@code SHA1}, {@code SHA256}, {@code IMPHASH}.
 */
final class WinEvents {
    static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";

    private WinEvents() {
    }

    /** Whether a sourcetype names Windows events: {@code XmlWinEventLog}, {@code WinEventLog}, {@code …:Channel}. */
    static boolean isWindowsSourcetype(String st) {
        return st.regionMatches(true, 0, Sourcetypes.XML_WIN_EVENT_LOG, 0, Sourcetypes.XML_WIN_EVENT_LOG.length())
                || st.regionMatches(true, 0, Sourcetypes.WIN_EVENT_LOG, 0, Sourcetypes.WIN_EVENT_LOG.length());
    }

    /** The sourcetype of a Windows event's text (XML or classic), or null when it is neither. */
    static String detect(String t) {
        if (t.startsWith("<")) {
            return WinXml.looksLike(t) ? Sourcetypes.XML_WIN_EVENT_LOG : null;
        }
        return WinClassic.looksLike(t) ? Sourcetypes.WIN_EVENT_LOG : null;
    }

    /**
     * A Windows event in whichever form the text is; null when it is none of them (then {@code f} may hold
     * what a JSON object gave, and nothing else).
     */
    static Extraction extract(String s, Map<String, Object> f) {
        String t = s.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            Json.flatten(t, f);
            return ofJson(f);
        }
        if (WinXml.looksLike(t)) {
            return ofXml(t, f);
        }
        if (WinClassic.looksLike(t)) {
            Instant time = WinClassic.read(t, f);
            return finish(f, time);
        }
        return null;
    }

    /** A flattened JSON object that is a Winlogbeat or NXLog event; null when it is neither. */
    static Extraction ofJson(Map<String, Object> f) {
        String form = WinJson.form(f);
        if (form == null) {
            return null;
        }
        return finish(f, WinJson.normalize(form, f));
    }

    /** The XML rendering; null when the text holds no Event element. */
    static Extraction ofXml(String t, Map<String, Object> f) {
        if (!WinXml.read(t, f)) {
            return null;
        }
        Object tc = f.get("TimeCreated");
        return finish(f, tc instanceof String s ? Times.iso(s) : null);
    }

    /** The names every form shares, the split hashes; the Computer as the event's host. */
    private static Extraction finish(Map<String, Object> f, Instant time) {
        alias(f, "EventID", "EventCode");
        alias(f, "EventSourceName", "SourceName");
        alias(f, "Provider", "SourceName");
        alias(f, "Provider", "Provider_Name");
        splitHashes(f, f.get("Hashes"));
        splitHashes(f, f.get("Hash"));
        Object computer = f.get("Computer");
        return new Extraction(f, time, computer instanceof String c ? c : null, true);
    }

    private static void alias(Map<String, Object> f, String from, String to) {
        Object v = f.get(from);
        if (v != null) {
            f.putIfAbsent(to, v);
        }
    }

    /** Sysmon's {@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…} as one field per algorithm. */
    private static void splitHashes(Map<String, Object> f, Object hashes) {
        if (!(hashes instanceof String h)) {
            return;
        }
        for (String part : h.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && eq < part.length() - 1) {
                String algo = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
                if (algo.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                    f.putIfAbsent(algo, part.substring(eq + 1).strip());
                }
            }
        }
    }
}
