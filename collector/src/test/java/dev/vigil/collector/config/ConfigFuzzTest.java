package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage configurations (pieces of real rules cut, shuffled and sprinkled with random characters) either
 * load, with warnings, or fail with a {@link ConfigException} naming file:line:column: never any other
 * exception. Reproduce a failure with {@code -Dtests.seed=N}.
 */
class ConfigFuzzTest {
    static final String[] PIECES = {"*.* /var/log/a.log\n", "mail.*;mail.!=info -/var/log/m\n", ":msg, contains, \"x\" ",
        "if $msg contains 'a' then ", "{", "}", "action(type=\"omfile\" file=\"/var/log/b\")", "stop\n", "& ~\n",
        "$template t,\"%msg%\\n\"\n", "template(name=\"l\" type=\"list\") { constant(value=\"x\") }", "ruleset(name=\"r\") ",
        "call r\n", "$ModLoad imtcp\n", "$InputTCPServerRun 514\n", " and ", " or not ", "(", ")", "'", "\"", "re_match($msg, '",
        "@@host:514\n", "@(z9)[::1]:x\n", ":omusrmsg:*\n", "# comment\n", "/* c", "*/", "\\\n", "else ", "then ", "$", ";", ",",
        "input(type=\"imudp\" port=[\"1\",\"2\"])\n", "prifilt('kern.*')", "$IncludeConfig /nonexistent/*.conf\n"};

    @Test
    void garbageNeverThrowsAnythingButConfigException() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("ConfigFuzzTest seed " + seed + " (-Dtests.seed=" + seed + ")");
        Random r = new Random(seed);
        List<String> unexpected = new ArrayList<>();
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(12);
            for (int k = 0; k < n; k++) {
                if (r.nextInt(5) == 0) {
                    sb.append((char) (r.nextInt(3) == 0 ? r.nextInt(0x3000) : 32 + r.nextInt(95)));
                } else {
                    sb.append(PIECES[r.nextInt(PIECES.length)]);
                }
            }
            String text = sb.toString();
            try {
                RsyslogConfig cfg = RsyslogConfigLoader.load("fuzz.conf", text,
                        LoaderOptions.defaults().outputPath(p -> "/nonexistent-vigil-fuzz" + p));
                cfg.engine().close();
                loaded++;
            } catch (ConfigException e) {
                assertThat(e.getMessage()).matches("(?s)fuzz\\.conf:\\d+:\\d+: .+");
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                unexpected.add(e + " for config:\n" + text);
            }
        }
        System.out.println(loaded + " loaded, " + rejected + " rejected with file:line:column");
        assertThat(unexpected).isEmpty();
    }
}
