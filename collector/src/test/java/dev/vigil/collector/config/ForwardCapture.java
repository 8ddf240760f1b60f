package dev.vigil.collector.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A test peer: a UDP or TCP listener on 127.0.0.1 that records what a forwarding action sends. */
final class ForwardCapture implements AutoCloseable {
    final boolean tcp;
    private final DatagramSocket udp;
    private final ServerSocket server;
    private final Thread thread;
    final List<byte[]> datagrams = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream stream = new ByteArrayOutputStream();

    private volatile Socket current;

    ForwardCapture(boolean tcp) throws IOException {
        this(tcp, 0);
    }

    /** Listens on {@code port} (0: an ephemeral one), e.g. again on the port of a capture that was closed. */
    ForwardCapture(boolean tcp, int port) throws IOException {
        this.tcp = tcp;
        InetAddress lo = InetAddress.getLoopbackAddress();
        if (tcp) {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(lo, port), 50);
            udp = null;
            thread = new Thread(this::acceptLoop, "capture-tcp");
        } else {
            udp = new DatagramSocket(port, lo);
            udp.setReceiveBufferSize(4 << 20);
            server = null;
            thread = new Thread(this::udpLoop, "capture-udp");
        }
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return tcp ? server.getLocalPort() : udp.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    current = s;
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (stream) {
                            stream.write(buf, 0, n);
                        }
                    }
                }
            }
        } catch (IOException closed) {
            // listener closed
        }
    }

    private void udpLoop() {
        byte[] buf = new byte[70000];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                datagrams.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            }
        } catch (IOException closed) {
            // socket closed
        }
    }

    /** Waits until {@code count} datagrams arrived or the TCP stream stopped growing. */
    void settle(int expectedDatagrams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        int last = -1;
        while (System.currentTimeMillis() < deadline) {
            int now = tcp ? size() : datagrams.size();
            if (!tcp && now >= expectedDatagrams || tcp && now == last && now > 0) {
                return;
            }
            last = now;
            Thread.sleep(100);
        }
    }

    int size() {
        synchronized (stream) {
            return stream.size();
        }
    }

    byte[] bytes() {
        synchronized (stream) {
            return stream.toByteArray();
        }
    }

    /** Stops listening and closes the connection being read, as a server that goes away does. */
    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        Socket s = current;
        if (s != null) {
            s.close();
        }
        if (udp != null) {
            udp.close();
        }
    }
}
