package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.protocol.AgentMessages;
import dev.vigil.agent.protocol.AgentProtocol;
import dev.vigil.agent.protocol.EventBatches;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.ship.Shipper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage, a bad CRC, an oversized length, a wrong version, a batch before the hello: each is counted by
 * reason, answered with an error frame and the connection closed; an agent shipping meanwhile loses nothing.
 */
class AgentBadFramesTest {
    @TempDir
    Path dir;

    private static byte[] hello(int version, String id) {
        ByteBuf b = Unpooled.buffer();
        new AgentMessages.Hello(version, id, "badhost", "test").encode(b);
        return ByteBufUtil.getBytes(b);
    }

    private static byte[] batch(long seq) {
        ByteBuf b = Unpooled.buffer();
        EventBatches.encode(b, List.of(new AgentEvent(seq, System.currentTimeMillis(), "badhost", "/tmp/x", null, null,
                "a line".getBytes(StandardCharsets.UTF_8))));
        return ByteBufUtil.getBytes(b);
    }

    /** Sends the bytes, reads until the node closes; returns what it sent back. */
    private static byte[] exchange(int port, byte[]... parts) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            for (byte[] p : parts) {
                s.getOutputStream().write(p);
            }
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n); // ends only when the node closes the connection
            }
            return got.toByteArray();
        }
    }

    /** The message of the last error frame in {@code reply}. */
    private static String errorOf(byte[] reply) throws Exception {
        ByteBuf b = Unpooled.wrappedBuffer(reply);
        String msg = null;
        while (b.readableBytes() >= AgentProtocol.HEADER_BYTES) {
            int len = b.readInt();
            b.skipBytes(4);
            int type = b.readUnsignedByte();
            ByteBuf p = b.readSlice(len - 1);
            if (type == AgentProtocol.ERROR) {
                msg = AgentMessages.ErrorReply.decode(p).message();
            }
        }
        return msg;
    }

    @Test
    void badFramesAreCountedAndCloseOnlyTheirConnection() throws Exception {
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.agentPort = 0;
            c.agentPlain = true;
        })) {
            int port = s.port("agent");
            GeneratedShipQueue queue = GeneratedShipQueue.lines(20_000, "goodhost");
            try (Shipper good = new Shipper(queue, AgentTestSupport.plain(port, "good-agent"))) {
                good.start();

                byte[] garbage = "<13>Feb  5 07:08:09 host app: syslog sent to the agent port\n"
                        .getBytes(StandardCharsets.US_ASCII);
                assertThat(errorOf(exchange(port, garbage))).contains("exceeds the maximum");

                byte[] corrupt = batch(1);
                corrupt[corrupt.length - 1] ^= 0x01;
                assertThat(errorOf(exchange(port, hello(1, "bad-crc"), corrupt))).contains("CRC-32C");

                byte[] huge = Unpooled.buffer().writeInt(0x7fffffff).writeInt(0).writeByte(AgentProtocol.BATCH).array();
                assertThat(errorOf(exchange(port, hello(1, "huge"), java.util.Arrays.copyOf(huge, 9))))
                        .contains("frame length 2147483647 exceeds the maximum 16777216");

                assertThat(errorOf(exchange(port, hello(7, "future")))).contains("agent speaks protocol version 7");
                assertThat(errorOf(exchange(port, batch(1)))).contains("a batch before the welcome");

                assertThat(queue.awaitAcked(20_000, 120_000)).as("%s", good.stats()).isTrue();
                assertThat(good.stats().reconnects.sum()).isZero();
            }
            var st = s.server.agentStats();
            assertThat(st.accepted.sum()).isEqualTo(20_000);
            String metrics = AgentTestSupport.get("http://127.0.0.1:" + s.port("http") + "/metrics");
            assertThat(metrics).contains("vigil_agent_frame_errors_total{reason=\"oversize\"} 2.0")
                    .contains("vigil_agent_frame_errors_total{reason=\"bad_crc\"} 1.0")
                    .contains("vigil_agent_frame_errors_total{reason=\"version\"} 1.0")
                    .contains("vigil_agent_frame_errors_total{reason=\"unexpected\"} 1.0");
        }
    }
}
