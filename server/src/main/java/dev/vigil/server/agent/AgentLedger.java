package dev.vigil.server.agent;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.collector.pipeline.MainQueue;
import dev.vigil.core.event.Event;
import dev.vigil.index.EventStore;
import dev.vigil.server.output.IndexOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once bookkeeping per agent id. Events are de-duplicated by sequence number when they arrive;
 * each batch handed to the main queue is remembered, in pipeline order, until the index has stored it
 * (its append is durable) or, with --no-index, the outputs have processed and flushed it; only then
 * does the agent's durable point advance and the agent get its ack.
 *
 * <p>After a crash the durable point is rebuilt from what is atomic with the events themselves: each
 * stored agent event carries {@code agent_id} and {@code agent_seq}, so the index (with its replayed
 * write-ahead log) says exactly which of them survived. {@link AgentCheckpoint} bounds that search: its
 * durable point may lag, its ceiling never does.
 */
public final class AgentLedger implements AutoCloseable, IndexOutput.AppendListener {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLedger.class);
    /** How far past the accepted events the ceiling is raised each time (one small fsync per 65,536 events). */
    static final long CEILING_STEP = 1 << 16;

    /** One batch handed to the pipeline. */
    static final class Admitted {
        final AgentState state;
        final long first;
        final long last;
        final int count;
        final int generation;
        final Event firstEvent;
        final Event lastEvent;
        boolean failed;

        Admitted(AgentState state, List<Event> events, long first, long last, int generation) {
            this.state = state;
            this.first = first;
            this.last = last;
            this.count = events.size();
            this.generation = generation;
            this.firstEvent = events.get(0);
            this.lastEvent = events.get(events.size() - 1);
        }
    }

    /** Batches whose fate is known: durable once the store reaches {@code storeSeq} (0: at once), or failed. */
    private record Settled(long storeSeq, List<Admitted> batches, boolean failed) {
    }

    private final AgentCheckpoint checkpoint;
    /** The checkpoint as read at start; null when missing or damaged (every agent is then looked up in full). */
    private final Map<String, AgentCheckpoint.Entry> onDisk;
    private final EventStore store;
    private final IndexSeqLookup lookup;
    private final AgentStats stats;
    private final Map<String, AgentState> agents = new ConcurrentHashMap<>();
    private final ArrayDeque<Admitted> inPipeline = new ArrayDeque<>();
    private final LinkedBlockingQueue<Settled> settled = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService io;
    private final Thread settler;
    private List<Admitted> processedSinceFlush = new ArrayList<>();
    private volatile boolean dirty;
    private volatile boolean closed;

    /**
     * @param dir where the checkpoint lives ({@code DATA/agents})
     * @param store the node's index, or null with --no-index
     */
    public AgentLedger(Path dir, EventStore store, AgentStats stats) throws IOException {
        this.checkpoint = new AgentCheckpoint(dir);
        this.onDisk = checkpoint.read();
        this.store = store;
        this.lookup = store == null ? null : new IndexSeqLookup(store);
        this.stats = stats;
        this.io = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-agent-ledger"));
        io.scheduleWithFixedDelay(this::writeQuietly, 1, 1, TimeUnit.SECONDS);
        this.settler = daemon(this::settle, "vigil-agent-acks");
        settler.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The state of an agent, recovered from the checkpoint and the index on its first hello. */
    CompletableFuture<AgentState> open(String id) {
        AgentState s = agents.get(id);
        if (s != null) {
            return CompletableFuture.completedFuture(s);
        }
        return CompletableFuture.supplyAsync(() -> {
            AgentState known = agents.get(id);
            if (known != null) {
                return known;
            }
            try {
                AgentState r = recover(id);
                agents.put(id, r);
                dirty = true;
                return r;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, io);
    }

    private AgentState recover(String id) throws IOException {
        AgentCheckpoint.Entry e = onDisk == null ? null : onDisk.get(id);
        long durable = e == null ? 0 : e.durable();
        long ceiling = e == null ? 0 : e.ceiling();
        TreeSet<Long> found = new TreeSet<>();
        if (lookup != null && (onDisk == null || ceiling > durable)) {
            IndexSeqLookup.Found f = lookup.present(id, durable, onDisk == null ? Long.MAX_VALUE : ceiling);
            found = f.seqs();
            stats.recoveryEventsRead.add(f.eventsRead());
        }
        long contiguous = durable;
        for (long s : found) {
            if (s != contiguous + 1) {
                break;
            }
            contiguous = s;
        }
        AgentState st = new AgentState(id, contiguous, found.isEmpty() ? ceiling : Math.max(ceiling, found.last()));
        TreeSet<Long> above = new TreeSet<>(found.tailSet(contiguous, false));
        st.recovered = above.isEmpty() ? null : above;
        if (!found.isEmpty()) {
            stats.recoveries.increment();
            LOG.info("agent {}: the index holds {} events past its checkpoint; durable up to {}{}", id, found.size(),
                    contiguous, above.isEmpty() ? "" : ", and " + above.size() + " later ones (a crash left gaps)");
        }
        return st;
    }

    /** Makes {@code session} the agent's connection; returns the one it replaces, or null. */
    AgentSession attach(AgentState s, AgentSession session, String hostName) {
        synchronized (s) {
            AgentSession old = s.session;
            s.session = session;
            s.hostName = hostName;
            return old;
        }
    }

    void detach(AgentState s, AgentSession session) {
        synchronized (s) {
            if (s.session == session) {
                s.session = null;
            }
        }
    }

    /**
     * What became of a batch: the events the node did not have (to hand to the pipeline), the agent's
     * generation they were admitted in, and the highest sequence number of the batch that is not stored yet
     * (admitted now, or still in the pipeline from an earlier connection); 0 when every event of the batch
     * is already stored. The batch may be acknowledged once the durable point reaches that number.
     */
    record Admission(List<AgentEvent> fresh, int generation, long maxPending) {
    }

    /** Admits the events of a batch the node does not have yet (the others are counted as duplicates). */
    Admission admit(AgentState s, List<AgentEvent> events) {
        List<AgentEvent> fresh = new ArrayList<>(events.size());
        int generation;
        long maxPending = 0;
        synchronized (s) {
            generation = s.generation;
            for (AgentEvent e : events) {
                long seq = e.seq();
                if (seq <= s.durable || s.recovered != null && s.recovered.contains(seq)) {
                    continue; // stored
                }
                maxPending = seq;
                if (seq <= s.accepted) {
                    continue; // in the pipeline, handed over by an earlier connection
                }
                fresh.add(e);
                s.accepted = seq;
            }
            if (s.recovered != null && s.recovered.last() <= s.accepted) {
                s.recovered = null;
            }
        }
        stats.duplicates.add(events.size() - fresh.size());
        return new Admission(fresh, generation, maxPending);
    }

    /**
     * Admitted events that will not reach the pipeline after all (the ceiling could not be written, or
     * the node is stopping): the agent must send them again, so they are forgotten, and batches admitted
     * after them no longer count.
     */
    void abandon(AgentState s, long first, int generation) {
        synchronized (s) {
            if (s.generation == generation) {
                s.generation++;
                s.accepted = Math.min(s.accepted, first - 1);
            }
        }
    }

    /** True when events up to {@code seq} may be handed to the pipeline (the ceiling on disk covers them). */
    boolean covered(AgentState s, long seq) {
        synchronized (s) {
            return seq <= s.ceiling;
        }
    }

    /** Raises the agent's ceiling on disk above {@code seq}; completes once it is written. */
    CompletableFuture<Void> raiseCeiling(AgentState s, long seq) {
        synchronized (s) {
            if (seq <= s.ceiling) {
                return CompletableFuture.completedFuture(null);
            }
            if (s.raising != null) {
                return s.raising.thenCompose(v -> raiseCeiling(s, seq));
            }
            s.ceilingTarget = seq + CEILING_STEP;
            CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
                try {
                    write();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, io);
            s.raising = f.whenComplete((v, t) -> {
                synchronized (s) {
                    if (t == null) {
                        s.ceiling = Math.max(s.ceiling, s.ceilingTarget);
                    }
                    s.raising = null;
                }
            });
            return s.raising;
        }
    }

    /** Raises the ceiling ahead of need, so that steady shipping never waits for it. */
    void raiseAhead(AgentState s) {
        boolean due;
        synchronized (s) {
            due = s.raising == null && s.accepted > s.ceiling - CEILING_STEP / 2;
        }
        if (due) {
            raiseCeiling(s, s.accepted).exceptionally(t -> null);
        }
    }

    /**
     * Hands a batch of one agent to the main queue and remembers it, in queue order; false when the
     * queue is full (nothing is remembered then).
     */
    boolean offer(MainQueue queue, AgentState s, List<Event> events, long first, long last, int generation) {
        synchronized (inPipeline) {
            if (!queue.offer(events)) {
                return false;
            }
            inPipeline.addLast(new Admitted(s, events, first, last, generation));
            return true;
        }
    }

    private static boolean isAgent(Event e) {
        return AgentEvents.INPUT_NAME.equals(e.inputName());
    }

    /**
     * Pops the batches this event completes: its own when it is the batch's last event, or the one
     * before it when it starts the next batch (an event lost in processing cannot stall the others).
     */
    private void complete(Event e, List<Admitted> out, boolean failed) {
        Admitted head = inPipeline.peekFirst();
        if (head == null) {
            return;
        }
        if (e == head.lastEvent) {
            inPipeline.pollFirst();
            head.failed |= failed;
            out.add(head);
            return;
        }
        if (e != head.firstEvent) {
            java.util.Iterator<Admitted> it = inPipeline.iterator();
            it.next();
            Admitted second = it.hasNext() ? it.next() : null;
            if (second != null && e == second.firstEvent) {
                inPipeline.pollFirst();
                head.failed |= failed;
                out.add(head);
                complete(e, out, failed);
                return;
            }
        }
        head.failed |= failed;
    }

    /** The index stored a batch (it is durable once the store reaches {@code storeSeq}). */
    @Override
    public void appended(List<Event> batch, long storeSeq) {
        List<Admitted> done = scan(batch, false);
        if (!done.isEmpty()) {
            settled.add(new Settled(storeSeq, done, false));
        }
    }

    /** The index failed to store a batch: its agents must send those events again. */
    @Override
    public void failed(List<Event> batch) {
        List<Admitted> done = scan(batch, true);
        if (!done.isEmpty()) {
            settled.add(new Settled(0, done, true));
        }
    }

    private List<Admitted> scan(List<Event> batch, boolean failed) {
        List<Admitted> done = new ArrayList<>(2);
        synchronized (inPipeline) {
            if (inPipeline.isEmpty()) {
                return done;
            }
            for (Event e : batch) {
                if (isAgent(e)) {
                    complete(e, done, failed);
                }
            }
        }
        return done;
    }

    /**
     * With --no-index: the outputs wrapped so that agent events are acknowledged once the outputs have
     * processed and flushed them.
     */
    public EventProcessor acking(EventProcessor next) {
        return new EventProcessor() {
            @Override
            public void process(Event event, String ruleset) {
                try {
                    next.process(event, ruleset);
                } finally {
                    processed(event);
                }
            }

            @Override
            public void flush() {
                next.flush();
                flushed();
            }

            @Override
            public void close() {
                next.close();
                flushed();
            }
        };
    }

    /** With --no-index: an event went through the outputs (called on the main queue's thread). */
    void processed(Event e) {
        if (isAgent(e)) {
            synchronized (inPipeline) {
                complete(e, processedSinceFlush, false);
            }
        }
    }

    /** With --no-index: the outputs flushed; what they processed is acknowledged. */
    void flushed() {
        if (!processedSinceFlush.isEmpty()) {
            settled.add(new Settled(0, processedSinceFlush, false));
            processedSinceFlush = new ArrayList<>();
        }
    }

    private void settle() {
        while (true) {
            Settled s;
            try {
                s = settled.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (s == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!awaitDurable(s.storeSeq())) {
                return;
            }
            apply(s);
        }
    }

    /** Waits until the store is durable up to {@code storeSeq} (0: at once); false when the ledger closes first. */
    private boolean awaitDurable(long storeSeq) {
        boolean logged = false;
        while (storeSeq > 0) {
            try {
                if (store.awaitDurable(storeSeq, Duration.ofSeconds(1))) {
                    return true;
                }
            } catch (IOException e) {
                if (!logged) {
                    LOG.error("waiting for the index to make agent events durable failed; retrying: {}", e.toString());
                    logged = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (closed) {
                return false;
            }
        }
        return true;
    }

    private void apply(Settled s) {
        for (Admitted a : s.batches()) {
            AgentState st = a.state;
            AgentSession notify = null;
            String failure = null;
            synchronized (st) {
                if (a.generation != st.generation) {
                    continue; // admitted before a failure of this agent: it sends these again
                }
                if (a.failed || s.failed()) {
                    st.generation++;
                    st.accepted = Math.min(st.accepted, a.first - 1);
                    stats.indexFailures.add(a.count);
                    failure = "the index could not store events " + a.first + ".." + a.last + "; send them again";
                    notify = st.session;
                } else if (a.last > st.durable) {
                    st.durable = a.last;
                    absorbRecovered(st);
                    notify = st.session;
                }
            }
            dirty = true;
            if (notify != null) {
                if (failure != null) {
                    LOG.error("agent {}: {}", st.id, failure);
                    notify.goAway(failure);
                } else {
                    notify.durableAdvanced();
                }
            }
        }
    }

    /** Recovered events right after the durable point extend it (they are stored). */
    private static void absorbRecovered(AgentState st) {
        while (st.recovered != null && !st.recovered.isEmpty() && st.recovered.first() <= st.durable + 1) {
            st.durable = Math.max(st.durable, st.recovered.pollFirst());
        }
        if (st.recovered != null && st.recovered.isEmpty()) {
            st.recovered = null;
        }
    }

    long durable(AgentState s) {
        synchronized (s) {
            return s.durable;
        }
    }

    /**
     * One agent as the API shows it.
     *
     * @param agentId its id
     * @param host its host name (from its hello)
     * @param connected whether a connection is open now
     * @param durableSeq every event up to this sequence number is durable
     * @param offsetSeconds the last reported clock offset (server minus agent), null before the first report
     * @param delaySeconds the round trip of that measurement
     * @param reportedAtMillis when it was reported (server clock, epoch milliseconds)
     */
    public record AgentView(String agentId, String host, boolean connected, long durableSeq, Double offsetSeconds,
            double delaySeconds, long reportedAtMillis) {
    }

    /** Every agent seen since the start. */
    public List<AgentView> view() {
        List<AgentView> out = new ArrayList<>();
        for (AgentState s : agents.values()) {
            synchronized (s) {
                out.add(new AgentView(s.id, s.hostName, s.session != null, s.durable,
                        s.offsetNanos == null ? null : s.offsetNanos / 1e9, s.delaySeconds, s.clockReportedAtMillis));
            }
        }
        return out;
    }

    private void writeQuietly() {
        if (!dirty) {
            return;
        }
        try {
            write();
        } catch (IOException e) {
            LOG.error("writing {} failed: {}", checkpoint.file(), e.getMessage());
        }
    }

    private synchronized void write() throws IOException {
        dirty = false;
        Map<String, AgentCheckpoint.Entry> out = new LinkedHashMap<>();
        if (onDisk != null) {
            out.putAll(onDisk); // agents not seen since the start keep their lines
        }
        for (AgentState s : agents.values()) {
            synchronized (s) {
                out.put(s.id, new AgentCheckpoint.Entry(s.durable, Math.max(s.ceiling, s.ceilingTarget)));
            }
        }
        checkpoint.write(out);
    }

    /**
     * At shutdown, once the pipeline has stored everything it received: applies what is settled and
     * writes the checkpoint, so that the next start needs no look-up in the index.
     */
    public void finish() {
        long end = System.currentTimeMillis() + 10_000;
        while (!settled.isEmpty() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            io.submit(() -> {
                write();
                return null;
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("writing {} at shutdown failed: {}", checkpoint.file(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
            settler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
