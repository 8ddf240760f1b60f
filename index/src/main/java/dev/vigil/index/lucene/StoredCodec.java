package dev.vigil.index.lucene;

import dev.vigil.index.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;

/**
 * The one stored field of a document: {@code _time}, {@code _raw}, host, source, sourcetype and the
 * fields, packed with variable-length integers. One field instead of many keeps stored-field overhead low.
 */
final class StoredCodec {
    static final String FIELD = "_src";
    private static final byte VERSION = 1;
    private static final byte STRING = 0;
    private static final byte LIST = 1;
    /** Decoding refuses more fields or list values than this. */
    static final int MAX_FIELDS = 100_000;

    private StoredCodec() {
    }

    /**
     * Appends the event's blob to {@code out}; returns where the UTF-8 bytes of {@code _raw} start within
     * it (high 32 bits) and how many there are (low 32 bits), so that they can be segmented in place.
     */
    static long encode(StoredEvent e, ByteScratch out) {
        out.writeByte(VERSION);
        out.writeZLong(e.timeMicros());
        out.writeString(e.host());
        out.writeString(e.source());
        out.writeString(e.sourcetype());
        int rawStart = out.writeString(e.raw());
        int rawLen = out.size() - rawStart;
        out.writeVInt(e.fields().size());
        // forEach rather than entrySet(): no iterator or entry wrappers per event
        e.fields().forEach((name, value) -> {
            out.writeString(name);
            if (value instanceof List<?> l) {
                out.writeByte(LIST);
                out.writeVInt(l.size());
                for (Object o : l) {
                    out.writeString(String.valueOf(o));
                }
            } else {
                out.writeByte(STRING);
                out.writeString(String.valueOf(value));
            }
        });
        return ((long) rawStart << 32) | rawLen;
    }

    /** The event's blob as a fresh array. */
    static BytesRef encode(StoredEvent e) {
        ByteScratch out = new ByteScratch(256);
        encode(e, out);
        return new BytesRef(java.util.Arrays.copyOf(out.bytes(), out.size()));
    }

    static StoredEvent decode(BytesRef b, String index) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(b.bytes, b.offset, b.length);
        byte v = in.readByte();
        if (v != VERSION) {
            throw new IOException("stored event version " + v + " is not " + VERSION);
        }
        long time = in.readZLong();
        String host = in.readString();
        String source = in.readString();
        String sourcetype = in.readString();
        String raw = in.readString();
        int n = checked(in.readVInt());
        Map<String, Object> fields = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            byte type = in.readByte();
            if (type == LIST) {
                int m = checked(in.readVInt());
                List<String> l = new ArrayList<>(m);
                for (int j = 0; j < m; j++) {
                    l.add(in.readString());
                }
                fields.put(name, l);
            } else {
                fields.put(name, in.readString());
            }
        }
        return new StoredEvent(time, raw, host, source, sourcetype, index, fields);
    }

    private static int checked(int n) throws IOException {
        if (n < 0 || n > MAX_FIELDS) {
            throw new IOException("stored field count " + n + " exceeds the maximum " + MAX_FIELDS);
        }
        return n;
    }
}
