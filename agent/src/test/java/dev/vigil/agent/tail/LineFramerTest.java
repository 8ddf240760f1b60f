package dev.vigil.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.MultilineConfig;
import dev.vigil.agent.stats.Stats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    record Ev(String text, long end) {
    }

    final Stats stats = new Stats();
    final List<Ev> out = new ArrayList<>();
    final List<byte[]> raw = new ArrayList<>();
    final Framer.Sink sink = (b, off, len, end) -> {
        out.add(new Ev(new String(b, off, len, StandardCharsets.ISO_8859_1), end));
        raw.add(Arrays.copyOfRange(b, off, off + len));
    };

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void feed(Framer f, String s, long at, Framer.Sink sink) {
        byte[] b = bytes("xx" + s + "yy");
        f.feed(b, 2, b.length - 4, at, sink);
    }

    @Test
    void cutsLinesDropsCarriageReturnsAndSkipsEmptyLines() {
        LineFramer f = new LineFramer(100, true, null, stats);
        feed(f, "one\r\ntwo\n\nthree\n", 0, sink);
        assertThat(out).containsExactly(new Ev("one", 5), new Ev("two", 9), new Ev("three", 16));
        assertThat(stats.linesRead.get()).isEqualTo(4);
    }

    @Test
    void aLineSplitAcrossReadsWaitsForItsEnd() {
        LineFramer f = new LineFramer(100, true, null, stats);
        feed(f, "hel", 0, sink);
        assertThat(out).isEmpty();
        assertThat(f.pending()).isTrue();
        feed(f, "lo\nwor", 3, sink);
        feed(f, "ld\n", 9, sink);
        assertThat(out).containsExactly(new Ev("hello", 6), new Ev("world", 12));
    }

    @Test
    void splitsOverlongLinesIntoPiecesEndingAtTheirOwnOffsets() {
        LineFramer f = new LineFramer(10, true, null, stats);
        feed(f, "abcdefghijKLMNOPQRSTuvwxy\nz\n", 100, sink);
        assertThat(out).containsExactly(new Ev("abcdefghij", 110), new Ev("KLMNOPQRST", 120), new Ev("uvwxy", 126),
                new Ev("z", 128));
        assertThat(stats.linesSplit.get()).isEqualTo(1);
    }

    @Test
    void splitsOverlongLinesThatSpanReads() {
        LineFramer f = new LineFramer(10, true, null, stats);
        feed(f, "abcdefg", 0, sink);
        feed(f, "hijKLMNOPQRSTuv", 7, sink);
        feed(f, "wxy\n", 22, sink);
        assertThat(out).containsExactly(new Ev("abcdefghij", 10), new Ev("KLMNOPQRST", 20), new Ev("uvwxy", 26));
    }

    @Test
    void truncatesOverlongLinesWhenAsked() {
        LineFramer f = new LineFramer(10, false, null, stats);
        feed(f, "abcdefghijKLMNOPQRSTuvwxy\nz\nabcdefg", 0, sink);
        feed(f, "hijKLMN\nok\n", 35, sink);
        assertThat(out).containsExactly(new Ev("abcdefghij", 26), new Ev("z", 28), new Ev("abcdefghij", 43),
                new Ev("ok", 46));
        assertThat(stats.linesTruncated.get()).isEqualTo(2);
    }

    @Test
    void passesBinaryGarbageOnAsBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        LineFramer f = new LineFramer(1000, true, null, stats);
        f.feed(all, 0, all.length, 0, sink);
        f.finish(sink);
        assertThat(raw).hasSize(2);
        assertThat(raw.get(0)).isEqualTo(Arrays.copyOfRange(all, 0, 10));
        assertThat(raw.get(1)).isEqualTo(Arrays.copyOfRange(all, 11, 256));
        assertThat(out.get(1).end()).isEqualTo(256);
    }

    @Test
    void finishPassesOnALastLineWithoutNewline() {
        LineFramer f = new LineFramer(100, true, null, stats);
        feed(f, "a\nlast", 0, sink);
        f.finish(sink);
        assertThat(out).containsExactly(new Ev("a", 2), new Ev("last", 6));
    }

    @Test
    void javaStackTracesJoinContinuationLinesAfterTheirFirstLine() {
        Multiline m = new Multiline(new MultilineConfig("^\\s", false, true, 500, 1 << 20, 5000), stats);
        LineFramer f = new LineFramer(1000, true, m, stats);
        feed(f, "Exception in main\n  at a.B(B.java:1)\n\tat c.D(D.java:2)\nnext line\n", 0, sink);
        assertThat(out).containsExactly(new Ev("Exception in main\n  at a.B(B.java:1)\n\tat c.D(D.java:2)", 55));
        f.finish(sink);
        assertThat(out).last().isEqualTo(new Ev("next line", 65));
    }

    @Test
    void negatedPatternJoinsLinesThatDoNotStartAnEvent() {
        Multiline m = new Multiline(new MultilineConfig("^\\[", true, true, 500, 1 << 20, 5000), stats);
        LineFramer f = new LineFramer(1000, true, m, stats);
        feed(f, "[1] a\nb\nc\n[2] d\n[3] e\nf\n", 0, sink);
        assertThat(out).extracting(Ev::text).containsExactly("[1] a\nb\nc", "[2] d");
        f.finish(sink);
        assertThat(out).extracting(Ev::text).containsExactly("[1] a\nb\nc", "[2] d", "[3] e\nf");
    }

    @Test
    void matchBeforeJoinsBackslashContinuedLinesWithTheNext() {
        Multiline m = new Multiline(new MultilineConfig("\\\\$", false, false, 500, 1 << 20, 5000), stats);
        LineFramer f = new LineFramer(1000, true, m, stats);
        feed(f, "a \\\nb \\\nc\nd\n", 0, sink);
        assertThat(out).containsExactly(new Ev("a \\\nb \\\nc", 10), new Ev("d", 12));
    }

    @Test
    void multilineEventsAreBoundedByLinesAndBytes() {
        Multiline m = new Multiline(new MultilineConfig("^ ", false, true, 3, 1 << 20, 5000), stats);
        LineFramer f = new LineFramer(1000, true, m, stats);
        feed(f, "a\n 1\n 2\n 3\n 4\nb\n", 0, sink);
        assertThat(out).containsExactly(new Ev("a\n 1\n 2", 14));
        assertThat(stats.multilineDropped.get()).isEqualTo(2);
        Multiline m2 = new Multiline(new MultilineConfig("^ ", false, true, 100, 6, 5000), stats);
        LineFramer f2 = new LineFramer(1000, true, m2, stats);
        out.clear();
        feed(f2, "abcd\n xyz\nb\n", 0, sink);
        assertThat(out).containsExactly(new Ev("abcd\n ", 10));
    }

    @Test
    void aWaitingMultilineEventIsSentAfterTheTimeout() throws Exception {
        Multiline m = new Multiline(new MultilineConfig("^ ", false, true, 100, 1000, 50), stats);
        LineFramer f = new LineFramer(1000, true, m, stats);
        feed(f, "a\n b\n", 0, sink);
        f.tick(System.currentTimeMillis(), sink);
        assertThat(out).isEmpty();
        Thread.sleep(80);
        f.tick(System.currentTimeMillis(), sink);
        assertThat(out).containsExactly(new Ev("a\n b", 5));
    }

    @Test
    void anySplitOfTheInputGivesTheSameEvents() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int n = rnd.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append((char) (rnd.nextInt(5) == 0 ? ' ' : 'a' + rnd.nextInt(26)));
            }
            sb.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        byte[] all = bytes(sb.toString());
        for (boolean split : new boolean[] {true, false}) {
            List<Ev> whole = run(all, new int[] {all.length}, split);
            int[] cuts = new int[50];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = 1 + rnd.nextInt(200);
            }
            assertThat(run(all, cuts, split)).as("-Dtests.seed=" + seed).isEqualTo(whole);
        }
    }

    private List<Ev> run(byte[] all, int[] cuts, boolean split) {
        List<Ev> got = new ArrayList<>();
        Framer.Sink s = (b, off, len, end) -> got.add(new Ev(new String(b, off, len, StandardCharsets.ISO_8859_1),
                end));
        Multiline m = new Multiline(new MultilineConfig("^ ", false, true, 5, 60, 5000), stats);
        LineFramer f = new LineFramer(17, split, m, stats);
        int p = 0;
        int i = 0;
        while (p < all.length) {
            int n = Math.min(cuts[i++ % cuts.length], all.length - p);
            f.feed(all, p, n, p, s);
            p += n;
        }
        f.finish(s);
        return got;
    }
}
