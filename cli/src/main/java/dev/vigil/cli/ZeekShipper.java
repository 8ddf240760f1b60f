package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.index.extract.Sourcetypes;
import dev.vigil.index.extract.ZeekTsvReader;
import dev.vigil.index.importer.EventSink;
import dev.vigil.index.importer.HecForwarder;
import dev.vigil.sensor.log.ZeekLogWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code vigil sensor --server URL}: every row the sensor writes goes, as written, to the server's
 * HTTP Event Collector under sourcetype {@code zeek_<path>} ({@code zeek_conn}, {@code zeek_http}…),
 * with the row's columns as fields (read with the log's own {@code #fields} header) and its
 * {@code ts} as the event time. The rows pass through a bounded queue to one sender thread, which
 * posts batches of up to {@link #BATCH} rows (or what arrived within a second) and retries a batch
 * the server could not take (unreachable, busy, failing) with growing pauses. The logs on disk are
 * written before a row is queued and are not changed by shipping.
 */
final class ZeekShipper implements ZeekLogWriter.LogTap, AutoCloseable {
    static final int BATCH = 500;
    private static final int QUEUE = 100_000;
    private static final long MAX_PAUSE_MS = 30_000;
    private static final Event END = Event.builder().received(Instant.EPOCH).raw(new byte[0]).build();

    private final EventSink sink;
    private final String target;
    private final Path dir;
    private final boolean live;
    private final PrintStream err;
    private final String host = localHostName();
    private final Map<String, ZeekTsvReader> readers = new HashMap<>();
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread sender;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong notShipped = new AtomicLong();
    private volatile boolean refused;
    private volatile long giveUpAt = Long.MAX_VALUE;
    private boolean warnedFull;

    /**
     * @param live true for a live capture: when the queue is full (the server is down for long), rows
     *             are left out of shipping rather than stalling the capture; false: the sensor waits
     */
    ZeekShipper(EventSink sink, String target, Path dir, boolean live, PrintStream err) {
        this.sink = sink;
        this.target = target;
        this.dir = dir.toAbsolutePath().normalize();
        this.live = live;
        this.err = err;
        this.sender = new Thread(this::sendLoop, "vigil-sensor-hec");
        sender.setDaemon(true);
        sender.start();
    }

    static ZeekShipper toServer(String url, String token, Path dir, boolean live, PrintStream err) {
        return new ZeekShipper(new HecForwarder(url, token), url, dir, live, err);
    }

    @Override
    public void line(String path, boolean json, String line) {
        Event e = json ? jsonEvent(path, line) : tsvEvent(path, line);
        if (e == null || refused) {
            return;
        }
        if (live) {
            if (!queue.offer(e)) {
                notShipped.incrementAndGet();
                if (!warnedFull) {
                    warnedFull = true;
                    err.println("vigil sensor: " + target + " is not taking the logs fast enough; rows are left out"
                            + " of shipping (the logs on disk are complete)");
                }
            }
            return;
        }
        try {
            queue.put(e);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            notShipped.incrementAndGet();
        }
    }

    private Event tsvEvent(String path, String line) {
        ZeekTsvReader r = readers.computeIfAbsent(path, p -> new ZeekTsvReader());
        ZeekTsvReader.Row row = r.line(line);
        if (row == null) {
            return null;
        }
        Event.Builder b = base(path, line).fields(row.fields());
        if (row.time() != null) {
            b.reported(SyslogTime.ofInstant(row.time(), ZoneOffset.UTC));
        }
        return b.build();
    }

    private Event jsonEvent(String path, String line) {
        return base(path, line).build();
    }

    private Event.Builder base(String path, String line) {
        return Event.builder().received(Instant.now()).raw(line.getBytes(StandardCharsets.UTF_8)).msg(line)
                .source(dir.resolve(path + ".log").toString()).sourcetype(Sourcetypes.ZEEK_PREFIX + path)
                .hostname(host).fromHost(host);
    }

    private void sendLoop() {
        List<Event> batch = new ArrayList<>(BATCH);
        boolean end = false;
        while (!end) {
            try {
                Event first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                end = true;
            }
            if (!batch.isEmpty() && batch.get(batch.size() - 1) == END) {
                batch.remove(batch.size() - 1);
                end = true;
            }
            if (!batch.isEmpty()) {
                send(batch);
                batch.clear();
            }
        }
    }

    /** Sends one batch, retrying what may succeed later; counts what could not be shipped. */
    private void send(List<Event> batch) {
        long pause = 500;
        boolean reported = false;
        while (true) {
            if (refused || System.currentTimeMillis() > giveUpAt) {
                notShipped.addAndGet(batch.size());
                return;
            }
            try {
                sink.accept(batch);
                shipped.addAndGet(batch.size());
                if (reported) {
                    err.println("vigil sensor: " + target + " is taking the logs again");
                }
                return;
            } catch (HecForwarder.Refused e) {
                if (!e.retryable()) {
                    refused = true;
                    err.println("vigil sensor: " + e.getMessage() + "; shipping stopped (the logs on disk are complete)");
                    notShipped.addAndGet(batch.size());
                    return;
                }
                reported = retryNotice(reported, e);
            } catch (IOException e) {
                reported = retryNotice(reported, e);
            }
            if (System.currentTimeMillis() + pause > giveUpAt) {
                notShipped.addAndGet(batch.size());
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                notShipped.addAndGet(batch.size());
                return;
            }
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private boolean retryNotice(boolean reported, IOException e) {
        if (!reported) {
            err.println("vigil sensor: cannot ship logs to " + target + " (" + e.getMessage() + "); retrying");
        }
        return true;
    }

    /** Rows handed to the server and accepted. */
    long shipped() {
        return shipped.get();
    }

    /** Rows that could not be shipped (refused, given up, or left out while the server was too slow). */
    long notShipped() {
        return notShipped.get() + queue.size();
    }

    /**
     * Sends what is queued, waiting at most {@code graceMs} for a server that is down, and stops the
     * sender. Afterwards {@link #notShipped()} counts what did not reach the server.
     */
    void finish(long graceMs) {
        giveUpAt = System.currentTimeMillis() + graceMs;
        try {
            queue.put(END);
            sender.join(graceMs + MAX_PAUSE_MS + 60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
        }
    }

    @Override
    public void close() {
        finish(60_000);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
