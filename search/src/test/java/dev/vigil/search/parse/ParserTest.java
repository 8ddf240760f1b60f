package dev.vigil.search.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.search.Spl;
import dev.vigil.search.command.Pipeline;
import dev.vigil.search.expr.SearchTerm;
import org.junit.jupiter.api.Test;

/** Grammar and error reporting. Precedence per Splunk's Search Manual, "Boolean expressions". */
class ParserTest {
    static SearchTerm terms(String q) {
        return Spl.parse(q).initialSearch();
    }

    @Test
    void implicitAndBindsLoosestThenOrThenNot() {
        // Search Manual: "The order in which Boolean expressions are evaluated ... NOT, OR, AND" (parentheses first)
        assertThat(terms("a b OR c").toSpl()).isEqualTo("a (b OR c)");
        assertThat(terms("a AND b OR c").toSpl()).isEqualTo("a (b OR c)");
        assertThat(terms("NOT a OR b").toSpl()).isEqualTo("NOT a OR b");
        assertThat(terms("(a b) OR c").toSpl()).isEqualTo("(a b) OR c");
        assertThat(terms("NOT (a OR b) c")).isEqualTo(new SearchTerm.And(java.util.List.of(
                new SearchTerm.Not(new SearchTerm.Or(java.util.List.of(new SearchTerm.Keyword("a"), new SearchTerm.Keyword("b")))),
                new SearchTerm.Keyword("c"))));
    }

    @Test
    void lowercaseBooleanWordsAreTerms() {
        // Boolean operators must be uppercase in Splunk; "or" is a search term
        assertThat(terms("a or b").toSpl()).isEqualTo("a or b");
    }

    @Test
    void parsesFieldComparisonsInAndQuotedPhrases() {
        assertThat(terms("status!=200 bytes>=10 host IN (web*, \"db 1\") \"failed password\"").toSpl())
                .isEqualTo("status!=200 bytes>=10 host IN (web*, \"db 1\") \"failed password\"");
    }

    @Test
    void collectsEarliestAndLatestAsTheRange() {
        Pipeline p = Spl.parse("error earliest=-24h@h latest=now | head 5");
        assertThat(p.earliest()).isEqualTo("-24h@h");
        assertThat(p.latest()).isEqualTo("now");
        assertThat(p.initialSearch().toSpl()).isEqualTo("error");
    }

    @Test
    void plansAreValuesThatRoundTrip() {
        String q = "sshd failed | eval u=lower(user) | stats count, dc(src) AS sources BY u | sort - count | head 3";
        Pipeline a = Spl.parse(q), b = Spl.parse(a.toSpl());
        assertThat(b).isEqualTo(a);
        assertThat(b.hashCode()).isEqualTo(a.hashCode());
        assertThat(a.explain()).contains("1. search: keep events matching sshd failed").contains("5. head 3");
    }

    @Test
    void explainSaysWhichPartAndFieldMatched() {
        var row = dev.vigil.search.exec.Searcher.toRow(dev.vigil.search.Fixtures.ev(0, "Failed password", "host", "web07"));
        SearchTerm t = terms("host=web* (failed OR accepted) NOT user=*");
        assertThat(t.explain(row)).isEqualTo("host=web07 satisfies host=web* AND _raw contains term failed AND NOT user=*");
        assertThat(terms("host=db*").explain(row)).isNull();
    }

    @Test
    void malformedQueryPointsAtThePositionAndSaysWhatWasExpected() {
        assertThatThrownBy(() -> Spl.parse("error | stats count by"))
                .isInstanceOf(SplSyntaxException.class)
                .hasMessage("error at position 23: expected a field name after BY, found the end of the query");
        assertThatThrownBy(() -> Spl.parse("(a OR b"))
                .hasMessageContaining("position 1: unbalanced parentheses: expected ')'");
        assertThatThrownBy(() -> Spl.parse("* | eval x=if(a>1, 2)"))
                .hasMessage("error at position 12: function if() takes 3 argument(s), found 2");
        SplSyntaxException e = (SplSyntaxException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Spl.parse("* | where x=\"open"));
        assertThat(e.display()).isEqualTo("* | where x=\"open\n            ^ error at position 13: "
                + "unterminated quoted string starting here: expected a closing '\"'");
    }

    @Test
    void misspeltCommandGetsDidYouMean() {
        assertThatThrownBy(() -> Spl.parse("* | stast count"))
                .hasMessage("error at position 5: unknown search command 'stast'; did you mean 'stats'?");
        assertThatThrownBy(() -> Spl.parse("* | timechrt count"))
                .hasMessageContaining("did you mean 'timechart'?");
        assertThatThrownBy(() -> Spl.parse("* | eval x=lenght(y)"))
                .hasMessageContaining("unknown function 'lenght'; did you mean 'len'?");
        assertThatThrownBy(() -> Spl.parse("* | stats cout by host"))
                .hasMessageContaining("did you mean 'count'?");
    }

    @Test
    void evalPrecedenceIsArithmeticThenComparisonThenNotAndOr() {
        assertThat(Spl.parse("* | where a+b*2>3 OR NOT c=1 AND d=2").toSpl())
                .isEqualTo("search * | where (((a + (b * 2)) > 3) OR (NOT (c = 1) AND (d = 2)))");
    }
}
