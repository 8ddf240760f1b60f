package dev.vigil.collector.pipeline;

import dev.vigil.core.event.Event;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rsyslog's main message queue: a bounded, in-memory queue of event batches drained by one worker thread
 * (so output order is input order, as with {@code $MainMsgQueueWorkerThreads 1}). {@link #offer} never
 * blocks: a full queue answers false and the input applies back-pressure (TCP stops reading) or counts a
 * drop (UDP). The worker flushes the processor when the queue runs empty and at least once a second.
 */
public final class MainQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainQueue.class);

    private final int capacity;
    private final EventProcessor processor;
    private final ArrayDeque<List<Event>> batches = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Thread worker;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong processorErrors = new AtomicLong();
    private int size;
    private volatile boolean stopping;

    /**
     * @param capacity maximum events queued ({@code $MainMsgQueueSize}, rsyslog's default 100000)
     */
    public MainQueue(int capacity, EventProcessor processor) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue size " + capacity + " must be positive");
        }
        this.capacity = capacity;
        this.processor = processor;
        this.worker = new Thread(this::run, "vigil-main-queue");
        this.worker.start();
    }

    /** Enqueues a batch when it fits (a batch always fits into an empty queue); false when full. */
    public boolean offer(List<Event> batch) {
        return offer(batch, capacity);
    }

    /**
     * Enqueues a batch when the queue then holds at most {@code limit} events (an input that can be
     * slowed down stops below the capacity, keeping the rest for one that cannot); false otherwise.
     */
    public boolean offer(List<Event> batch, int limit) {
        if (batch.isEmpty()) {
            return true;
        }
        lock.lock();
        try {
            if (stopping || (size > 0 && size + batch.size() > Math.min(limit, capacity))) {
                return false;
            }
            batches.addLast(batch);
            size += batch.size();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Events waiting now. */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Events handed to the processor so far. */
    public long processed() {
        return processed.get();
    }

    /** Events whose processing threw (logged; the queue goes on). */
    public long processorErrors() {
        return processorErrors.get();
    }

    /** Waits until every queued event has been processed and flushed (tests, shutdown). */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (size > 0 || busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean busy;

    private void run() {
        long lastFlush = System.nanoTime();
        while (true) {
            List<Event> batch;
            lock.lock();
            try {
                while (batches.isEmpty()) {
                    if (busy) {
                        busy = false;
                    }
                    if (stopping) {
                        drained.signalAll();
                        return;
                    }
                    drained.signalAll();
                    notEmpty.await(200, TimeUnit.MILLISECONDS);
                    if (batches.isEmpty()) {
                        break;
                    }
                }
                batch = batches.pollFirst();
                if (batch != null) {
                    size -= batch.size();
                    busy = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (batch != null) {
                String ruleset = batch instanceof Batch b ? b.ruleset() : null;
                for (Event e : batch) {
                    try {
                        processor.process(e, ruleset);
                    } catch (RuntimeException ex) {
                        if (processorErrors.getAndIncrement() == 0) {
                            LOG.error("processing an event failed (further failures are counted): {}", ex.toString(), ex);
                        }
                    }
                }
                processed.addAndGet(batch.size());
            }
            long now = System.nanoTime();
            boolean empty;
            lock.lock();
            try {
                empty = batches.isEmpty();
            } finally {
                lock.unlock();
            }
            if (empty || now - lastFlush > 1_000_000_000L) {
                flushQuietly();
                lastFlush = now;
                if (empty) {
                    lock.lock();
                    try {
                        if (batches.isEmpty()) {
                            busy = false;
                            drained.signalAll();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            processor.flush();
        } catch (RuntimeException e) {
            LOG.warn("flush failed: {}", e.toString());
        }
    }

    /** Processes what is queued, flushes, and stops the worker. */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        worker.join();
        flushQuietly();
    }
}
