package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Zeek TSV log line by line, following its header ({@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields}): header lines update the
 * reader, data lines become fields under Zeek's names. Unset fields are left out; set and vector
 * fields become multivalue fields. Used for whole files (import) where the header is at hand.
 */
public final class ZeekTsvReader {
    /** A data line with more columns than this is rejected. */
    public static final int MAX_COLUMNS = 4096;

    private Header header = null;

    /** One row of a Zeek log. */
    public record Row(String sourcetype, Map<String, Object> fields, Instant time) {
    }

    /**
     * Feeds one line; returns the row for a data line, null for a header line or a line before any
     * {@code #fields} header.
     */
    public Row line(String line) {
        if (line.startsWith("#")) {
            header = Header.update(header, line);
            return null;
        }
        if (header == null || header.fields == null || line.isEmpty()) {
            return null;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        Instant t = header.row(line, f);
        return new Row(Sourcetypes.ZEEK_PREFIX + (header.path == null ? "unknown" : header.path), f, t);
    }

    /** The log's {@code #path}, or null before the header. */
    public String path() {
        return header == null ? null : header.path;
    }

    /** The header state of a Zeek TSV log. */
    static final class Header {
        String separator = "\t";
        String setSeparator = ",";
        String empty = "(empty)";
        String unset = "-";
        String path;
        String[] fields;
        String[] types;
        /** The set and vector columns of the standard logs, for lines read without a #types header. */
        private static final java.util.Set<String> CONTAINERS = java.util.Set.of("tunnel_parents", "tags", "proxied",
                "orig_fuids", "orig_filenames", "orig_mime_types", "resp_fuids", "resp_filenames", "resp_mime_types",
                "answers", "TTLs", "cert_chain_fps", "client_cert_chain_fps", "rcptto", "to", "cc", "path", "fuids",
                "analyzers", "san.dns", "san.uri", "san.email", "san.ip");

        static Header defaults(String path, String[] fields) {
            Header h = new Header();
            h.path = path;
            h.fields = fields;
            return h;
        }

        static Header update(Header h, String line) {
            Header n = h == null ? new Header() : h;
            if (line.startsWith("#separator ")) {
                n.separator = unescape(line.substring(11).trim());
                return n;
            }
            String[] p = line.split(java.util.regex.Pattern.quote(n.separator), -1);
            String rest = p.length > 1 ? p[1] : "";
            switch (p[0]) {
                case "#set_separator": n.setSeparator = rest; break;
                case "#empty_field": n.empty = rest; break;
                case "#unset_field": n.unset = rest; break;
                case "#path": n.path = rest; break;
                case "#fields": n.fields = Arrays.copyOfRange(p, 1, Math.min(p.length, MAX_COLUMNS + 1)); break;
                case "#types": n.types = Arrays.copyOfRange(p, 1, Math.min(p.length, MAX_COLUMNS + 1)); break;
                default: break;
            }
            return n;
        }

        Instant row(String line, Map<String, Object> f) {
            String[] v = line.split(java.util.regex.Pattern.quote(separator), -1);
            int n = Math.min(v.length, fields.length);
            Instant time = null;
            for (int i = 0; i < n; i++) {
                String value = v[i];
                if (value.equals(unset)) {
                    continue;
                }
                if (value.equals(empty)) {
                    f.put(fields[i], "");
                    continue;
                }
                if (fields[i].equals("ts")) {
                    time = Times.epoch(value);
                }
                if (value.contains(setSeparator) && isContainer(i)) {
                    f.put(fields[i], Arrays.asList(value.split(java.util.regex.Pattern.quote(setSeparator), -1)));
                } else {
                    f.put(fields[i], value);
                }
            }
            return time;
        }

        private boolean isContainer(int i) {
            if (types != null && i < types.length) {
                return types[i].startsWith("set[") || types[i].startsWith("vector[");
            }
            return CONTAINERS.contains(fields[i]);
        }

        private static String unescape(String s) {
            return s.replace("\\x09", "\t").replace("\\x20", " ").replace("\\x2c", ",");
        }
    }
}
