package dev.vigil.server.hec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Indexer acknowledgement per channel: each accepted request gets the channel's next ack id (from 0);
 * an ack id reads true once its events are durable, and is forgotten once reported true, as in Splunk.
 * Channels idle for {@link #IDLE_MILLIS} are dropped; more than {@link #MAX_CHANNELS} channels or
 * {@link #MAX_PENDING} pending acks in one channel make HEC answer "Server is busy".
 */
final class AckChannels {
    static final int MAX_CHANNELS = 10_000;
    static final int MAX_PENDING = 1_000_000;
    static final long IDLE_MILLIS = 600_000;

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private static final class Channel {
        long nextId;
        final Map<Long, Long> pending = new LinkedHashMap<>();
        volatile long lastUsed = System.currentTimeMillis();
    }

    /** Registers a request's sequence number; returns its ack id. */
    long register(String channel, long sequence) throws HecException {
        expireIdle();
        if (!channels.containsKey(channel) && channels.size() >= MAX_CHANNELS) {
            throw new HecException(HecStatus.SERVER_BUSY);
        }
        Channel c = channels.computeIfAbsent(channel, k -> new Channel());
        synchronized (c) {
            if (c.pending.size() >= MAX_PENDING) {
                throw new HecException(HecStatus.SERVER_BUSY);
            }
            c.lastUsed = System.currentTimeMillis();
            long id = c.nextId++;
            c.pending.put(id, sequence);
            return id;
        }
    }

    /** Status of each requested ack id; ids reported true are forgotten. */
    Map<String, Boolean> query(String channel, List<Long> ids, LongPredicate durable) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Channel c = channels.get(channel);
        for (long id : ids) {
            boolean done = false;
            if (c != null) {
                synchronized (c) {
                    c.lastUsed = System.currentTimeMillis();
                    Long seq = c.pending.get(id);
                    if (seq != null && durable.test(seq)) {
                        c.pending.remove(id);
                        done = true;
                    }
                }
            }
            out.put(Long.toString(id), done);
        }
        return out;
    }

    private void expireIdle() {
        long now = System.currentTimeMillis();
        channels.entrySet().removeIf(e -> now - e.getValue().lastUsed > IDLE_MILLIS);
    }
}
