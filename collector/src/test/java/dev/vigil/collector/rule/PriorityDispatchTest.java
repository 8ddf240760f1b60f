package dev.vigil.collector.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.config.LoaderOptions;
import dev.vigil.collector.config.RsyslogConfig;
import dev.vigil.collector.config.RsyslogConfigLoader;
import dev.vigil.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-PRI table runs exactly the actions, in the order, that evaluating the statements runs. */
class PriorityDispatchTest {
    static final String RULES = String.join("\n",
            "*.*;auth,authpriv.none /a", "auth,authpriv.* /b", "mail.*;mail.!=info /c", "& /c2",
            "uucp,news.crit /d", "& stop", "*.=crit;kern.none /e", "local7.* /f", "& ~", "*.alert /g",
            "if $msg contains \"x\" then /h", "cron.* /i", "*.emerg /j", "/k",
            "local0.* { /l", "  local0.=debug /m", "  stop", "}", "*.* /n", "");

    @Test
    void tableRunsWhatTheStatementsRun() throws Exception {
        List<String> calls = new ArrayList<>();
        RsyslogConfig cfg = RsyslogConfigLoader.load("t.conf", RULES, LoaderOptions.defaults()
                .actionFactory((spec, ctx) -> new Action() {
                    final String name = spec.params().get("file");

                    public void process(Event e) {
                        calls.add(name);
                    }

                    public String describe() {
                        return name;
                    }
                }));
        Ruleset main = cfg.engine().rulesets().get(Ruleset.DEFAULT);
        assertThat(PriorityDispatch.group(main.body().statements())).hasAtLeastOneElementOfType(PriorityDispatch.class)
                .hasSizeLessThan(main.body().statements().size());
        for (int pri = -1; pri <= 201; pri++) {
            for (String msg : List.of(" x", " y")) {
                Event e = Event.builder().received(Instant.EPOCH).pri(pri).hostname("h").syslogTag("t:").msg(msg)
                        .build();
                calls.clear();
                main.body().freeze();
                cfg.engine().process(e);
                List<String> table = new ArrayList<>(calls);
                calls.clear();
                main.body().freezeUngrouped();
                cfg.engine().process(e);
                assertThat(table).as("PRI %d, msg %s", pri, msg).isEqualTo(calls);
            }
        }
        main.body().freeze();
    }
}
