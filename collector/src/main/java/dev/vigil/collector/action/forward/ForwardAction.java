package dev.vigil.collector.action.forward;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.template.OutBuffer;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import javax.net.ssl.SSLSocket;

/**
 * rsyslog's omfwd. Each event is rendered with its template (default
 * RSYSLOG_TraditionalForwardFormat), truncated to the maximum message size, optionally compressed,
 * and sent: one datagram per message over UDP, or framed on one TCP/TLS connection that is
 * re-established after a failure. TCP output is buffered; {@link #flush()} pushes it out.
 * A failed send throws a retryable {@link ActionException} so a queue can keep the message.
 */
public final class ForwardAction implements QueueableAction {
    private static final int BUFFER = 64 * 1024;
    private final ForwardSettings s;
    private final Template template;
    private final OutBuffer out = new OutBuffer(1024);
    private final Deflater deflater;
    private final byte[] pending = new byte[BUFFER];
    private int pendingLen;
    private long lastWrite;
    private static final long IDLE_CHECK_NANOS = 500_000_000L;
    private DatagramSocket udp;
    private InetSocketAddress udpTarget;
    private Socket tcp;
    private OutputStream tcpOut;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public ForwardAction(ForwardSettings settings, Template template) {
        this.s = settings;
        this.template = template;
        this.deflater = settings.zipLevel() > 0 ? new Deflater(settings.zipLevel()) : null;
    }

    @Override
    public void process(Event event) throws ActionException {
        int len = renderInto(event);
        byte[] msg = out.array();
        if (deflater != null) {
            msg = WireFormat.maybeCompress(msg, len, s.zipLevel(), deflater);
            len = msg.length;
        }
        try {
            send(msg, len);
        } catch (IOException e) {
            throw new ActionException("cannot send to " + s.describeTarget() + ": " + e.getMessage(), e, true);
        }
    }

    private int renderInto(Event event) {
        out.reset();
        template.render(event, out);
        return Math.min(out.length(), s.maxMessageSize());
    }

    /** The bytes this action would send for {@code event} (rendered, truncated, compressed), for queueing. */
    @Override
    public byte[] render(Event event) {
        int len = renderInto(event);
        return deflater != null ? WireFormat.maybeCompress(out.array(), len, s.zipLevel(), deflater)
                : java.util.Arrays.copyOf(out.array(), len);
    }

    /**
     * Drops the TCP connection if the server has closed it, so the next send reconnects instead of
     * writing into a dead connection (the queue calls this before every batch).
     */
    @Override
    public void verifyConnection() throws IOException {
        if (pendingLen == 0) {
            checkPeerStillThere();
        }
    }

    /** Sends already rendered bytes; on failure the connection is dropped and the next send reconnects. */
    @Override
    public void send(byte[] msg, int len) throws IOException {
        try {
            if (s.tcp()) {
                sendTcp(msg, len);
            } else {
                sendUdp(msg, len);
            }
            sent.incrementAndGet();
        } catch (IOException e) {
            failures.incrementAndGet();
            disconnect();
            throw e;
        }
    }

    private void sendUdp(byte[] msg, int len) throws IOException {
        if (udp == null) {
            InetAddress addr = InetAddress.getByName(s.host());
            udpTarget = new InetSocketAddress(addr, s.port());
            udp = new DatagramSocket();
        }
        udp.send(new DatagramPacket(msg, 0, len, udpTarget));
    }

    private void sendTcp(byte[] msg, int len) throws IOException {
        if (tcp != null && pendingLen == 0 && System.nanoTime() - lastWrite > IDLE_CHECK_NANOS) {
            checkPeerStillThere();
        }
        if (tcp == null) {
            connect();
        }
        lastWrite = System.nanoTime();
        byte[] prefix = s.octetCounted() ? WireFormat.octetPrefix(len) : null;
        int need = len + (prefix == null ? 1 : prefix.length);
        if (pendingLen + need > pending.length) {
            writePending();
        }
        if (need > pending.length) {
            if (prefix != null) {
                tcpOut.write(prefix);
            }
            tcpOut.write(msg, 0, len);
            if (prefix == null) {
                tcpOut.write('\n');
            }
            return;
        }
        if (prefix != null) {
            System.arraycopy(prefix, 0, pending, pendingLen, prefix.length);
            pendingLen += prefix.length;
        }
        System.arraycopy(msg, 0, pending, pendingLen, len);
        pendingLen += len;
        if (prefix == null) {
            pending[pendingLen++] = '\n';
        }
    }

    /**
     * After a pause, finds out whether the server closed the connection meanwhile (as rsyslog's
     * CheckConnection does), so a message is not written into a dead connection and lost.
     */
    private void checkPeerStillThere() throws IOException {
        if (tcp == null || !s.tcp()) {
            return;
        }
        int old = tcp.getSoTimeout();
        try {
            tcp.setSoTimeout(1);
            if (tcp.getInputStream().read() < 0) {
                disconnect();
            }
        } catch (java.net.SocketTimeoutException alive) {
            // nothing to read and not closed: the connection is usable
        } catch (IOException e) {
            disconnect();
        } finally {
            if (tcp != null) {
                tcp.setSoTimeout(old);
            }
        }
    }

    private void writePending() throws IOException {
        if (pendingLen > 0 && tcpOut != null) {
            int n = pendingLen;
            pendingLen = 0;
            tcpOut.write(pending, 0, n);
        }
    }

    private void connect() throws IOException {
        Socket sock = new Socket();
        try {
            sock.connect(new InetSocketAddress(s.host(), s.port()), s.connectTimeoutMillis());
            sock.setTcpNoDelay(false);
            sock.setKeepAlive(true);
            if (s.tls() != null) {
                SSLSocket ssl = (SSLSocket) s.tls().getSocketFactory().createSocket(sock, s.host(), s.port(), true);
                ssl.startHandshake();
                TlsSupport.checkPeer(ssl, s.host(), s.permittedPeers());
                sock = ssl;
            }
        } catch (IOException e) {
            sock.close();
            throw e;
        }
        tcp = sock;
        tcpOut = sock.getOutputStream();
    }

    private void disconnect() {
        pendingLen = 0;
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
        tcp = null;
        tcpOut = null;
    }

    /** Pushes buffered TCP output to the network. */
    @Override
    public void flush() throws IOException {
        try {
            writePending();
            if (tcpOut != null) {
                tcpOut.flush();
            }
        } catch (IOException e) {
            failures.incrementAndGet();
            disconnect();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            disconnect();
            if (udp != null) {
                udp.close();
            }
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    /** Messages handed to the network. */
    public long sent() {
        return sent.get();
    }

    /** Send failures (each led to a reconnect attempt on the next message). */
    public long failures() {
        return failures.get();
    }

    @Override
    public String describe() {
        return "omfwd " + s.describeTarget();
    }
}
