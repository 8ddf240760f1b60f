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
    /** Bytes kept for MIME sniffing, like Zeek's default_file_bof_buffer_size. */
    static final int BOF = 4096;

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
    final class File {
        private final String fuid;
        private final Conn conn;
        private final boolean isOrig;
        private final String source;
        private final int depth;
        private final byte[] bof = new byte[BOF];
        private int bofLen;
        private long seen;
        private Long total;
        private byte[] filename;
        private double first = -1, last;
        private final MessageDigest md5, sha1, sha256;

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
            return FileMagic.sniff(Arrays.copyOf(bof, bofLen));
        }

        /** Ends the file, writes its files.log row; returns its MIME type or null when no signature matched. */
        String finish() {
            String mime = FileMagic.sniff(Arrays.copyOf(bof, bofLen));
            if (logs != null) {
                List<Object> row = new ArrayList<>(List.of());
                row.addAll(Arrays.asList(first, fuid, conn.uid(), Addresses.format(conn.origHi, conn.origLo),
                        conn.origPort, Addresses.format(conn.respHi, conn.respLo), conn.respPort, source, depth,
                        md5 == null ? List.of() : List.of("SHA1", "SHA256", "MD5"), mime, filename, last - first,
                        local.isEmpty() ? null : isOrig ? local.contains(conn.origHi, conn.origLo)
                                : local.contains(conn.respHi, conn.respLo),
                        isOrig, seen, total, 0L, 0L, false, null));
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
            return mime;
        }
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
