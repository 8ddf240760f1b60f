package dev.vigil.search.output;

import dev.vigil.search.time.TimeFormat;
import dev.vigil.search.value.Values;
import java.time.ZoneId;
import java.util.List;

/** Cell text: {@code _time} as a date, numbers as Splunk prints them, multivalue joined. */
public final class Cells {
    /** How the table format prints {@code _time}. */
    public static final String TABLE_TIME = "%Y-%m-%d %H:%M:%S";
    /** How JSON and CSV print {@code _time}: Splunk's ISO 8601 form with milliseconds and offset. */
    public static final String ISO_TIME = "%Y-%m-%dT%H:%M:%S.%3N%:z";

    private Cells() {}

    /** The text of a cell; {@code joiner} separates multivalue values. */
    public static String text(String column, Object v, ZoneId zone, String timeFormat, String joiner) {
        if (v == null) return "";
        if (column.equals("_time")) {
            Double t = Values.toNumber(v);
            if (t != null) {
                String f = timeFormat;
                if (f.equals(TABLE_TIME) && t != Math.floor(t)) f = f + ".%3N";
                return TimeFormat.strftime(t, f, zone);
            }
        }
        if (v instanceof List<?> l) return String.join(joiner, Values.strings(l));
        return Values.toStr(v);
    }
}
