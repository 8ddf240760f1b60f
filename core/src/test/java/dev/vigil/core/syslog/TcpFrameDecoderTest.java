package dev.vigil.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpFrameDecoderTest {
    private final List<String> frames = new ArrayList<>();
    private final FrameSink sink = (b, off, len) -> frames.add(new String(b, off, len, StandardCharsets.ISO_8859_1));

    private void feed(TcpFrameDecoder d, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(b, 0, b.length, sink);
    }

    @Test
    void splitsLfFramesAcrossArbitraryReads() {
        String stream = "<13>one\n<13>two\n23 <13>three octet counted<13>four\n";
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 50; round++) {
            frames.clear();
            TcpFrameDecoder d = new TcpFrameDecoder(8096);
            int i = 0;
            while (i < stream.length()) {
                int n = 1 + r.nextInt(6);
                feed(d, stream.substring(i, Math.min(stream.length(), i + n)));
                i += n;
            }
            assertThat(frames).as("seed " + seed)
                    .containsExactly("<13>one", "<13>two", "<13>three octet counted", "<13>four");
        }
    }

    @Test
    void dropsEmptyLines() {
        TcpFrameDecoder d = new TcpFrameDecoder(8096);
        feed(d, "\n\n<13>x\n\n");
        assertThat(frames).containsExactly("<13>x");
    }

    @Test
    void splitsOversizedLfFrameAndDropsTheOverflowingByte() {
        TcpFrameDecoder d = new TcpFrameDecoder(128);
        feed(d, "a".repeat(128) + "b" + "c".repeat(10) + "\n");
        assertThat(frames).containsExactly("a".repeat(128), "c".repeat(10));
        assertThat(d.splitFrames()).isEqualTo(1);
    }

    @Test
    void hugeDeclaredOctetCountFallsBackToLfFramingWithoutBuffering() {
        TcpFrameDecoder d = new TcpFrameDecoder(8096);
        feed(d, "2147483648 <13>hello\n<13>next\n");
        assertThat(frames).containsExactly("<13>hello", "<13>next");
        assertThat(d.framingErrors()).isEqualTo(1);
        assertThat(d.buffered()).isZero();
    }

    @Test
    void tenMegabyteLineWithoutNewlineStaysBounded() {
        TcpFrameDecoder d = new TcpFrameDecoder(8096);
        byte[] chunk = new byte[65536];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int count = 0;
        for (int i = 0; i < 160; i++) {
            d.feed(chunk, 0, chunk.length, (b, off, len) -> { });
            assertThat(d.buffered()).isLessThanOrEqualTo(8096);
            count++;
        }
        assertThat(count).isEqualTo(160);
        assertThat(d.splitFrames()).isGreaterThan(1000);
    }

    @Test
    void incompleteOctetFrameAtCloseIsDiscardedButLfFrameIsDelivered() {
        TcpFrameDecoder d = new TcpFrameDecoder(8096);
        feed(d, "100 <13>short");
        d.endOfStream(sink);
        assertThat(frames).isEmpty();
        assertThat(d.incompleteFrames()).isEqualTo(1);
        feed(d, "<13>no newline");
        d.endOfStream(sink);
        assertThat(frames).containsExactly("<13>no newline");
    }
}
