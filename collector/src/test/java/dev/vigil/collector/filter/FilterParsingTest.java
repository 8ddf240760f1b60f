package dev.vigil.collector.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The filter parsers' contracts: where and why they reject input, and rsyslog's grouping of
 * and/or/not (whose effect on real messages FilterDifferentialTest checks against rsyslogd).
 */
class FilterParsingTest {
    static final Event MAIL_ERR = Event.builder().received(Instant.EPOCH).pri((2 << 3) | 3).hostname("h")
            .syslogTag("app:").programName("app").msg(" disk failure").build();

    @Test
    void rejectsAnEmptyPriorityAfterACommaWithRsyslogsMessage() {
        // the corpus' rsyslogd reported exactly this for 20-selectors.conf
        assertThatThrownBy(() -> SelectorParser.parse("cron.!info,!debug"))
                .hasMessage("unknown priority name \"\"");
        assertThatThrownBy(() -> SelectorParser.parse("bogus.*")).hasMessage("unknown facility name \"bogus\"");
    }

    @Test
    void explainsWhichPairsASelectorMatches() {
        PriorityFilter f = SelectorParser.parse("mail.*;mail.!=info");
        assertThat(f.matches(MAIL_ERR)).isTrue();
        assertThat(f.matches(2, 6)).isFalse();
        assertThat(f.explain()).isEqualTo("mail.{emerg,alert,crit,err,warning,notice,debug}");
        assertThat(SelectorParser.parse("*.!err").matchesNothing()).isTrue();
    }

    @Test
    void expressionErrorsSayWhereAndWhatWasExpected() {
        assertThatThrownBy(() -> ExprParser.parse("$msg contains"))
                .isInstanceOf(FilterSyntaxException.class).hasMessage("expected an expression, found the end")
                .extracting(e -> ((FilterSyntaxException) e).offset()).isEqualTo(13);
        assertThatThrownBy(() -> ExprParser.parse("nosuch($msg)")).hasMessage("function 'nosuch' not found");
        assertThatThrownBy(() -> ExprParser.parse("re_match($msg)"))
                .hasMessage("function 're_match' expects 2 parameters, got 1");
        assertThatThrownBy(() -> ExprParser.parse("($msg == 'x'")).hasMessage("expected ')', found the end");
        assertThatThrownBy(() -> ExprParser.parse("$msg == 'x")).hasMessage("unterminated string");
    }

    @Test
    void andOrShareOnePrecedenceLevelAndNotBindsTightest() {
        // rsyslog's grammar: %left AND OR, then comparisons; NOT above everything
        assertThat(ExprParser.parse("1 or 0 and 0").toString()).isEqualTo("0");
        assertThat(ExprParser.parse("$msg contains 'x' or $pri == 19 and $programname == 'app'").toString())
                .isEqualTo("((($msg contains 'x') or ($pri == 19)) and ($programname == 'app'))");
        assertThat(ExprParser.parse("not $msg contains 'disk'").toString()).isEqualTo("(not $msg contains 'disk')");
        assertThat(new ExpressionFilter(ExprParser.parse("not ($msg contains 'disk')")).matches(MAIL_ERR)).isFalse();
    }

    @Test
    void comparesNumericallyWhenOneSideIsANumber() {
        assertThat(new ExpressionFilter(ExprParser.parse("$syslogseverity <= 3")).matches(MAIL_ERR)).isTrue();
        assertThat(new ExpressionFilter(ExprParser.parse("$syslogseverity-text == ['crit', 'err']")).matches(MAIL_ERR))
                .isTrue();
        assertThat(new ExpressionFilter(ExprParser.parse("$pri > 100")).matches(MAIL_ERR)).isFalse();
    }

    @Test
    void legacyPropertyFilterAcceptsOnlyLettersInTheOperation() {
        assertThatThrownBy(() -> PropertyFilterParser.parse(":msg, contains_i, \"x\"", 0))
                .hasMessageStartingWith("invalid character '_' in compare operation 'contains_i'");
        PropertyFilterParser.Result r = PropertyFilterParser.parse(":msg, !contains, \"a\\\"b\" /var/log/x", 0);
        assertThat(r.filter().value()).isEqualTo("a\"b");
        assertThat(r.filter().negated()).isTrue();
        assertThat(":msg, !contains, \"a\\\"b\" /var/log/x".substring(r.end())).isEqualTo(" /var/log/x");
    }
}
