package dev.vigil.collector.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.core.syslog.Properties;
import dev.vigil.core.syslog.TimeFormats;
import java.util.Locale;

/**
 * A property of the message with the property replacer's transformations, applied in rsyslog's order:
 * value (dates formatted), substring / regex / field extraction, sp-if-no-1st-sp, case, control
 * characters, fixed width, secure path, drop-last-lf, then csv/json formatting and template escaping.
 */
public final class PropertyPart implements Part {
    private final PropertySpec s;
    private final String name;
    private final Pattern pattern;
    private final boolean isDate;
    private final int kind;
    private final boolean transforms;
    /** %msg% with at most sp-if-no-1st-sp / drop-last-lf: copied as bytes from the raw message. */
    private final boolean msgBytes;
    /** from:to is the only transformation (e.g. rsyslog's %syslogtag:1:32%). */
    private final boolean onlySubstring;

    public PropertyPart(PropertySpec spec) {
        this.s = spec;
        String canonical = Properties.canonical(spec.name);
        if (canonical == null) {
            throw new IllegalArgumentException("unknown property '" + spec.name + "'");
        }
        this.name = canonical;
        this.pattern = spec.regex == null ? null : PosixRegex.compile(spec.regex, spec.regexExtended, false);
        this.isDate = name.equals("timereported") || name.equals("timegenerated");
        this.kind = kindOf(name);
        this.transforms = spec.from > 0 || spec.to > 0 || spec.toEnd || pattern != null || spec.fieldNumber > 0
                || spec.spIfNo1stSp || spec.uppercase || spec.lowercase
                || spec.controlChars != PropertySpec.ControlChars.KEEP || spec.fixedWidth || spec.secpathDrop
                || spec.secpathReplace || spec.dropLastLf || spec.format != PropertySpec.Format.PLAIN;
        this.onlySubstring = (spec.from > 0 || spec.to > 0 || spec.toEnd) && pattern == null && spec.fieldNumber <= 0
                && !spec.spIfNo1stSp && !spec.uppercase && !spec.lowercase
                && spec.controlChars == PropertySpec.ControlChars.KEEP && !spec.fixedWidth && !spec.secpathDrop
                && !spec.secpathReplace && !spec.dropLastLf && spec.format == PropertySpec.Format.PLAIN;
        this.msgBytes = name.equals("msg") && pattern == null && spec.fieldNumber <= 0 && spec.from <= 0
                && spec.to <= 0 && !spec.toEnd && !spec.uppercase && !spec.lowercase
                && spec.controlChars == PropertySpec.ControlChars.KEEP && !spec.fixedWidth && !spec.secpathDrop
                && !spec.secpathReplace && spec.format == PropertySpec.Format.PLAIN;
    }

    /** The canonical property name. */
    public String name() {
        return name;
    }

    public PropertySpec spec() {
        return s;
    }

    @Override
    public void render(Event e, OutBuffer out, Escaping escape) {
        if (msgBytes && escape == Escaping.NONE && e.msgOffset() >= 0) {
            renderMsgBytes(e, out);
            return;
        }
        // the fast paths below write bytes that no template escaping changes (digits, ASCII dates)
        if (isDate && !transforms && !s.dateUtc) {
            if (s.date == DateFormat.RFC3339) {
                SyslogTime t = kind == REPORTED ? Properties.reported(e) : Properties.generated(e);
                byte[] b = out.reserve(TimeFormats.RFC3339_MAX);
                out.advance(TimeFormats.rfc3339(t, b, out.length()));
                return;
            }
            if (s.date == DateFormat.DEFAULT || s.date == DateFormat.RFC3164) {
                SyslogTime t = kind == REPORTED ? Properties.reported(e) : Properties.generated(e);
                byte[] b = out.reserve(TimeFormats.RFC3164_MAX);
                out.advance(TimeFormats.rfc3164(t, b, out.length()));
                return;
            }
        }
        if (!transforms && (kind == PRI || kind == SEVERITY || kind == FACILITY)) {
            int n = kind == PRI ? e.pri() : kind == SEVERITY ? e.severity() : e.facility();
            if (n >= 0 && (kind == PRI ? n <= MAX_PRI : kind == SEVERITY || n <= 23)) {
                out.appendDecimal(n);
                return;
            }
        }
        if (onlySubstring && escape == Escaping.NONE && appendAsciiSubstring(raw(e), out)) {
            return;
        }
        String v = value(e);
        out.append(escape == Escaping.NONE ? v : escape.apply(v));
    }

    private void renderMsgBytes(Event e, OutBuffer out) {
        byte[] raw = e.raw();
        int off = e.msgOffset();
        int len = raw.length - off;
        if (s.spIfNo1stSp) {
            if (len == 0 || raw[off] != ' ') {
                out.append((byte) ' ');
            }
            return;
        }
        if (s.dropLastLf && len > 0 && raw[off + len - 1] == '\n') {
            len--;
        }
        out.append(raw, off, len);
    }

    /**
     * from:to of an ASCII value, where characters are bytes, appended without building the substring;
     * false (nothing written) for a value with other characters, which {@link #substringBytes} handles.
     */
    private boolean appendAsciiSubstring(String v, OutBuffer out) {
        int n = v.length();
        int to = s.toEnd || s.to <= 0 ? n : Math.min(s.to, n);
        for (int i = 0; i < to; i++) {
            if (v.charAt(i) >= 0x80) {
                return false;
            }
        }
        int from = Math.max(1, s.from);
        if (from <= n && to >= from) {
            out.appendAscii(v, from - 1, to);
        }
        return true;
    }

    /** The transformed value of this property for {@code e}, before template-level escaping. */
    public String value(Event e) {
        String v = raw(e);
        return transforms ? transform(v) : v;
    }

    private String raw(Event e) {
        switch (kind) {
            case MSG: return e.msg();
            case HOSTNAME: return e.hostname();
            case SYSLOGTAG: return e.syslogTag();
            case PROGRAMNAME: return e.programName();
            case REPORTED: return s.date.format(Properties.reported(e), s.dateUtc);
            case GENERATED: return s.date.format(Properties.generated(e), s.dateUtc);
            case SYSTEM: return SystemProperties.get(name, e);
            default: return Properties.get(e, name);
        }
    }

    private static final int OTHER = 0;
    private static final int MSG = 1;
    private static final int HOSTNAME = 2;
    private static final int SYSLOGTAG = 3;
    private static final int PROGRAMNAME = 4;
    private static final int REPORTED = 5;
    private static final int GENERATED = 6;
    private static final int SYSTEM = 7;
    /** Highest valid PRI, facility 23 severity 7 (RFC 5424 §6.2.1); rsyslog writes "invld" above it. */
    private static final int MAX_PRI = 191;
    private static final int PRI = 8;
    private static final int SEVERITY = 9;
    private static final int FACILITY = 10;

    private static int kindOf(String canonical) {
        switch (canonical) {
            case "msg": return MSG;
            case "hostname": return HOSTNAME;
            case "syslogtag": return SYSLOGTAG;
            case "programname": return PROGRAMNAME;
            case "timereported": return REPORTED;
            case "timegenerated": return GENERATED;
            case "pri": return PRI;
            case "syslogseverity": return SEVERITY;
            case "syslogfacility": return FACILITY;
            default: return canonical.startsWith("$") ? SYSTEM : OTHER;
        }
    }

    private String transform(String v) {
        if (pattern != null) {
            v = regex(v);
        } else if (s.fieldNumber > 0) {
            v = field(v);
        } else if (s.from > 0 || s.to > 0 || s.toEnd) {
            v = substringBytes(v);
        }
        if (s.spIfNo1stSp) {
            // rsyslog 8.2302 gives " " for an empty value too (the corpus shows "app: " for an empty MSG)
            v = !v.isEmpty() && v.charAt(0) == ' ' ? "" : " ";
        }
        if (s.uppercase) {
            v = v.toUpperCase(Locale.ROOT);
        } else if (s.lowercase) {
            v = v.toLowerCase(Locale.ROOT);
        }
        if (s.controlChars != PropertySpec.ControlChars.KEEP) {
            v = controlChars(v);
        }
        if (s.fixedWidth && s.to > 0) {
            int width = s.to - Math.max(1, s.from) + 1;
            int have = dev.vigil.core.syslog.SyslogText.encode(v).length;
            if (have < width) {
                v = v + " ".repeat(width - have);
            }
        }
        if (s.secpathDrop || s.secpathReplace) {
            v = securePath(v, s.secpathReplace);
        }
        if (s.dropLastLf && s.controlChars != PropertySpec.ControlChars.ESCAPE && v.endsWith("\n")) {
            v = v.substring(0, v.length() - 1);
        }
        switch (s.format) {
            case CSV: return "\"" + v.replace("\"", "\"\"") + "\"";
            case JSON: return Json.escape(v);
            case JSONF: return "\"" + (s.outName != null ? s.outName : s.name) + "\":\"" + Json.escape(v) + "\"";
            case JSONR: return Json.escape(v).replace("\\/", "/");
            default: return v;
        }
    }

    /** fromChar/toChar count bytes, as rsyslog does (a Korean hostname is cut inside a character). */
    private String substringBytes(String v) {
        byte[] b = dev.vigil.core.syslog.SyslogText.encode(v);
        int from = Math.max(1, s.from);
        int to = s.toEnd || s.to <= 0 ? b.length : Math.min(s.to, b.length);
        if (from > b.length || to < from) {
            return "";
        }
        return dev.vigil.core.syslog.SyslogText.decode(b, from - 1, to - from + 1);
    }

    /** rsyslog's secpath-drop / secpath-replace: no '/' and never "", "." or "..". */
    static String securePath(String v, boolean replace) {
        if (v.indexOf('/') >= 0) {
            v = replace ? v.replace('/', '_') : v.replace("/", "");
        }
        if (v.isEmpty() || v.equals(".") || v.equals("..")) {
            return "_";
        }
        return v;
    }

    private String controlChars(String v) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean cc = c < 0x20 || c == 0x7f;
            if (cc && sb == null) {
                sb = new StringBuilder(v.length() + 8).append(v, 0, i);
            }
            if (!cc) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            switch (s.controlChars) {
                case SPACE: sb.append(' '); break;
                case DROP: break;
                default:
                    sb.append('#').append((char) ('0' + ((c >> 6) & 7))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
            }
        }
        return sb == null ? v : sb.toString();
    }

    private String regex(String v) {
        Matcher m = pattern.matcher(v);
        int found = -1;
        int start = 0;
        boolean ok = false;
        while (start <= v.length() && m.find(start)) {
            found++;
            if (found == s.regexMatch) {
                ok = true;
                break;
            }
            start = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        if (ok && s.regexSubmatch <= m.groupCount()) {
            String g = m.group(s.regexSubmatch);
            return g == null ? "" : g;
        }
        switch (s.noMatch) {
            case BLANK: return "";
            case ZERO: return "0";
            case FIELD: return v;
            default: return "**NO MATCH**";
        }
    }

    private String field(String v) {
        String delim = s.fieldDelimiter;
        int idx = 0;
        for (int n = 1; n < s.fieldNumber; n++) {
            int next = v.indexOf(delim, idx);
            if (next < 0) {
                return "**FIELD NOT FOUND**";
            }
            idx = next + delim.length();
        }
        int end = v.indexOf(delim, idx);
        return end < 0 ? v.substring(idx) : v.substring(idx, end);
    }

    @Override
    public String toString() {
        return "%" + s.name + "%";
    }

}
