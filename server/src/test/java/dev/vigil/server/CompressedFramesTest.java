package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rsyslog's {@code @(z9)host} frames ('z' + zlib data) are inflated on receipt; corrupt ones are counted and ignored. */
class CompressedFramesTest {
    @TempDir
    Path dir;

    static byte[] zframe(String msg) {
        Deflater d = new Deflater(9);
        d.setInput(msg.getBytes(StandardCharsets.UTF_8));
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('z');
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        return out.toByteArray();
    }

    @Test
    void compressedDatagramsAndTcpFramesAreInflated() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            byte[] z = zframe("<13>Feb  5 07:08:09 zhost app: " + "compressed ".repeat(20));
            try (DatagramSocket sock = new DatagramSocket()) {
                sock.send(new DatagramPacket(z, z.length, InetAddress.getLoopbackAddress(), s.port("udp")));
                byte[] bad = "zthis is not zlib".getBytes(StandardCharsets.US_ASCII);
                sock.send(new DatagramPacket(bad, bad.length, InetAddress.getLoopbackAddress(), s.port("udp")));
            }
            byte[] zt = zframe("<13>Feb  5 07:08:09 zhost app: over tcp");
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.write((zt.length + " ").getBytes(StandardCharsets.US_ASCII));
            framed.write(zt);
            SyslogClients.tcp(s.port("tcp"), framed.toByteArray());
            s.settle();
            assertThat(s.lines("logs/zhost/app.log")).hasSize(2).anySatisfy(l -> assertThat(l).endsWith("over tcp"))
                    .anySatisfy(l -> assertThat(l).endsWith("compressed compressed "));
            assertThat(s.server.inputStats().stream().mapToLong(x -> x.malformed.sum()).sum()).isEqualTo(1);
        }
    }
}
