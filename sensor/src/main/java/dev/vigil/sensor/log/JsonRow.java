package dev.vigil.sensor.log;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One row as Zeek's JSON writer prints it: flattened field names, unset fields left out. */
final class JsonRow {
    private JsonRow() {
    }

    static void append(StringBuilder sb, LogSchema s, Object[] values) {
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(s.fields().get(i)).append("\":");
            String type = s.types().get(i);
            if (v instanceof List<?> list) {
                String inner = type.substring(type.indexOf('[') + 1, type.length() - 1);
                sb.append('[');
                for (int k = 0; k < list.size(); k++) {
                    if (k > 0) {
                        sb.append(',');
                    }
                    value(sb, inner, list.get(k));
                }
                sb.append(']');
            } else {
                value(sb, type, v);
            }
        }
        sb.append('}');
    }

    private static void value(StringBuilder sb, String type, Object v) {
        switch (type) {
            case "time", "interval", "double" -> {
                int start = sb.length();
                ZeekValues.fixed6(sb, ((Number) v).doubleValue());
                int end = sb.length();
                while (end > start && sb.charAt(end - 1) == '0' && sb.charAt(end - 2) != '.') {
                    end--;
                }
                sb.setLength(end);
            }
            case "bool" -> sb.append(((Boolean) v) ? "true" : "false");
            case "count", "int", "port" -> sb.append(v);
            default -> {
                byte[] b = v instanceof byte[] bytes ? bytes : v.toString().getBytes(StandardCharsets.UTF_8);
                sb.append('"');
                int i = 0;
                while (i < b.length) {
                    int c = b[i] & 0xff;
                    if (c == '"' || c == '\\') {
                        sb.append('\\').append((char) c);
                        i++;
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", c));
                        i++;
                    } else if (c < 0x80) {
                        sb.append((char) c);
                        i++;
                    } else {
                        int n = ZeekValues.utf8Length(b, i);
                        if (n == 0) {
                            sb.append("\\\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                            i++;
                        } else {
                            ZeekValues.bytesAsChars(sb, b, i, n);
                            i += n;
                        }
                    }
                }
                sb.append('"');
            }
        }
    }
}
