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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 point 6: a client with rsyslog's disk-assisted forwarding settings keeps every message while
 * the central server (here the real rsyslogd) is away, across a restart of the client, and delivers
 * them all, in order, none twice, once the server is back.
 */
class ForwardQueueTest {
    static final int BEFORE = 1_000;
    static final int WHILE_AWAY = 100_000;

    @TempDir
    Path tmp;

    @Test
    void clientSpillsToDiskWhileTheServerIsAwayAndDeliversEverythingInOrderOnce() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        int port = RsyslogdPeer.freePort();
        String client = String.join("\n", "$WorkDirectory " + tmp.resolve("spool"),
                "$ActionQueueType LinkedList", "$ActionQueueFileName fwdq", "$ActionResumeRetryCount -1",
                "$ActionQueueSaveOnShutdown on", "$ActionResumeInterval 1", "*.* @@127.0.0.1:" + port, "");
        Files.createDirectories(tmp.resolve("spool"));
        String central = "$template m,\"%msg%\\n\"\n:programname, isequal, \"seq\" /OUT/got.log;m\n";
        Path got;
        List<String> warnings = new ArrayList<>();
        LoaderOptions opts = LoaderOptions.defaults().warnings(warnings::add);

        RsyslogConfig c1 = RsyslogConfigLoader.load("client.conf", client, opts);
        try (RsyslogdPeer.Running server = RsyslogdPeer.start(tmp.resolve("central1"), central, port)) {
            send(c1, 0, BEFORE);
            waitForLines(server.out().resolve("got.log"), BEFORE, 30_000);
        } // the central server stops
        send(c1, BEFORE, WHILE_AWAY / 2);
        c1.engine().close(); // the client restarts: what is queued stays on disk
        RsyslogConfig c2 = RsyslogConfigLoader.load("client.conf", client, opts);
        send(c2, BEFORE + WHILE_AWAY / 2, WHILE_AWAY / 2);
        try (RsyslogdPeer.Running server = RsyslogdPeer.start(tmp.resolve("central2"), central, port)) {
            got = server.out().resolve("got.log");
            waitForLines(got, WHILE_AWAY, 90_000);
            QueuedForwardAction q = (QueuedForwardAction) c2.engine().actions().get(0);
            assertThat(q.awaitEmpty(10_000)).isTrue();
            c2.engine().close();
        }
        List<String> all = new ArrayList<>(Files.readAllLines(tmp.resolve("central1/out/got.log")));
        all.addAll(Files.readAllLines(got));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BEFORE + WHILE_AWAY; i++) {
            expected.add(" n" + i);
        }
        System.out.println("delivered " + all.size() + " of " + expected.size() + "; warnings " + warnings);
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
