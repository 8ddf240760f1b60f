package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no address configured the listeners take IPv4 and IPv6 senders alike; fromhost-ip is the IPv6 address. */
class Ipv6InputTest {
    @TempDir
    Path dir;

    @Test
    void ipv6SendersAreReceivedOnTheDefaultDualStackListeners() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        assumeTrue(v6 instanceof Inet6Address && canBind(v6), "skipped: IPv6 loopback not available");
        try (RunningServer s = new RunningServer(dir, c -> c.syslogAddress = null)) {
            try (Socket sock = new Socket(v6, s.port("tcp"))) {
                OutputStream out = sock.getOutputStream();
                out.write("<13>Feb  5 07:08:09 six app: over tcp6\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] d = "<13>Feb  5 07:08:09 six app: over udp6".getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket u = new DatagramSocket(0, v6)) {
                u.send(new DatagramPacket(d, d.length, v6, s.port("udp")));
            }
            try (Socket sock = new Socket(InetAddress.getByName("127.0.0.1"), s.port("tcp"))) {
                sock.getOutputStream().write("<13>Feb  5 07:08:09 four app: over tcp4\n".getBytes(StandardCharsets.US_ASCII));
            }
            s.settle();
            assertThat(s.lines("logs/six/app.log")).hasSize(2);
            assertThat(s.lines("logs/four/app.log")).hasSize(1);
        }
    }

    private static boolean canBind(InetAddress a) {
        try (DatagramSocket s = new DatagramSocket(0, a)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
