package dev.vigil.index.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MailLogTest {
    @Test
    void unparenthesizeDoesWhatTheAnchoredPatternDid() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("MailLogTest seed: -Dtests.seed=" + seed);
        Random r = new Random(seed);
        String alphabet = "()x \r\n\u2028\u0085";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(7); k > 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String d = b.toString();
            assertThat(MailLog.unparenthesize(d)).as("'%s'", d).isEqualTo(d.replaceAll("^\\(|\\)$", ""));
        }
    }
}
