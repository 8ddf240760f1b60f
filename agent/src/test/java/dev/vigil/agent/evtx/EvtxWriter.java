package dev.vigil.agent.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Test helper: writes EVTX files per libevtx's format description: file header, chunks with CRC32s, records
 * whose binary XML is a template instance (the definition in place on first use, referenced by offset after),
 * element and attribute names defined on first use and referenced by chunk offset after.
 */
final class EvtxWriter {
    /** A node of the template tree the tests describe events with. */
    sealed interface Node {
    }

    /** An element. */
    record El(String name, List<Attr> attrs, List<Node> children) implements Node {
    }

    /** An attribute whose value is a node (text or substitution). */
    record Attr(String name, Node value) {
    }

    /** Literal text. */
    record Txt(String text) implements Node {
    }

    /** A substitution slot. */
    record Sub(int id, int type, boolean optional) implements Node {
    }

    /** A substitution value: its type and bytes, or for BinXml (0x21) a nested template instance. */
    record Val(int type, byte[] bytes, String key, El template, List<Val> nested) {
        Val(int type, byte[] bytes) {
            this(type, bytes, null, null, null);
        }

        static Val binXml(String key, El template, List<Val> values) {
            return new Val(0x21, null, key, template, values);
        }

        /** A BinXml value that is a bare element, written without the dependency identifier. */
        static Val binXmlElement(El element) {
            return new Val(0x21, null, null, element, null);
        }
    }

    private final List<byte[]> chunks = new ArrayList<>();
    private ChunkBuilder current;
    private long nextRecordId = 1;

    /** Adds a record to the current chunk, starting a new chunk when it is full or when asked. */
    EvtxWriter record(String templateKey, El template, List<Val> values, long fileTime) {
        if (current == null) {
            current = new ChunkBuilder();
        }
        if (!current.add(nextRecordId, templateKey, template, values, fileTime)) {
            newChunk();
            current = new ChunkBuilder();
            if (!current.add(nextRecordId, templateKey, template, values, fileTime)) {
                throw new IllegalArgumentException("record does not fit a chunk");
            }
        }
        nextRecordId++;
        return this;
    }

    /** Closes the current chunk; the next record starts a new one. */
    EvtxWriter newChunk() {
        if (current != null && current.records > 0) {
            chunks.add(current.finish());
        }
        current = null;
        return this;
    }

    byte[] bytes() {
        newChunk();
        ByteBuffer h = ByteBuffer.allocate(EvtxReader.FILE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, "ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        h.putLong(8, 0);
        h.putLong(16, Math.max(0, chunks.size() - 1));
        h.putLong(24, nextRecordId);
        h.putInt(32, 128);
        h.putShort(36, (short) 1);
        h.putShort(38, (short) 3);
        h.putShort(40, (short) EvtxReader.FILE_HEADER_SIZE);
        h.putShort(42, (short) chunks.size());
        h.putInt(124, crc(h.array(), 0, 120));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static int crc(byte[] b, int from, int len) {
        CRC32 c = new CRC32();
        c.update(b, from, len);
        return (int) c.getValue();
    }

    /** Recomputes both checksums of the chunk at {@code offset} of a file (after a test edits its records). */
    static void fixChunkChecksums(byte[] file, int offset) {
        ByteBuffer c = ByteBuffer.wrap(file, offset, EvtxReader.CHUNK_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        int free = c.getInt(48);
        c.putInt(52, crc(file, offset + EvtxReader.CHUNK_DATA, free - EvtxReader.CHUNK_DATA));
        CRC32 h = new CRC32();
        h.update(file, offset, 120);
        h.update(file, offset + 128, EvtxReader.CHUNK_DATA - 128);
        c.putInt(124, (int) h.getValue());
    }

    /** One chunk being filled. */
    private static final class ChunkBuilder {
        private final ByteBuffer b = ByteBuffer.allocate(EvtxReader.CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<String, Integer> templates = new HashMap<>();
        private int records;
        private long firstId;
        private long lastId;
        private int lastRecordOffset;

        ChunkBuilder() {
            b.position(EvtxReader.CHUNK_DATA);
        }

        boolean add(long id, String key, El template, List<Val> values, long fileTime) {
            int start = b.position();
            Map<String, Integer> namesBefore = new HashMap<>(names);
            Map<String, Integer> templatesBefore = new HashMap<>(templates);
            try {
                b.putInt(0x00002a2a);
                b.putInt(0);
                b.putLong(id);
                b.putLong(fileTime);
                fragmentHeader();
                instance(key, template, values);
                b.put((byte) 0x00);
                int size = b.position() - start + 4;
                b.putInt(size);
                b.putInt(start + 4, size);
            } catch (java.nio.BufferOverflowException e) {
                b.position(start);
                names.clear();
                names.putAll(namesBefore);
                templates.clear();
                templates.putAll(templatesBefore);
                return false;
            }
            if (records++ == 0) {
                firstId = id;
            }
            lastId = id;
            lastRecordOffset = start;
            return true;
        }

        private void fragmentHeader() {
            b.put((byte) 0x0f).put((byte) 1).put((byte) 1).put((byte) 0);
        }

        /** A TemplateInstance token followed by its values; BinXml values nest their own instance. */
        void instance(String key, El template, List<Val> values) {
            b.put((byte) 0x0c).put((byte) 1).putInt(key.hashCode());
            Integer def = templates.get(key);
            if (def != null) {
                b.putInt(def);
            } else {
                int here = b.position() + 4;
                b.putInt(here);
                templates.put(key, here);
                b.putInt(0);
                b.put(new byte[16]);
                int sizeAt = b.position();
                b.putInt(0);
                int bodyStart = b.position();
                fragmentHeader();
                element(template);
                b.put((byte) 0x00);
                b.putInt(sizeAt, b.position() - bodyStart);
            }
            b.putInt(values.size());
            int desc = b.position();
            for (Val v : values) {
                b.putShort((short) (v.bytes() == null ? 0 : v.bytes().length)).put((byte) v.type()).put((byte) 0);
            }
            for (int i = 0; i < values.size(); i++) {
                Val v = values.get(i);
                if (v.bytes() != null) {
                    b.put(v.bytes());
                } else if (v.key() == null) {
                    int start = b.position();
                    element(v.template(), false);
                    b.put((byte) 0x00);
                    b.putShort(desc + 4 * i, (short) (b.position() - start));
                } else {
                    int start = b.position();
                    fragmentHeader();
                    instance(v.key(), v.template(), v.nested());
                    b.put((byte) 0x00);
                    b.putShort(desc + 4 * i, (short) (b.position() - start));
                }
            }
        }

        private void element(El e) {
            element(e, true);
        }

        private void element(El e, boolean dependency) {
            b.put((byte) (e.attrs().isEmpty() ? 0x01 : 0x41));
            if (dependency) {
                b.putShort((short) -1);
            }
            int sizeAt = b.position();
            b.putInt(0);
            name(e.name());
            if (!e.attrs().isEmpty()) {
                int attrSizeAt = b.position();
                b.putInt(0);
                for (int i = 0; i < e.attrs().size(); i++) {
                    Attr a = e.attrs().get(i);
                    b.put((byte) (i + 1 < e.attrs().size() ? 0x46 : 0x06));
                    name(a.name());
                    value(a.value());
                }
                b.putInt(attrSizeAt, b.position() - attrSizeAt - 4);
            }
            if (e.children().isEmpty()) {
                b.put((byte) 0x03);
            } else {
                b.put((byte) 0x02);
                for (Node c : e.children()) {
                    if (c instanceof El ce) {
                        element(ce, dependency);
                    } else {
                        value(c);
                    }
                }
                b.put((byte) 0x04);
            }
            b.putInt(sizeAt, b.position() - sizeAt - 4);
        }

        private void value(Node n) {
            if (n instanceof Txt t) {
                b.put((byte) 0x05).put((byte) 0x01).putShort((short) t.text().length());
                b.put(t.text().getBytes(StandardCharsets.UTF_16LE));
            } else if (n instanceof Sub s) {
                b.put((byte) (s.optional() ? 0x0e : 0x0d)).putShort((short) s.id()).put((byte) s.type());
            } else {
                throw new IllegalArgumentException("not a value: " + n);
            }
        }

        /** A name reference: the offset of its definition, which follows in place on first use. */
        private void name(String name) {
            Integer off = names.get(name);
            if (off != null) {
                b.putInt(off);
                return;
            }
            int here = b.position() + 4;
            b.putInt(here);
            names.put(name, here);
            int hash = 0;
            for (char c : name.toCharArray()) {
                hash = hash * 65599 + c;
            }
            b.putInt(0).putShort((short) hash).putShort((short) name.length());
            b.put(name.getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0);
        }

        byte[] finish() {
            int free = b.position();
            b.put(0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            b.putLong(8, firstId);
            b.putLong(16, lastId);
            b.putLong(24, firstId);
            b.putLong(32, lastId);
            b.putInt(40, 128);
            b.putInt(44, lastRecordOffset);
            b.putInt(48, free);
            byte[] out = b.array();
            fixChunkChecksums(out, 0);
            return out;
        }
    }
}
