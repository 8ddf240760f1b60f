package dev.vigil.server.output;

import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.core.event.Event;
import dev.vigil.index.EventStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index as one more action after the rules (DESIGN.md: storing is one action among others): every
 * event the node receives goes, in batches, to the event store on a thread of its own. A full hand-off
 * queue blocks the main queue, which pauses TCP reads: back-pressure, not loss.
 */
public final class IndexOutput implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(IndexOutput.class);
    private static final int BATCH = 2048;
    private static final List<Event> STOP = new ArrayList<>();

    private final EventProcessor first;
    private final EventStore store;
    private final BlockingQueue<List<Event>> handoff = new ArrayBlockingQueue<>(64);
    private final Thread writer;
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private List<Event> batch = new ArrayList<>(BATCH);
    private volatile AppendListener listener;

    /** Told, on the indexing thread and in order, what became of each batch (the agent listener acks by it). */
    public interface AppendListener {
        /** {@code batch} was appended; it is durable once the store's durable sequence reaches {@code storeSeq}. */
        void appended(List<Event> batch, long storeSeq);

        /** {@code batch} could not be stored. */
        void failed(List<Event> batch);
    }

    /** Runs {@code first} (rules or default files) for each event, then indexes it into {@code store}. */
    public IndexOutput(EventProcessor first, EventStore store) {
        this.first = first;
        this.store = store;
        this.writer = new Thread(this::run, "vigil-indexer");
        this.writer.start();
    }

    /** Sets the one listener told about every appended or failed batch. */
    public void listener(AppendListener l) {
        this.listener = l;
    }

    @Override
    public void process(Event event, String ruleset) {
        first.process(event, ruleset);
        batch.add(event);
        if (batch.size() >= BATCH) {
            handOff();
        }
    }

    /** Indexes an event that is not to run through the rules (Vigil's own events). */
    public void indexOnly(Event event) {
        batch.add(event);
        if (batch.size() >= BATCH) {
            handOff();
        }
    }

    private void handOff() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            handoff.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.addAndGet(batch.size());
        }
        batch = new ArrayList<>(BATCH);
    }

    private void run() {
        while (true) {
            List<Event> b;
            try {
                b = handoff.take();
            } catch (InterruptedException e) {
                return;
            }
            if (b == STOP) {
                return;
            }
            AppendListener l = listener;
            long seq;
            try {
                seq = store.append(b);
                indexed.addAndGet(b.size());
            } catch (IOException | RuntimeException e) {
                if (failed.getAndAdd(b.size()) == 0) {
                    LOG.error("indexing failed (further failures are counted): {}", e.toString(), e);
                }
                if (l != null) {
                    l.failed(b);
                }
                continue;
            }
            if (l != null) {
                l.appended(b, seq);
            }
        }
    }

    @Override
    public void flush() {
        first.flush();
        handOff();
    }

    /** Waits until everything handed off has been appended to the store. */
    public boolean awaitIndexed(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!handoff.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return handoff.isEmpty();
    }

    public long indexed() {
        return indexed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        first.close();
        handOff();
        try {
            handoff.put(STOP);
            writer.join(60_000);
            store.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("final index flush failed: {}", e.getMessage());
        }
    }
}
