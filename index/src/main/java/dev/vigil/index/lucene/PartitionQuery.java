package dev.vigil.index.lucene;

import dev.vigil.index.EventPreparer;
import dev.vigil.index.EventQuery;
import java.io.Closeable;
import java.io.IOException;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/** A query prepared for one partition: its searcher on loan, the Lucene query, and whether hits need verifying. */
final class PartitionQuery implements Closeable {
    final Partition partition;
    final Partition.Lease lease;
    final Query query;
    final boolean exact;

    private PartitionQuery(Partition partition, Partition.Lease lease, Query query, boolean exact) {
        this.partition = partition;
        this.lease = lease;
        this.query = query;
        this.exact = exact;
    }

    /** The prepared query, or null when the partition holds nothing the query could match. */
    static PartitionQuery open(Partition p, EventQuery q) throws IOException {
        Partition.Lease lease = p.acquire();
        if (lease == null) {
            return null;
        }
        boolean ok = false;
        try {
            QueryCompiler.Compiled c = new QueryCompiler(p.index, lease.searcher().getIndexReader()).compile(q.filter());
            if (c.query() instanceof MatchNoDocsQuery) {
                return null;
            }
            long lo = q.earliest() == null ? Long.MIN_VALUE : EventPreparer.micros(q.earliest());
            long hi = q.latest() == null ? Long.MAX_VALUE : EventPreparer.micros(q.latest());
            Query query = c.query();
            if (lo > p.startMicros() || hi < p.endMicros()) {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                b.add(NumericDocValuesField.newSlowRangeQuery(EventDocuments.TIME, lo, hi - 1), Occur.FILTER);
                if (!(query instanceof MatchAllDocsQuery)) {
                    b.add(query, Occur.FILTER);
                }
                query = b.build();
            }
            ok = true;
            return new PartitionQuery(p, lease, query, c.exact());
        } finally {
            if (!ok) {
                lease.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        lease.close();
    }
}
