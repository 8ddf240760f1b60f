package dev.vigil.server;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.ShipQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A test-side agent queue in memory: events 1..{@link #available()} made on demand from their sequence
 * number (so 200,000 of them cost no memory), with the ShipQueue contract of the real one: poll after
 * what was handed out, acknowledge by sequence number, rewind to the last acknowledgement.
 */
final class GeneratedShipQueue implements ShipQueue {
    private final LongFunction<AgentEvent> make;
    private long available;
    private long next = 1;
    private long acked;

    GeneratedShipQueue(long available, LongFunction<AgentEvent> make) {
        this.available = available;
        this.make = make;
    }

    /** Events like lines of /var/log/secure from host {@code host}, with the host's time now. */
    static GeneratedShipQueue lines(long n, String host) {
        return new GeneratedShipQueue(n, seq -> new AgentEvent(seq, System.currentTimeMillis(), host,
                "/var/log/secure", "linux_secure", null, body(seq, host)));
    }

    static byte[] body(long seq, String host) {
        return ("Nov 26 19:59:25 " + host + " sshd[4242]: Failed password for invalid user u" + seq
                + " from 10.0.0." + (seq % 250) + " port 5" + (seq % 9000) + " ssh2 seq=" + seq)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Makes {@code n} more events available. */
    synchronized void add(long n) {
        available += n;
        notifyAll();
    }

    synchronized long available() {
        return available;
    }

    @Override
    public synchronized List<AgentEvent> poll(int maxEvents, int maxBytes, long timeoutMillis)
            throws InterruptedException {
        if (next > available) {
            wait(timeoutMillis);
        }
        List<AgentEvent> out = new ArrayList<>();
        int bytes = 0;
        while (next <= available && out.size() < maxEvents && bytes < maxBytes) {
            AgentEvent e = make.apply(next++);
            bytes += e.body().length + 64;
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized void acknowledge(long seq) {
        if (seq > available) {
            throw new IllegalArgumentException("ack of " + seq + " beyond the last event " + available);
        }
        acked = Math.max(acked, seq);
        notifyAll();
    }

    @Override
    public synchronized long acknowledged() {
        return acked;
    }

    @Override
    public synchronized void rewind() {
        next = acked + 1;
    }

    /** Waits until every available event is acknowledged. */
    synchronized boolean awaitAcked(long seq, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (acked < seq && System.currentTimeMillis() < end) {
            wait(Math.max(1, end - System.currentTimeMillis()));
        }
        return acked >= seq;
    }
}
