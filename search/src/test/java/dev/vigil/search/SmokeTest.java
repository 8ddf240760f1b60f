package dev.vigil.search;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsAPipeline() {
        var events = List.of(
                ev(T0, "user=alice action=login status=ok", "host", "a"),
                ev(T0 + 1, "user=bob action=login status=fail", "host", "b"),
                ev(T0 + 2, "user=alice action=logout status=ok", "host", "a"));
        var r = run(events, "action=login | stats count by host");
        System.out.println(r);
        assertThat(lines(r)).containsExactly("host=a count=1", "host=b count=1");
        System.out.println(lines(run(events, "* | eval x=len(user) . \"-\" . upper(status) | table user x")));
        System.out.println(lines(run(events, "| makeresults count=3 | streamstats count | eval y=count*2")));
        System.out.println(lines(run(events, "* | timechart span=1s count by user")));
        System.out.println(lines(run(events, "* | top user")));
        System.out.println(lines(run(events, "* | transaction user")));
    }
}
