package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.LocalNetworks;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.UidGenerator;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Files carried by protocols (HTTP bodies, MIME parts, ...): each gets a file id ("F..."), a MIME
 * type sniffed from its first bytes, optional MD5/SHA1/SHA256, and a files.log row when it ends.
 * File ids are random: Zeek derives them from a keyed hash of the file handle, which is not
 * reproduced, so they match Zeek's only through a consistent mapping.
 */
final class FileSink {
    /**
     * Bytes kept for MIME sniffing. Zeek's default_file_bof_buffer_size is 4096, but
     * {@link FileMagic#sniff} never looks past its first {@link FileMagic#EXAMINED} bytes, so only
     * those are kept (a 4 KiB buffer per file was a fifth of all allocation).
     */
    static final int BOF = FileMagic.EXAMINED;

    private final UidGenerator ids = UidGenerator.random();
    private final ZeekLogWriter logs;
    private final LogSchema schema;
    private final boolean hashAll;
    private final boolean hashColumns;
    private final boolean extractColumns;
    private final LocalNetworks local;

    FileSink(ZeekLogWriter logs, boolean writeLog, boolean hashColumns, boolean extractColumns, boolean hashAll,
             LocalNetworks local) {
        this.logs = writeLog ? logs : null;
        this.hashColumns = hashColumns;
        this.extractColumns = extractColumns;
        this.hashAll = hashAll;
        this.local = local;
        List<String> nt = new ArrayList<>(List.of("ts", "time", "fuid", "string", "uid", "string", "id.orig_h", "addr",
                "id.orig_p", "port", "id.resp_h", "addr", "id.resp_p", "port", "source", "string", "depth", "count",
                "analyzers", "set[string]", "mime_type", "string", "filename", "string", "duration", "interval",
                "local_orig", "bool", "is_orig", "bool", "seen_bytes", "count", "total_bytes", "count",
                "missing_bytes", "count", "overflow_bytes", "count", "timedout", "bool", "parent_fuid", "string"));
        if (hashColumns) {
            nt.addAll(List.of("md5", "string", "sha1", "string", "sha256", "string"));
        }
        if (extractColumns) {
            nt.addAll(List.of("extracted", "string", "extracted_cutoff", "bool", "extracted_size", "count"));
        }
        this.schema = LogSchema.of("files", nt.toArray(new String[0]));
    }

    /** One file being transferred. */
    class File {
        final String fuid;
        final Conn conn;
        final boolean isOrig;
        final String source;
        final int depth;
        final byte[] bof = new byte[BOF];
        int bofLen;
        long seen;
        Long total;
        long missing;
        boolean timedout;
        byte[] filename;
        double first = -1, last;
        final MessageDigest md5, sha1, sha256;

        File(String fuid, Conn conn, boolean isOrig, String source, int depth) {
            this.fuid = fuid;
            this.conn = conn;
            this.isOrig = isOrig;
            this.source = source;
            this.depth = depth;
            md5 = hashAll ? digest("MD5") : null;
            sha1 = hashAll ? digest("SHA-1") : null;
            sha256 = hashAll ? digest("SHA-256") : null;
        }

        String fuid() {
            return fuid;
        }

        void total(long n) {
            total = n;
        }

        void filename(byte[] name) {
            filename = name;
        }

        void data(byte[] d, int off, int len, double ts) {
            if (first < 0) {
                first = ts;
            }
            last = ts;
            int n = Math.min(len, BOF - bofLen);
            if (n > 0) {
                System.arraycopy(d, off, bof, bofLen, n);
                bofLen += n;
            }
            seen += len;
            if (md5 != null) {
                md5.update(d, off, len);
                sha1.update(d, off, len);
                sha256.update(d, off, len);
            }
        }

        /** The MIME type from the bytes seen so far (Zeek sniffs once its BOF buffer fills or the file ends). */
        String sniff() {
            return FileMagic.sniff(bof, bofLen);
        }

        /** Ends the file, writes its files.log row; returns its MIME type or null when no signature matched. */
        String finish() {
            String mime = FileMagic.sniff(bof, bofLen);
            writeRow(conn, mime);
            return mime;
        }

        void writeRow(Conn conn, String mime) {
            if (logs != null) {
                List<Object> row = new ArrayList<>(List.of());
                row.addAll(Arrays.asList(first, fuid, conn.uid(), Addresses.format(conn.origHi, conn.origLo),
                        conn.origPort, Addresses.format(conn.respHi, conn.respLo), conn.respPort, source, depth,
                        md5 == null ? List.of() : List.of("SHA1", "SHA256", "MD5"), mime, filename, last - first,
                        local.isEmpty() ? null : isOrig ? local.contains(conn.origHi, conn.origLo)
                                : local.contains(conn.respHi, conn.respLo),
                        isOrig, seen, total, missing, 0L, timedout, null));
                if (hashColumns) {
                    row.add(md5 == null ? null : HexFormat.of().formatHex(md5.digest()));
                    row.add(sha1 == null ? null : HexFormat.of().formatHex(sha1.digest()));
                    row.add(sha256 == null ? null : HexFormat.of().formatHex(sha256.digest()));
                }
                if (extractColumns) {
                    row.add(null);
                    row.add(null);
                    row.add(null);
                }
                logs.write(schema, row.toArray());
            }
        }
    }

    /**
     * A file whose pieces arrive at known offsets, possibly over several connections (HTTP range
     * replies): bytes seen, holes (missing_bytes), and one files.log row per connection when the
     * file is complete or, at the end of input, timed out.
     */
    final class SharedFile extends File {
        private final java.util.TreeMap<Long, Long> covered = new java.util.TreeMap<>();
        private final List<Conn> conns = new ArrayList<>();
        private long offset;
        private boolean done;

        SharedFile(String fuid, Conn conn, String source, long totalBytes) {
            super(fuid, conn, false, source, 0);
            if (totalBytes >= 0) {
                total = totalBytes;
            }
        }

        void piece(Conn c) {
            if (!conns.contains(c)) {
                conns.add(c);
            }
        }

        void dataAt(long at, byte[] d, int off, int len, double ts) {
            offset = at;
            data(d, off, len, ts);
        }

        @Override
        void data(byte[] d, int off, int len, double ts) {
            if (first < 0) {
                first = ts;
            }
            last = ts;
            if (offset == 0 && bofLen == 0) {
                int n = Math.min(len, BOF);
                System.arraycopy(d, off, bof, 0, n);
                bofLen = n;
            }
            covered.merge(offset, offset + len, Math::max);
            offset += len;
            seen += len;
        }

        @Override
        String finish() {
            return null; // a piece ended; the file goes on until complete or timed out
        }

        void end(boolean timedOut) {
            if (done) {
                return;
            }
            done = true;
            timedout = timedOut;
            long reach = 0;
            long holes = 0;
            for (java.util.Map.Entry<Long, Long> e : covered.entrySet()) {
                if (e.getKey() > reach) {
                    holes += e.getKey() - reach;
                }
                reach = Math.max(reach, e.getValue());
            }
            missing = holes;
            String mime = FileMagic.sniff(bof, bofLen);
            for (Conn c : conns) {
                writeRow(c, mime);
            }
        }
    }

    private final java.util.Map<String, SharedFile> shared = new java.util.HashMap<>();

    /** One piece of a shared file, with its own running offset. */
    final class Piece extends File {
        private final SharedFile file;
        private long at;

        Piece(SharedFile file, Conn c, long start) {
            super(file.fuid, c, false, file.source, 0);
            this.file = file;
            this.at = start;
        }

        @Override
        void data(byte[] d, int off, int len, double ts) {
            file.dataAt(at, d, off, len, ts);
            at += len;
        }

        @Override
        String finish() {
            return null; // a piece ended; the file goes on until complete or timed out
        }
    }

    /** The file of a piece at {@code start} of a shared transfer identified by {@code handle}. */
    File shared(Conn c, String handle, String source, long start, long totalBytes) {
        SharedFile f = shared.get(handle);
        if (f == null) {
            f = new SharedFile(ids.next('F'), c, source, totalBytes);
            shared.put(handle, f);
        }
        f.piece(c);
        return new Piece(f, c, start);
    }

    /** End of input: shared files never completed are logged as timed out. */
    void finishAll() {
        for (SharedFile f : shared.values()) {
            f.end(true);
        }
        shared.clear();
    }

    File open(Conn c, boolean isOrig, String source, int depth) {
        return new File(ids.next('F'), c, isOrig, source, depth);
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is a required JDK algorithm", e);
        }
    }
}
