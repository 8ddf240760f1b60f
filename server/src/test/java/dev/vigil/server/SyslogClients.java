package dev.vigil.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Minimal senders for tests: raw bytes over TCP and UDP to the loopback address. */
final class SyslogClients {
    private SyslogClients() {
    }

    static void tcp(int port, byte[] data) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(data);
            out.flush();
        }
    }

    static void tcp(int port, String data) throws IOException {
        tcp(port, data.getBytes(StandardCharsets.UTF_8));
    }

    static void udp(int port, String data) throws IOException {
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
        }
    }
}
