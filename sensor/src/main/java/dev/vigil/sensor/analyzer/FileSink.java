package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.UidGenerator;

import java.util.Arrays;

/**
 * Files carried by protocols (HTTP bodies, ...): each gets a file id ("F..."), a MIME type sniffed
 * from its first bytes. File ids are random: Zeek derives them from a keyed hash of the file handle,
 * which is not reproduced, so they match Zeek's only through a consistent mapping.
 */
final class FileSink {
    /** Bytes kept for MIME sniffing, like Zeek's default_file_bof_buffer_size. */
    static final int BOF = 4096;

    private final UidGenerator ids = UidGenerator.random();

    /** One file being transferred. */
    final class File {
        private final String fuid;
        private final byte[] bof = new byte[BOF];
        private int bofLen;
        private long size;

        File(String fuid) {
            this.fuid = fuid;
        }

        String fuid() {
            return fuid;
        }

        void data(byte[] d, int off, int len) {
            int n = Math.min(len, BOF - bofLen);
            if (n > 0) {
                System.arraycopy(d, off, bof, bofLen, n);
                bofLen += n;
            }
            size += len;
        }

        /** Ends the file; returns its MIME type or null when no signature matched. */
        String finish() {
            return FileMagic.sniff(Arrays.copyOf(bof, bofLen));
        }
    }

    File open(Conn c, boolean isOrig) {
        return new File(ids.next('F'));
    }
}
