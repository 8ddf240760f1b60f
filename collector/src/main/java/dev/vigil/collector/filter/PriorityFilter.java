package dev.vigil.collector.filter;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.Facility;
import dev.vigil.core.event.Severity;
import java.util.Arrays;

/**
 * A selector ({@code *.*;auth,authpriv.none}) compiled to rsyslog's table: one 8-bit severity mask per
 * facility, 24 RFC 5424 facilities plus rsyslog's "invld" (24), so matching is one array load and a shift.
 * Build it with {@link SelectorParser}.
 */
public final class PriorityFilter implements Filter {
    /** Facilities 0..23 and rsyslog's invld (24), which {@code *} also covers. */
    public static final int FACILITIES = 25;
    private final String text;
    private final int[] masks;

    PriorityFilter(String text, int[] masks) {
        this.text = text;
        this.masks = masks.clone();
    }

    @Override
    public boolean matches(Event e) {
        int fac = e.facility();
        return fac >= 0 && fac < FACILITIES && ((masks[fac] >>> e.severity()) & 1) != 0;
    }

    /** True when the selector matches facility {@code fac} at severity {@code sev}. */
    public boolean matches(int fac, int sev) {
        return fac >= 0 && fac < FACILITIES && sev >= 0 && sev < 8 && ((masks[fac] >>> sev) & 1) != 0;
    }

    /** True when no facility/severity pair can match (e.g. {@code *.!err}: negation only). */
    public boolean matchesNothing() {
        for (int m : masks) {
            if (m != 0) {
                return false;
            }
        }
        return true;
    }

    /** The selector as written. */
    public String text() {
        return text;
    }

    /** Which facility.severity pairs match, e.g. "mail.{emerg,alert,crit}". */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < FACILITIES; f++) {
            if (masks[f] == 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(Facility.name(f)).append(".{");
            String sep = "";
            for (int s = 0; s < 8; s++) {
                if (((masks[f] >>> s) & 1) != 0) {
                    sb.append(sep).append(Severity.name(s));
                    sep = ",";
                }
            }
            sb.append('}');
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorityFilter p && Arrays.equals(masks, p.masks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(masks);
    }

    @Override
    public String toString() {
        return text;
    }
}
