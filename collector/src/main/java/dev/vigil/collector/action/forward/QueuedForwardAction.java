package dev.vigil.collector.action.forward;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.action.Suspendable;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * omfwd behind its own queue ($ActionQueueType LinkedList, with $ActionQueueFileName a durable
 * {@link DiskQueue}): the rule engine only enqueues; a worker thread sends in order, and when the target
 * is away keeps the messages and retries every resume interval, forever with
 * {@code $ActionResumeRetryCount -1}, otherwise dropping a message after that many failed retries
 * (counted). A record is acknowledged only once sent and flushed, so after a restart delivery resumes
 * where it stopped: in order, none lost, none twice (short of a crash between send and checkpoint).
 */
public final class QueuedForwardAction implements Action, Suspendable {
    private static final int BATCH = 512;
    private static final long CHECKPOINT_NANOS = 1_000_000_000L;
    private final QueueableAction sender;
    private final RecordQueue queue;
    private final long resumeMillis;
    private final long retryCount;
    private final Consumer<String> reporter;
    private final Object lock = new Object();
    private final Thread worker;
    private volatile boolean closing;
    private volatile boolean suspended;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param retryCount retries before a message is dropped; -1 for never
     * @param reporter receives one line when the target goes away and when it comes back
     */
    public QueuedForwardAction(QueueableAction sender, RecordQueue queue, long resumeMillis, long retryCount,
            Consumer<String> reporter) {
        this.sender = sender;
        this.queue = queue;
        this.resumeMillis = Math.max(10, resumeMillis);
        this.retryCount = retryCount;
        this.reporter = reporter;
        this.worker = new Thread(this::run, "omfwd-queue " + sender.describe());
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void process(Event event) throws ActionException {
        byte[] msg = sender.render(event);
        synchronized (lock) {
            try {
                queue.append(msg, 0, msg.length);
            } catch (IOException e) {
                dropped.incrementAndGet();
                throw new ActionException("queue of " + sender.describe() + ": " + e.getMessage(), e, false);
            }
            lock.notifyAll();
        }
    }

    private void run() {
        boolean down = false;
        long retries = 0;
        long lastSync = System.nanoTime();
        List<byte[]> batch = new ArrayList<>(BATCH);
        while (!closing) {
            try {
                batch.clear();
                synchronized (lock) {
                    while (!closing && queue.size() == 0) {
                        lock.wait(1000);
                    }
                    byte[] r;
                    while (batch.size() < BATCH && (r = queue.peekNext()) != null) {
                        batch.add(r);
                    }
                }
                if (batch.isEmpty()) {
                    continue;
                }
                int sentInBatch = 0;
                try {
                    sender.verifyConnection();
                    for (byte[] r : batch) {
                        sender.send(r, r.length);
                        sentInBatch++;
                    }
                    sender.flush();
                } catch (RecordRejectedException e) {
                    synchronized (lock) {
                        // keep what was delivered, drop the refused record, retry nothing else
                        queue.rewind();
                        for (int i = 0; i <= sentInBatch; i++) {
                            queue.peekNext();
                        }
                        queue.ack();
                    }
                    dropped.incrementAndGet();
                    delivered.addAndGet(sentInBatch);
                    reporter.accept(sender.describe() + ": record dropped: " + e.getMessage());
                    continue;
                } catch (IOException e) {
                    synchronized (lock) {
                        queue.rewind();
                        if (retryCount >= 0 && ++retries > retryCount) {
                            queue.peekNext();
                            queue.ack();
                            dropped.incrementAndGet();
                            retries = 0;
                        }
                    }
                    if (!down) {
                        reporter.accept(sender.describe() + " suspended, messages are queued: " + e.getMessage());
                        down = true;
                        suspended = true;
                    }
                    sleep(resumeMillis);
                    continue;
                }
                synchronized (lock) {
                    queue.ack();
                    if (System.nanoTime() - lastSync > CHECKPOINT_NANOS) {
                        queue.sync();
                        lastSync = System.nanoTime();
                    }
                }
                delivered.addAndGet(batch.size());
                retries = 0;
                if (down) {
                    reporter.accept(sender.describe() + " resumed");
                    down = false;
                    suspended = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                reporter.accept(sender.describe() + ": queue error: " + e.getMessage());
                sleep(resumeMillis);
            }
        }
    }

    private void sleep(long ms) {
        synchronized (lock) {
            try {
                if (!closing) {
                    lock.wait(ms);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while the target is unreachable and messages wait in the queue. */
    @Override
    public boolean suspended() {
        return suspended;
    }

    /** Messages queued and not yet delivered. */
    public long queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Messages delivered from the queue. */
    public long delivered() {
        return delivered.get();
    }

    /** Messages dropped (queue full, or retries exhausted). */
    public long dropped() {
        return dropped.get();
    }

    /** Waits up to {@code millis} for the queue to drain (for tests and orderly shutdown). */
    public boolean awaitEmpty(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (queued() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return queued() == 0;
    }

    /** Stops the worker and saves the queue; messages still queued stay on disk for the next start. */
    @Override
    public void close() throws IOException {
        closing = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            try {
                queue.rewind();
                queue.close();
            } finally {
                sender.close();
            }
        }
    }

    @Override
    public String describe() {
        return sender.describe() + " (queued)";
    }
}
