package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.action.forward.ResumingAction;
import dev.vigil.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 point 8, a forward target that refuses connections, for an action without a queue: rsyslog's
 * action.resumeRetryCount / action.resumeInterval semantics, while the other actions go on.
 */
class ActionResumeTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private RsyslogConfig load(String directives, int port) throws Exception {
        String conf = "$template m,\"%msg%\\n\"\n$template f,\"%msg%\"\n" + directives + "*.* @@127.0.0.1:" + port + ";f\n"
                + "*.* " + tmp.resolve("all.log") + ";m\n";
        return RsyslogConfigLoader.load("resume.conf", conf, LoaderOptions.defaults().warnings(warnings::add));
    }

    private static void send(RsyslogConfig cfg, int from, int to) {
        for (int i = from; i < to; i++) {
            cfg.engine().process(Event.builder().received(Instant.now()).pri(13).hostname("h").syslogTag("app:")
                    .programName("app").msg("m" + i).build());
        }
        cfg.engine().flush();
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    private static List<String> received(ForwardCapture c) {
        String s = new String(c.bytes(), StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    /** The target goes away: the forward closes its connection, nothing is written into a dead one. */
    private static void stop(ForwardCapture c) throws Exception {
        c.close();
        Thread.sleep(700); // longer than the idle time after which the forward checks its connection
    }

    @Test
    void retryingForeverHoldsTheMessagesAndDeliversThemInOrderWhenTheTargetIsBack() throws Exception {
        ForwardCapture first = new ForwardCapture(true);
        int port = first.port();
        RsyslogConfig cfg = load("$ActionResumeRetryCount -1\n$ActionResumeInterval 1\n", port);
        ResumingAction fwd = (ResumingAction) cfg.engine().actions().get(0);
        send(cfg, 0, 100);
        await(() -> received(first).size() == 100, 5000);
        assertThat(received(first)).isEqualTo(lines(0, 100));
        stop(first);

        send(cfg, 100, 300);
        // the file action went on; the forward holds its messages
        assertThat(Files.readAllLines(tmp.resolve("all.log"))).isEqualTo(lines(0, 300));
        assertThat(fwd.suspended()).isTrue();
        assertThat(fwd.held()).isEqualTo(200);
        assertThat(warnings).anyMatch(w -> w.contains("omfwd @@127.0.0.1:" + port + " failed: ")
                && w.contains("retrying every 1 s until it is back"));
        Thread.sleep(1500); // a retry or two fail meanwhile: nothing is lost
        try (ForwardCapture second = new ForwardCapture(true, port)) {
            await(() -> fwd.held() == 0 && received(second).size() == 200, 10_000);
            assertThat(received(second)).isEqualTo(lines(100, 300));
            send(cfg, 300, 310); // direct again
            await(() -> received(second).size() == 210, 5000);
            assertThat(received(second)).endsWith("m309");
            cfg.engine().close();
        }
        assertThat(fwd.dropped()).isZero();
        assertThat(warnings).anyMatch(w -> w.endsWith(" resumed; 200 held messages delivered"));
    }

    @Test
    void theDefaultRetryCountDropsWhileSuspendedAndResumesAfterTheInterval() throws Exception {
        ForwardCapture first = new ForwardCapture(true);
        int port = first.port();
        RsyslogConfig cfg = load("$ActionResumeInterval 1\n", port); // $ActionResumeRetryCount 0, rsyslog's default
        ResumingAction fwd = (ResumingAction) cfg.engine().actions().get(0);
        send(cfg, 0, 10);
        await(() -> received(first).size() == 10, 5000);
        stop(first);
        send(cfg, 10, 20);
        assertThat(fwd.dropped()).isEqualTo(10);
        assertThat(warnings).anyMatch(w -> w.contains(" failed: ") && w.contains("suspended, next retry in 1 s"));
        try (ForwardCapture second = new ForwardCapture(true, port)) {
            send(cfg, 20, 25); // still suspended: dropped
            Thread.sleep(1100);
            send(cfg, 25, 40);
            await(() -> received(second).size() == 15, 5000);
            assertThat(received(second)).isEqualTo(lines(25, 40));
            cfg.engine().close();
        }
        assertThat(Files.readAllLines(tmp.resolve("all.log"))).isEqualTo(lines(0, 40));
        assertThat(warnings).anyMatch(w -> w.endsWith(" resumed; 15 messages were dropped"));
    }

    @Test
    void aRetryCountGivesUpAfterThatManyRetries() throws Exception {
        int dead = RsyslogdPeer.freePort();
        RsyslogConfig cfg = load("$ActionResumeRetryCount 2\n$ActionResumeInterval 1\n", dead);
        ResumingAction fwd = (ResumingAction) cfg.engine().actions().get(0);
        long start = System.nanoTime();
        send(cfg, 0, 5);
        assertThat(fwd.held()).isEqualTo(5);
        await(() -> warnings.stream().anyMatch(w -> w.contains("still failing")), 10_000);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(fwd.dropped()).isEqualTo(5);
        assertThat(took).as("two retries one second apart").isBetween(1900L, 8000L);
        assertThat(warnings).anyMatch(w -> w.contains("still failing after 2 retries")
                && w.contains("5 held messages dropped, suspended, next retry in 1 s"));
        cfg.engine().close();
        assertThat(Files.readAllLines(tmp.resolve("all.log"))).isEqualTo(lines(0, 5));
        List<String> copy = new ArrayList<>(warnings);
        assertThat(copy).noneMatch(w -> w.contains("resumed"));
    }
}
