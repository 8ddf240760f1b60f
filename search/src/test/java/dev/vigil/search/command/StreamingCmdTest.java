package dev.vigil.search.command;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.exec.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** table, fields, rename, sort, head, tail, dedup, fillnull, bin, where, eval per the Search Reference. */
class StreamingCmdTest {
    static List<SearchEvent> events() {
        List<SearchEvent> out = new ArrayList<>();
        String[] vals = {"10", "9", "100", "abc", "Abc", null, "70"};
        for (int i = 0; i < vals.length; i++) out.add(ev(T0 - i, "e" + i, "v", vals[i], "k", i % 2 == 0 ? "even" : "odd"));
        return out;
    }

    @Test
    void tableKeepsExactlyTheNamedColumnsEvenWhenEmpty() {
        var r = run(events(), "* | table k, v, nothere, so*");
        assertThat(r.columns()).containsExactly("k", "v", "nothere", "source", "sourcetype");
    }

    @Test
    void fieldsRemovesOrKeepsAndRenameTakesWildcards() {
        assertThat(run(events(), "* | fields - source*, index, _raw").columns()).containsExactly("_time", "host", "v", "k");
        assertThat(run(events(), "* | fields k").columns()).containsExactly("_time", "k", "_raw");
        assertThat(run(events(), "* | rename source* AS src_* | table src_*").columns()).containsExactly("src_", "src_type");
        assertThat(run(events(), "* | rename k AS kind | table kind").columns()).containsExactly("kind");
    }

    @Test
    void sortPutsNumbersBeforeStringsAndMissingLast() {
        // Search Reference, sort: numeric values sort numerically, strings lexicographically (uppercase first)
        assertThat(column(run(events(), "* | sort v"), "v")).containsExactly("9", "10", "70", "100", "Abc", "abc", null);
        assertThat(column(run(events(), "* | sort -v"), "v")).containsExactly("abc", "Abc", "100", "70", "10", "9", null);
        assertThat(column(run(events(), "* | sort str(v)"), "v")).containsExactly("10", "100", "70", "9", "Abc", "abc", null);
        assertThat(column(run(events(), "* | sort 2 v"), "v")).containsExactly("9", "10");
        assertThat(column(run(events(), "* | sort k, -num(v)"), "v")).containsExactly("100", "70", "10", "Abc", "9", "abc", null);
        assertThat(column(run(events(), "* | sort v desc"), "v").get(0)).isEqualTo("abc");
    }

    @Test
    void sortKeepsTenThousandByDefault() {
        List<SearchEvent> many = new ArrayList<>();
        for (int i = 0; i < 10_050; i++) many.add(ev(T0 - i, "x", "n", String.valueOf(i)));
        assertThat(run(many, "* | sort n").rows()).hasSize(10_000);
        assertThat(run(many, "* | sort 0 n").rows()).hasSize(10_050);
    }

    @Test
    void headAndTailDefaultToTenAndTailReverses() {
        List<SearchEvent> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) many.add(ev(T0 - i, "e" + i));
        assertThat(run(many, "* | head").rows()).hasSize(10);
        assertThat(column(run(many, "* | head 2"), "_raw")).containsExactly("e0", "e1");
        assertThat(column(run(many, "* | tail 3"), "_raw")).containsExactly("e29", "e28", "e27");
        assertThat(run(many, "* | tail").rows()).hasSize(10);
    }

    @Test
    void dedupDropsEventsMissingTheFieldUnlessKeepempty() {
        assertThat(column(run(events(), "* | dedup k"), "_raw")).containsExactly("e0", "e1");
        assertThat(column(run(events(), "* | dedup 2 k"), "_raw")).containsExactly("e0", "e1", "e2", "e3");
        assertThat(column(run(events(), "* | dedup v"), "_raw")).doesNotContain("e5").hasSize(6);
        assertThat(column(run(events(), "* | dedup v keepempty=true"), "_raw")).contains("e5").hasSize(7);
        assertThat(column(run(events(), "* | dedup k consecutive=true"), "_raw")).hasSize(7);
        assertThat(column(run(events(), "* | dedup k sortby -_raw"), "_raw")).containsExactly("e1", "e0");
    }

    @Test
    void fillnullFillsEveryFieldOrTheNamedOnes() {
        var r = run(events(), "* | table v k | fillnull");
        assertThat(column(r, "v")).contains("0");
        assertThat(column(run(events(), "* | fillnull value=NA v | table v"), "v")).contains("NA");
    }

    @Test
    void binSnapsTimeAndMakesNumericRanges() {
        var events = List.of(ev(T0 + 125, "a", "n", "17"), ev(T0 + 3599, "b", "n", "243"));
        assertThat(lines(run(events, "* | bin _time span=5m | table _time"))).containsExactly(
                "_time=1710075300", "_time=1710072000");
        assertThat(column(run(events, "* | bin n span=10"), "n")).containsExactly("240-250", "10-20");
        assertThat(column(run(events, "* | bucket n bins=10 AS r"), "r")).containsExactly("200-300", "0-100");
    }

    @Test
    void whereUsesEvalSemanticsAndEvalAssignsInOrder() {
        // a number against a non-numeric string compares as strings, as the search command does
        assertThat(column(run(events(), "* | where v > 50"), "v")).containsExactly("100", "abc", "Abc", "70");
        assertThat(column(run(events(), "* | where tonumber(v) > 50"), "v")).containsExactly("100", "70");
        assertThat(column(run(events(), "* | where like(v, \"a%\") OR v=\"Abc\""), "v")).containsExactly("abc", "Abc");
        assertThat(column(run(events(), "* | eval a=1, b=a+1, k=null() | table b k"), "b")).containsOnly("2");
        assertThat(column(run(events(), "* | eval m=mvappend(k, \"z\") | where m=\"z\" | head 1"), "m"))
                .containsExactly("even|z");
    }
}
