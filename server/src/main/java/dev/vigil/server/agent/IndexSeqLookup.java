package dev.vigil.server.agent;

import dev.vigil.index.EventQuery;
import dev.vigil.index.EventStore;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.query.Filter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which sequence numbers of one agent the index holds, read from the events' {@code agent_seq} field.
 * A range is looked up through {@code agent_seq_block} (the sequence number divided by 4096), so after
 * a crash only the last few blocks of an agent are read, not its whole history.
 */
final class IndexSeqLookup {
    /** Sequence numbers per {@code agent_seq_block} value: 2^12. */
    static final int BLOCK_SHIFT = 12;
    /** Blocks per query (Lucene's boolean clause limit is 1024). */
    private static final int BLOCKS_PER_QUERY = 256;

    private final EventStore store;

    IndexSeqLookup(EventStore store) {
        this.store = store;
    }

    /** Result: the sequence numbers found and how many events were read to find them. */
    record Found(TreeSet<Long> seqs, long eventsRead) {
    }

    /** The sequence numbers of {@code agentId} in {@code (after, upTo]}; {@code upTo = Long.MAX_VALUE} reads them all. */
    Found present(String agentId, long after, long upTo) throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        long[] read = {0};
        Filter id = new Filter.FieldMatch(AgentEvents.AGENT_ID, agentId);
        if (upTo == Long.MAX_VALUE) {
            scan(id, after, upTo, out, read);
            return new Found(out, read[0]);
        }
        long first = (after + 1) >>> BLOCK_SHIFT;
        long last = upTo >>> BLOCK_SHIFT;
        for (long b = first; b <= last; b += BLOCKS_PER_QUERY) {
            List<Filter> blocks = new ArrayList<>();
            for (long x = b; x <= Math.min(last, b + BLOCKS_PER_QUERY - 1); x++) {
                blocks.add(new Filter.FieldMatch(AgentEvents.AGENT_SEQ_BLOCK, Long.toString(x)));
            }
            scan(Filter.and(id, new Filter.Or(blocks)), after, upTo, out, read);
        }
        return new Found(out, read[0]);
    }

    private void scan(Filter f, long after, long upTo, TreeSet<Long> out, long[] read) throws IOException {
        try (Stream<StoredEvent> s = store.search(EventQuery.of(f).order(EventQuery.Order.ANY))) {
            s.forEach(e -> {
                read[0]++;
                String v = e.get(AgentEvents.AGENT_SEQ);
                if (v != null) {
                    try {
                        long seq = Long.parseLong(v);
                        if (seq > after && seq <= upTo) {
                            out.add(seq);
                        }
                    } catch (NumberFormatException ignored) {
                        // not written by the agent listener
                    }
                }
            });
        }
    }
}
