package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.collector.action.forward.QueuedForwardAction;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import dev.vigil.collector.input.HostResolver;
import dev.vigil.collector.input.ListenerConfig;
import dev.vigil.collector.input.SyslogInputs;
import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.collector.pipeline.MainQueue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3 point 6: a client with rsyslog's disk-assisted forwarding settings keeps every message while
 * the central server (here the real rsyslogd) is away, across a restart of the client, and delivers
 * them all, in order, none twice, once the server is back. The central server is the real rsyslogd, or
 * Vigil itself (its TCP input, main queue and this rule engine writing a file).
 */
class ForwardQueueTest {
    static final int BEFORE = 1_000;
    static final int WHILE_AWAY = 100_000;

    @TempDir
    Path tmp;

    /** A central log server that files {@code programname == "seq"} messages as {@code %msg%} lines. */
    interface Central extends AutoCloseable {
        Path got();

        @Override
        void close() throws Exception;
    }

    Central central(String kind, String name, int port) throws Exception {
        Path dir = tmp.resolve(name);
        if (kind.equals("rsyslogd")) {
            RsyslogdPeer.Running r = RsyslogdPeer.start(dir, "$template m,\"%msg%\\n\"\n"
                    + ":programname, isequal, \"seq\" /OUT/got.log;m\n", port);
            return new Central() {
                public Path got() {
                    return r.out().resolve("got.log");
                }

                public void close() throws Exception {
                    r.close();
                }
            };
        }
        Path got = dir.resolve("got.log");
        RsyslogConfig cfg = RsyslogConfigLoader.load("central.conf", "$template m,\"%msg%\\n\"\n"
                + ":programname, isequal, \"seq\" " + got + ";m\n", LoaderOptions.defaults());
        EventProcessor processor = new EventProcessor() {
            public void process(Event event, String ruleset) {
                cfg.engine().process(event, ruleset);
            }

            public void flush() {
                cfg.engine().flush();
            }

            public void close() {
                cfg.engine().close();
            }
        };
        MainQueue queue = new MainQueue(100_000, processor);
        SyslogInputs inputs = new SyslogInputs(new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC), queue,
                new HostResolver(false, 16));
        inputs.start(ListenerConfig.tcp("127.0.0.1", port));
        return new Central() {
            public Path got() {
                return got;
            }

            public void close() throws Exception {
                inputs.close();
                queue.close();
            }
        };
    }

    @ParameterizedTest(name = "central server: {0}")
    @ValueSource(strings = {"rsyslogd", "vigil"})
    void clientSpillsToDiskWhileTheServerIsAwayAndDeliversEverythingInOrderOnce(String kind) throws Exception {
        assumeTrue(!kind.equals("rsyslogd") || RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        int port = RsyslogdPeer.freePort();
        String client = String.join("\n", "$WorkDirectory " + tmp.resolve("spool"),
                "$ActionQueueType LinkedList", "$ActionQueueFileName fwdq", "$ActionResumeRetryCount -1",
                "$ActionQueueSaveOnShutdown on", "$ActionResumeInterval 1", "*.* @@127.0.0.1:" + port, "");
        Files.createDirectories(tmp.resolve("spool"));
        List<String> warnings = new ArrayList<>();
        LoaderOptions opts = LoaderOptions.defaults().warnings(warnings::add);

        RsyslogConfig c1 = RsyslogConfigLoader.load("client.conf", client, opts);
        Path first;
        try (Central server = central(kind, "central1", port)) {
            first = server.got();
            send(c1, 0, BEFORE);
            waitForLines(first, BEFORE, 30_000);
        } // the central server stops
        send(c1, BEFORE, WHILE_AWAY / 2);
        c1.engine().close(); // the client restarts: what is queued stays on disk
        RsyslogConfig c2 = RsyslogConfigLoader.load("client.conf", client, opts);
        send(c2, BEFORE + WHILE_AWAY / 2, WHILE_AWAY / 2);
        Path got;
        try (Central server = central(kind, "central2", port)) {
            got = server.got();
            waitForLines(got, WHILE_AWAY, 90_000);
            QueuedForwardAction q = (QueuedForwardAction) c2.engine().actions().get(0);
            assertThat(q.awaitEmpty(10_000)).isTrue();
            c2.engine().close();
        }
        List<String> all = new ArrayList<>(Files.readAllLines(first));
        all.addAll(Files.readAllLines(got));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BEFORE + WHILE_AWAY; i++) {
            expected.add(" n" + i);
        }
        System.out.println(kind + ": delivered " + all.size() + " of " + expected.size() + "; warnings " + warnings);
        for (int i = 0; i < Math.min(all.size(), expected.size()); i++) {
            if (!all.get(i).equals(expected.get(i))) {
                System.out.println("first difference at " + i + ": " + all.get(i) + " expected " + expected.get(i));
                break;
            }
        }
        assertThat(all.size()).isEqualTo(expected.size());
        assertThat(all).isEqualTo(expected);
    }

    private static void send(RsyslogConfig c, int from, int count) {
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        SyslogParser.Origin o = new SyslogParser.Origin(Instant.now(), "localhost", "127.0.0.1", "imtcp");
        for (int i = from; i < from + count; i++) {
            byte[] m = ("<13>Jun 15 12:00:00 client seq: n" + i).getBytes(StandardCharsets.US_ASCII);
            Event e = parser.parse(m, 0, m.length, o);
            c.engine().process(e);
        }
    }

    private static void waitForLines(Path f, int n, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        long lines = 0;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(f)) {
                try (var s = Files.lines(f)) {
                    lines = s.count();
                }
                if (lines >= n) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        System.out.println("only " + lines + " of " + n + " lines arrived in " + f);
    }
}
