package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $ActionExecOnlyWhenPreviousIsSuspended on}: the backup action takes only what the primary could not. */
class FailoverTest {
    @TempDir
    Path tmp;

    @Test
    void backupRunsOnlyWhilePrimaryFails() throws Exception {
        int dead = RsyslogdPeer.freePort();
        try (ForwardCapture live = new ForwardCapture(true)) {
            for (int port : new int[] {dead, live.port()}) {
                Path backup = tmp.resolve("backup-" + port + ".log");
                String conf = "$template m,\"%msg%\\n\"\n*.* @@127.0.0.1:" + port + "\n"
                        + "$ActionExecOnlyWhenPreviousIsSuspended on\n& " + backup + ";m\n"
                        + "$ActionExecOnlyWhenPreviousIsSuspended off\n";
                List<String> warnings = new ArrayList<>();
                RsyslogConfig cfg = RsyslogConfigLoader.load("failover.conf", conf,
                        LoaderOptions.defaults().warnings(warnings::add));
                for (int i = 0; i < 5; i++) {
                    cfg.engine().process(Event.builder().received(Instant.now()).pri(13).hostname("h")
                            .syslogTag("app:").programName("app").msg(" m" + i).build());
                }
                cfg.engine().close();
                if (port == dead) {
                    assertThat(Files.readAllLines(backup)).containsExactly(" m0", " m1", " m2", " m3", " m4");
                    assertThat(warnings).hasSize(1).allMatch(w -> w.contains("failed"));
                } else {
                    live.settle(0);
                    assertThat(backup).doesNotExist();
                    assertThat(new String(live.bytes())).contains(" m0\n").contains(" m4\n");
                }
            }
        }
    }
}
