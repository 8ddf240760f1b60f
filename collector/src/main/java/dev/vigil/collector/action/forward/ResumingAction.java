package dev.vigil.collector.action.forward;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.action.Suspendable;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * rsyslog's suspend-and-resume for an action without a queue ({@code queue.type} Direct, the default).
 * When the target fails, the message is sent again at once (after a reconnect), as rsyslog's
 * {@code tryResume} does. If that fails too:
 * <ul>
 * <li>{@code action.resumeRetryCount 0} (the default): the message is dropped and the action suspended
 * for {@code action.resumeInterval} x (1 + suspensions/10) seconds, at most
 * {@code action.resumeIntervalMax}; messages for it meanwhile are dropped (counted); the first one after
 * that tries again;</li>
 * <li>N &gt; 0 or -1 (forever): the message and every later one for this action are held, in order, and a
 * retry thread sends the first again every resume interval; once it goes through, all held messages
 * follow and the action is direct again. After N failed retries the held messages are dropped and the
 * action suspended as above.</li>
 * </ul>
 * Where rsyslog's main-queue worker waits for the retries (and every other action with it), Vigil's
 * rule engine goes on: only this action's messages wait, up to {@code holdLimit} of them (more are
 * dropped and counted). Each episode is reported in one line when it starts and one when it ends.
 */
public final class ResumingAction implements Action, Suspendable {
    private enum State { READY, RETRYING, SUSPENDED }

    /** rsyslog lengthens the suspension every 10 suspensions, up to 20 of them (3x the interval). */
    private static final int MAX_SUSPENSIONS = 20;
    private final Action target;
    private final long intervalMillis;
    private final long maxIntervalMillis;
    private final long retryCount;
    private final int holdLimit;
    private final Consumer<String> reporter;
    private final Object lock = new Object();
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    private volatile State state = State.READY;
    private long resumeAtNanos;
    private int suspensions;
    private boolean closing;
    private Thread worker;
    private long droppedInEpisode;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong deliveredLate = new AtomicLong();

    /**
     * @param retryCount {@code action.resumeRetryCount}: retries of a failed message, -1 for forever
     * @param maxIntervalMillis {@code action.resumeIntervalMax}, 0 for no limit
     * @param holdLimit messages held at most while retrying
     */
    public ResumingAction(Action target, long intervalMillis, long maxIntervalMillis, long retryCount, int holdLimit,
            Consumer<String> reporter) {
        this.target = target;
        this.intervalMillis = Math.max(10, intervalMillis);
        this.maxIntervalMillis = maxIntervalMillis;
        this.retryCount = retryCount;
        this.holdLimit = Math.max(1, holdLimit);
        this.reporter = reporter;
    }

    @Override
    public void process(Event e) throws ActionException {
        if (state == State.READY) {
            ActionException failure = tryOnce(e);
            if (failure == null) {
                return;
            }
            // rsyslog's tryResume: reconnect and send the same message again, at once
            ActionException again = tryOnce(e);
            if (again == null) {
                reporter.accept(target.describe() + ": " + reason(failure) + "; sent again after reconnecting");
                return;
            }
            failed(e, again);
            return;
        }
        synchronized (lock) {
            if (state == State.RETRYING) {
                hold(e);
                return;
            }
            if (System.nanoTime() - resumeAtNanos < 0) {
                droppedInEpisode++;
                dropped.incrementAndGet();
                return;
            }
        }
        // the suspension is over: this message is the attempt to resume
        ActionException failure = tryOnce(e);
        if (failure == null) {
            resumed("");
        } else {
            failed(e, failure);
        }
    }

    /** Null when delivered; the failure when the target is unavailable; throws when it refused the message. */
    private ActionException tryOnce(Event e) throws ActionException {
        try {
            target.process(e);
            return null;
        } catch (ActionException ex) {
            if (ex.retryable()) {
                return ex;
            }
            throw ex;
        }
    }

    private void failed(Event e, ActionException failure) {
        synchronized (lock) {
            if (retryCount == 0) {
                droppedInEpisode++;
                dropped.incrementAndGet();
                long pause = suspend();
                reporter.accept(target.describe() + " failed: " + reason(failure) + "; suspended, next retry in "
                        + seconds(pause) + ", messages for it are dropped until then (action.resumeRetryCount 0)");
                return;
            }
            state = State.RETRYING;
            held.add(e);
            reporter.accept(target.describe() + " failed: " + reason(failure) + "; retrying every "
                    + seconds(intervalMillis) + (retryCount < 0 ? " until it is back" : ", " + retryCount + " times")
                    + ", its messages are held meanwhile");
            worker = new Thread(this::retryLoop, "resume " + target.describe());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void hold(Event e) {
        if (held.size() < holdLimit) {
            held.add(e);
            return;
        }
        if (droppedInEpisode++ == 0) {
            reporter.accept(target.describe() + ": " + holdLimit + " messages held, dropping further ones until it is back");
        }
        dropped.incrementAndGet();
    }

    /** Sets the suspension (under the lock); returns its length in milliseconds. */
    private long suspend() {
        long pause = intervalMillis * (suspensions / 10 + 1);
        if (maxIntervalMillis > 0) {
            pause = Math.min(pause, maxIntervalMillis);
        }
        resumeAtNanos = System.nanoTime() + pause * 1_000_000L;
        state = State.SUSPENDED;
        if (suspensions < MAX_SUSPENSIONS) {
            suspensions++;
        }
        return pause;
    }

    private void resumed(String how) {
        synchronized (lock) {
            reportResumed(how);
        }
    }

    /** Back to direct delivery (under the lock). */
    private void reportResumed(String how) {
        state = State.READY;
        suspensions = 0;
        long lost = droppedInEpisode;
        droppedInEpisode = 0;
        reporter.accept(target.describe() + " resumed" + how + (lost > 0 ? "; " + lost + " messages were dropped" : ""));
    }

    /** Sends the held messages: the first again every resume interval, the rest as soon as it went through. */
    private void retryLoop() {
        long retries = 0;
        long late = 0;
        boolean lastFailed = true; // the immediate retry has just failed
        boolean flushed = false;
        String lastError = "";
        while (true) {
            Event head;
            synchronized (lock) {
                if (lastFailed) {
                    if (retryCount >= 0 && retries >= retryCount) {
                        int n = held.size();
                        held.clear();
                        droppedInEpisode += n;
                        dropped.addAndGet(n);
                        long pause = suspend();
                        reporter.accept(target.describe() + ": still failing after " + retries + " retries (" + lastError
                                + "); " + n + " held messages dropped, suspended, next retry in " + seconds(pause));
                        return;
                    }
                    retries++;
                    if (!pause()) {
                        return;
                    }
                }
                head = held.peekFirst();
                if (head == null && flushed) {
                    // under the lock, so the engine cannot hold one more message after this check
                    reportResumed("; " + late + " held messages delivered");
                    return;
                }
            }
            try {
                if (head == null) {
                    target.flush(); // what was sent is buffered: push it before going direct again
                    flushed = true;
                    continue;
                }
                flushed = false;
                target.process(head);
                lastFailed = false;
                retries = 0;
                late++;
                deliveredLate.incrementAndGet();
            } catch (IOException ex) {
                lastFailed = true; // the flush failed: the target went away again
                lastError = reason(ex);
                continue;
            } catch (ActionException | RuntimeException ex) {
                if (ex instanceof ActionException a && a.retryable()) {
                    lastFailed = true;
                    lastError = reason(ex);
                    continue;
                }
                rejected.incrementAndGet();
                reporter.accept(target.describe() + ": record dropped: " + reason(ex));
                lastFailed = false;
            }
            synchronized (lock) {
                held.pollFirst();
            }
        }
    }

    /** Waits one resume interval (under the lock); false when the action is closing. */
    private boolean pause() {
        long end = System.nanoTime() + intervalMillis * 1_000_000L;
        try {
            long left;
            while (!closing && (left = end - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closing;
    }

    /** The failure's message without the action's own description in front. */
    private String reason(Exception ex) {
        String m = String.valueOf(ex.getMessage());
        String prefix = target.describe() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public boolean suspended() {
        return state != State.READY;
    }

    /** Messages waiting for the target to come back. */
    public int held() {
        synchronized (lock) {
            return held.size();
        }
    }

    /** Messages dropped for this action: while suspended, over the hold limit, or after the retries. */
    public long dropped() {
        return dropped.get();
    }

    /** Held messages the target refused when they were finally sent (e.g. a statement the database rejects). */
    public long rejected() {
        return rejected.get();
    }

    /** Messages delivered by the retry thread. */
    public long deliveredLate() {
        return deliveredLate.get();
    }

    @Override
    public void flush() throws IOException {
        if (state == State.READY) {
            target.flush();
        }
    }

    /** Stops retrying; messages still held are reported as not delivered. */
    @Override
    public void close() throws IOException {
        Thread w;
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
            w = worker;
        }
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int n;
        synchronized (lock) {
            n = held.size();
            held.clear();
        }
        if (n > 0) {
            dropped.addAndGet(n);
            reporter.accept(target.describe() + ": " + n + " held messages not delivered at shutdown");
        }
        target.close();
    }

    @Override
    public String describe() {
        return target.describe();
    }
}
