package dev.vigil.search.output;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact text users see for each format. */
class ResultWriterTest {
    static String write(String query, ResultWriter.Format f) throws Exception {
        var events = List.of(ev(T0, "user=alice n=5", "host", "web01"), ev(T0 + 1.5, "user=bob n=12", "host", "db01"),
                ev(T0 + 2, "user=bob n=1", "host", "db01"));
        StringWriter w = new StringWriter();
        ResultWriter.write(run(events, query), f, UTC, w);
        return w.toString();
    }

    @Test
    void tablePrintsHeaderRuleAndRightAlignedNumbers() throws Exception {
        assertThat(write("* | stats count, sum(n) AS total by host", ResultWriter.Format.TABLE))
                .isEqualTo("host  count total\n----- ----- -----\ndb01      2    13\nweb01     1     5\n");
    }

    @Test
    void tablePrintsRawForEventSearches() throws Exception {
        assertThat(write("user=bob", ResultWriter.Format.TABLE)).isEqualTo("user=bob n=1\nuser=bob n=12\n");
        assertThat(write("user=bob | fields - _raw, _time, host, source*, index", ResultWriter.Format.TABLE))
                .isEqualTo("user  n\n---- --\nbob   1\nbob  12\n");
    }

    @Test
    void jsonHasColumnsAndRowsWithNumbersAsNumbers() throws Exception {
        assertThat(write("* | stats count by host", ResultWriter.Format.JSON))
                .isEqualTo("{\"columns\":[\"host\",\"count\"],\"rows\":[[\"db01\",2],[\"web01\",1]]}\n");
        assertThat(write("user=alice | table _time user", ResultWriter.Format.JSON))
                .isEqualTo("{\"columns\":[\"_time\",\"user\"],\"rows\":[[\"2024-03-10T12:00:00.000+00:00\",\"alice\"]]}\n");
    }

    @Test
    void csvQuotesAndUsesIsoTimes() throws Exception {
        assertThat(write("* | head 2 | eval m=\"a,b\" | table _time m user", ResultWriter.Format.CSV))
                .isEqualTo("_time,m,user\r\n2024-03-10T12:00:02.000+00:00,\"a,b\",bob\r\n"
                        + "2024-03-10T12:00:01.500+00:00,\"a,b\",bob\r\n");
    }
}
