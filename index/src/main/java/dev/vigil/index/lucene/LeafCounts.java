package dev.vigil.index.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Counting over one segment's doc values by ordinal: the tight loops behind {@code countBy} and
 * {@code histogram}. Events are never materialised; values are looked up once per distinct ordinal.
 */
final class LeafCounts {
    /** Dense histograms above this many cells are kept sparse (a by-field with very many values). */
    static final int MAX_DENSE_CELLS = 1 << 22;

    private LeafCounts() {
    }

    /**
     * Events per ordinal of {@code values} among {@code filter}'s documents (null: every document).
     * A multivalue field counts each of a document's distinct values once (ordinals of a document are distinct).
     */
    static int[] ords(SortedSetDocValues values, DocIdSetIterator filter) throws IOException {
        int[] counts = new int[Math.toIntExact(values.getValueCount())];
        SortedDocValues single = DocValues.unwrapSingleton(values);
        if (single != null) {
            if (filter == null) {
                for (int d = single.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = single.nextDoc()) {
                    counts[single.ordValue()]++;
                }
            } else {
                for (int d = filter.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = filter.nextDoc()) {
                    if (single.advanceExact(d)) {
                        counts[single.ordValue()]++;
                    }
                }
            }
            return counts;
        }
        if (filter == null) {
            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                for (int i = values.docValueCount(); i > 0; i--) {
                    counts[(int) values.nextOrd()]++;
                }
            }
        } else {
            for (int d = filter.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = filter.nextDoc()) {
                if (values.advanceExact(d)) {
                    for (int i = values.docValueCount(); i > 0; i--) {
                        counts[(int) values.nextOrd()]++;
                    }
                }
            }
        }
        return counts;
    }

    /** Adds the non-zero counts under their values. */
    static void resolve(SortedSetDocValues values, int[] ords, Map<String, Long> into) throws IOException {
        int used = 0;
        for (int c : ords) {
            if (c != 0) {
                used++;
            }
        }
        if (used == 0) {
            return;
        }
        if (used > ords.length / 8) {
            // most values occur: one sequential pass over the terms is cheaper than a seek per ordinal
            TermsEnum te = values.termsEnum();
            for (int o = 0; o < ords.length; o++) {
                te.next();
                if (ords[o] != 0) {
                    into.merge(te.term().utf8ToString(), (long) ords[o], Long::sum);
                }
            }
        } else {
            for (int o = 0; o < ords.length; o++) {
                if (ords[o] != 0) {
                    into.merge(values.lookupOrd(o).utf8ToString(), (long) ords[o], Long::sum);
                }
            }
        }
    }

    /**
     * Counts per (time bucket, ordinal + 1) of one segment: cell {@code b * width + o}, ordinal slot 0 for
     * documents without a value (or for every document when there is no by-field). Dense in {@code counts}
     * unless that would be too large, then in {@code sparse}.
     */
    record Histogram(int width, long[] counts, Map<Long, long[]> sparse) {
        void add(long cell, long n) {
            if (counts != null) {
                counts[(int) cell] += n;
            } else {
                sparse.computeIfAbsent(cell, k -> new long[1])[0] += n;
            }
        }

        /** Calls {@code sink} with each non-zero cell. */
        void forEach(CellSink sink) {
            if (counts != null) {
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        sink.accept(i / width, i % width, counts[i]);
                    }
                }
            } else {
                sparse.forEach((cell, n) -> sink.accept((int) (cell / width), (int) (cell % width), n[0]));
            }
        }

        long bytes() {
            return 32 + (counts != null ? 8L * counts.length : 80L * sparse.size());
        }
    }

    /** Receives one histogram cell. */
    interface CellSink {
        void accept(int bucket, int slot, long count);
    }

    /**
     * The histogram of one segment: {@code _time} in buckets of {@code spanMicros} from bucket {@code first},
     * {@code buckets} of them (events outside are ignored), by ordinal of {@code by} (null: one series).
     */
    static Histogram histogram(LeafReader reader, DocIdSetIterator filter, long spanMicros, long first, int buckets,
                               SortedSetDocValues by) throws IOException {
        int width = by == null ? 1 : Math.toIntExact(by.getValueCount() + 1);
        long cells = (long) buckets * width;
        Histogram h = cells <= MAX_DENSE_CELLS ? new Histogram(width, new long[(int) cells], null)
                : new Histogram(width, null, new HashMap<>());
        NumericDocValues times = reader.getNumericDocValues(EventDocuments.TIME);
        if (times == null) {
            return h;
        }
        SortedDocValues single = by == null ? null : DocValues.unwrapSingleton(by);
        DocIdSetIterator docs = filter == null ? times : filter;
        long[] dense = h.counts();
        // bucket = floor((t - origin) / span) by a multiplication and one correction: a 64-bit division
        // per event would cost more than everything else in this loop
        long origin = first * spanMicros;
        double inverse = 1.0 / spanMicros;
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
            if (filter != null && !times.advanceExact(d)) {
                continue;
            }
            long x = times.longValue() - origin;
            if (x < 0) {
                continue;
            }
            long b = (long) (x * inverse);
            long start = b * spanMicros;
            if (start > x) {
                b--;
            } else if (x - start >= spanMicros) {
                b++;
            }
            if (b >= buckets) {
                continue;
            }
            long base = b * width;
            if (by == null) {
                if (dense != null) {
                    dense[(int) base]++;
                } else {
                    h.add(base, 1);
                }
            } else if (single != null) {
                long cell = base + (single.advanceExact(d) ? single.ordValue() + 1 : 0);
                if (dense != null) {
                    dense[(int) cell]++;
                } else {
                    h.add(cell, 1);
                }
            } else if (by.advanceExact(d)) {
                for (int i = by.docValueCount(); i > 0; i--) {
                    h.add(base + 1 + by.nextOrd(), 1);
                }
            } else {
                h.add(base, 1);
            }
        }
        return h;
    }

    /** The values of the ordinals a histogram uses (index = ordinal; null where unused). */
    static String[] names(SortedSetDocValues by, Histogram h) throws IOException {
        if (by == null) {
            return new String[0];
        }
        String[] names = new String[h.width() - 1];
        IOException[] failure = {null};
        h.forEach((b, slot, n) -> {
            if (slot > 0 && names[slot - 1] == null && failure[0] == null) {
                try {
                    names[slot - 1] = by.lookupOrd(slot - 1).utf8ToString();
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return names;
    }
}
