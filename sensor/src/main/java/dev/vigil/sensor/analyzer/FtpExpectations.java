package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;

import java.util.HashMap;
import java.util.Map;

/**
 * FTP data connections announced on control connections (Zeek's expected connections): the next
 * TCP connection from the announced client to the announced address and port gets the ftp-data
 * service and carries the control connection's current file.
 */
final class FtpExpectations {
    /** Bound on announced but unused data channels. */
    static final int MAX_PENDING = 10_000;

    private final Map<String, FtpAnalyzer> pending = new HashMap<>();
    /** How many pending keys name each port: most new connections are checked without building a key. */
    private final int[] ports = new int[65_536];
    private final FileSink files;

    FtpExpectations(FileSink files) {
        this.files = files;
    }

    void expect(String origH, String respH, int respP, FtpAnalyzer owner) {
        if (pending.size() >= MAX_PENDING) {
            pending.clear();
            java.util.Arrays.fill(ports, 0);
        }
        if (pending.put(origH + "|" + respH + "|" + respP, owner) == null) {
            ports[respP & 0xffff]++;
        }
    }

    /** Attaches the data analyzer if the new connection was announced. */
    boolean attach(Conn c) {
        if (ports[c.respPort & 0xffff] == 0) {
            return false;
        }
        String key = Addresses.format(c.origHi, c.origLo) + "|" + Addresses.format(c.respHi, c.respLo) + "|" + c.respPort;
        FtpAnalyzer owner = pending.remove(key);
        if (owner == null) {
            return false;
        }
        ports[c.respPort & 0xffff]--;
        c.confirm("ftp-data");
        c.analyzers.add(new SessionAnalyzer() {
            private FileSink.File file;

            @Override
            public void deliver(Conn conn, boolean isOrig, byte[] d, int off, int len, double ts) {
                if (file == null) {
                    file = files.open(conn, isOrig, "FTP_DATA", 0);
                    owner.file = file;
                }
                file.data(d, off, len, ts);
            }

            @Override
            public void done(Conn conn) {
                if (file != null) {
                    file.finish();
                }
            }
        });
        return true;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
