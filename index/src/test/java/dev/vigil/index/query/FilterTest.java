package dev.vigil.index.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
    record Ev(String raw, Map<String, List<String>> f) implements FieldSource {
        @Override
        public List<String> values(String field) {
            return f.getOrDefault(field, List.of());
        }
    }

    final Ev e = new Ev("Failed password for root from 10.1.2.3 port 22", Map.of("user", List.of("Root"),
            "src_port", List.of("22"), "tag", List.of("a", "b")));

    @Test
    void valuesAreEqualAndPrintable() {
        Filter a = Filter.and(Filter.term("failed"), Filter.not(Filter.field("user", "admin")));
        Filter b = Filter.and(Filter.term("failed"), Filter.not(Filter.field("user", "admin")));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("(failed AND NOT user=admin)");
        assertThat(new Filter.RawPhrase("a \"b\"").toString()).isEqualTo("\"a \\\"b\\\"\"");
        assertThat(new Filter.FieldRange("n", Filter.Op.GE, "5").toString()).isEqualTo("n>=5");
        assertThatThrownBy(() -> new Filter.RawTerm("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluatesAndExplains() {
        assertThat(Filter.field("user", "ROOT").matches(e)).isTrue();
        assertThat(Filter.field("user", "r*t").explain(e)).isEqualTo("user=Root");
        assertThat(Filter.field("tag", "b").matches(e)).isTrue();
        assertThat(new Filter.FieldRange("src_port", Filter.Op.LT, "100").matches(e)).isTrue();
        assertThat(new Filter.FieldRange("src_port", Filter.Op.GT, "100").matches(e)).isFalse();
        assertThat(new Filter.FieldExists("nope").matches(e)).isFalse();
        assertThat(Filter.term("PASS*").matches(e)).isTrue();
        assertThat(Filter.term("1.2").matches(e)).isTrue();
        assertThat(Filter.term("0.1").matches(e)).isFalse();
        assertThat(Filter.or(Filter.term("nothing"), Filter.field("user", "root")).explain(e)).isEqualTo("user=Root");
        assertThat(Filter.and(Filter.term("failed"), new Filter.RawPhrase("for ROOT")).explain(e))
                .isEqualTo("_raw has term failed AND _raw contains \"for ROOT\"");
        assertThat(Filter.not(Filter.term("failed")).explain(e)).isNull();
    }

    @Test
    void segmentsLikeSplunk() {
        List<String> terms = new ArrayList<>();
        Segmenter.segment("GET /a/b.php?x=1 from 10.1.2.3:80", terms::add);
        assertThat(terms).containsExactly("get", "/a/b.php", "a", "b", "php", "x=1", "x", "1", "from",
                "10.1.2.3:80", "10", "1", "2", "3", "80");
    }

    @Test
    void globIsLinearOnHostilePatterns() {
        String s = "a".repeat(5000);
        long t = System.nanoTime();
        assertThat(Matching.glob(s, "*a*a*a*a*a*a*a*a*b")).isFalse();
        assertThat(System.nanoTime() - t).isLessThan(2_000_000_000L);
    }
}
