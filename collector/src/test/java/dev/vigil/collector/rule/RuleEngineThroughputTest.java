package dev.vigil.collector.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.config.LoaderOptions;
import dev.vigil.collector.config.RsyslogConfig;
import dev.vigil.collector.config.RsyslogConfigLoader;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * How fast the rule engine itself selects: Debian's stock rules plus the lab's selector and forwarding
 * rules, over events spread across all 24 facilities and 8 severities, with actions that only count.
 * Prints the rate; the end-to-end comparison with rsyslogd is in bench/.
 */
class RuleEngineThroughputTest {
    @Test
    void selectsMillionsOfEventsPerSecond() throws IOException {
        String rules = resource("/debian12-rsyslog.conf").replace("$IncludeConfig", "#")
                + resource("/rsyslog-corpus/rules/20-selectors.conf")
                + resource("/rsyslog-corpus/rules/40-forward-users.conf");
        LongAdder calls = new LongAdder();
        RsyslogConfig cfg = RsyslogConfigLoader.load("bench.conf", rules, LoaderOptions.defaults()
                .actionFactory((spec, ctx) -> new Action() {
                    @Override
                    public void process(Event e) {
                        calls.increment();
                    }

                    @Override
                    public String describe() {
                        return spec.type();
                    }
                }));
        Event[] events = new Event[192];
        for (int pri = 0; pri < 192; pri++) {
            events[pri] = Event.builder().received(Instant.EPOCH).pri(pri).hostname("host").syslogTag("app:")
                    .programName("app").msg(" message " + pri).build();
        }
        RuleEngine engine = cfg.engine();
        for (int i = 0; i < 2_000_000; i++) {
            engine.process(events[i % 192]); // warm-up
        }
        calls.reset();
        int n = 5_000_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            engine.process(events[i % 192]);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d events through %d rules in %.3f s: %.0f events/s, %d action calls%n", n,
                engine.rulesets().get(Ruleset.DEFAULT).body().statements().size(), secs, n / secs, calls.sum());
        assertThat(calls.sum()).isPositive();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RuleEngineThroughputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        }
    }
}
