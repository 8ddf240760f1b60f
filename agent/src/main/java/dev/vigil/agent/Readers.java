package dev.vigil.agent;

import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.RecoveredFiles;
import java.io.Closeable;
import java.util.List;

/**
 * The one thread that reads every input into the queue: a pass polls each input (bounded work each), then
 * writes and syncs the queue. When the queue is full or its disk refuses writes, reading stops until there is
 * room again; nothing is read that could not be queued.
 */
public final class Readers implements Closeable {
    /** Bytes read from a file at a time. */
    static final int BLOCK = 256 << 10;

    private final List<Input> inputs;
    private final DiskQueue queue;
    private final RecoveredFiles recovered;
    private final Stats stats;
    private final long idleMillis;
    private final byte[] block = new byte[BLOCK];
    private volatile boolean running = true;
    private boolean adopted;
    private Thread thread;

    /** @param idleMillis how long to wait when nothing was new before looking again */
    public Readers(List<Input> inputs, DiskQueue queue, RecoveredFiles recovered, Stats stats, long idleMillis) {
        this.inputs = inputs;
        this.queue = queue;
        this.recovered = recovered;
        this.stats = stats;
        this.idleMillis = idleMillis;
    }

    /** Starts the reading thread. */
    public void start() {
        thread = new Thread(this::run, "vigil-agent-readers");
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                if (!pass()) {
                    Thread.sleep(idleMillis);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                stats.errors.inc();
                stats.warn("reader error: " + e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * One pass over every input, then a queue flush; when the queue has no room, waits for an acknowledgement
     * (at most five idle periods) instead of reading.
     *
     * @return whether anything was read
     */
    public boolean pass() throws InterruptedException {
        if (!adopted) {
            adopted = true;
            for (Input in : inputs) {
                in.start(block);
            }
            adoptLeftovers();
        }
        boolean progress = false;
        for (Input in : inputs) {
            progress |= in.poll(block);
        }
        if (!queue.flush(!progress) || !queue.acceptsMore()) {
            queue.awaitRoom(Math.max(10, idleMillis * 5)); // an acknowledgement wakes it at once
            return true;
        }
        return progress;
    }

    /** Files of the previous run that no input found at its paths: renamed or deleted while stopped. */
    private void adoptLeftovers() {
        for (FileState s : recovered.takeLeftovers()) {
            boolean taken = false;
            for (Input in : inputs) {
                if (in.adopt(s)) {
                    taken = true;
                    break;
                }
            }
            if (!taken) {
                queue.forget(s.fileNo());
                stats.notice(s.path() + " is no longer followed (its input " + s.input() + " is gone from the"
                        + " configuration)");
            }
        }
    }

    /** Stops the thread, closes the files and writes out what was read. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            // no interrupt: an interrupted FileChannel operation closes the channel (the queue's too)
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Input in : inputs) {
            in.close();
        }
        queue.flush(true);
    }
}
