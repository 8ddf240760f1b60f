package dev.vigil.agent.login;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the SQLite databases newer distributions keep instead of wtmp and lastlog: wtmpdb
 * ({@code /var/lib/wtmpdb/wtmp.db}) and lastlog2 ({@code /var/lib/lastlog/lastlog2.db}). Databases are opened
 * read-only; a file that is not such a database is reported as a {@link LoginRecordException}.
 */
public final class LoginDatabases {
    private LoginDatabases() {
    }

    /** Reads every row of a wtmpdb database, oldest login first, refusing more than {@code maxRows}. */
    public static List<WtmpDbRecord> readWtmpDb(Path db, long maxRows) throws IOException {
        try (Connection c = open(db); Statement st = c.createStatement()) {
            checkCount(db, st, "wtmp", maxRows);
            List<WtmpDbRecord> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT ID, Type, User, Login, Logout, TTY, RemoteHost, Service FROM wtmp ORDER BY Login, ID")) {
                while (rs.next()) {
                    long logout = rs.getLong(5);
                    if (rs.wasNull()) {
                        logout = -1;
                    }
                    out.add(new WtmpDbRecord(rs.getLong(1), rs.getInt(2), text(rs, 3), rs.getLong(4), logout,
                            text(rs, 6), text(rs, 7), text(rs, 8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LoginRecordException(db + ": not a readable wtmpdb database: " + e.getMessage());
        }
    }

    /** Reads every row of a lastlog2 database, by name, refusing more than {@code maxRows}. */
    public static List<Lastlog2Record> readLastlog2(Path db, long maxRows) throws IOException {
        try (Connection c = open(db); Statement st = c.createStatement()) {
            checkCount(db, st, "Lastlog2", maxRows);
            List<Lastlog2Record> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT Name, Time, TTY, RemoteHost, Service FROM Lastlog2 ORDER BY Name")) {
                while (rs.next()) {
                    out.add(new Lastlog2Record(text(rs, 1), rs.getLong(2), text(rs, 3), text(rs, 4), text(rs, 5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LoginRecordException(db + ": not a readable lastlog2 database: " + e.getMessage());
        }
    }

    /** Events of wtmpdb rows: each session gives a login and, once ended, a logout; each boot a boot and a shutdown. */
    public static List<LoginEvent> events(List<WtmpDbRecord> rows, String source) {
        List<LoginEvent> out = new ArrayList<>();
        for (WtmpDbRecord r : rows) {
            boolean boot = r.type() == WtmpDbRecord.BOOT_TIME;
            LoginEvent.Kind start = boot ? LoginEvent.Kind.BOOT
                    : r.type() == WtmpDbRecord.RUNLEVEL ? LoginEvent.Kind.RUNLEVEL : LoginEvent.Kind.LOGIN;
            out.add(new LoginEvent(start, micros(r.loginUsec()), r.user(), r.tty(), r.remoteHost(), "", 0, source));
            if (r.logoutUsec() >= 0 && r.type() != WtmpDbRecord.RUNLEVEL) {
                out.add(new LoginEvent(boot ? LoginEvent.Kind.SHUTDOWN : LoginEvent.Kind.LOGOUT,
                        micros(r.logoutUsec()), r.user(), r.tty(), r.remoteHost(), "", 0, source));
            }
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out;
    }

    /** Events of lastlog2 rows that record a login. */
    public static List<LoginEvent> lastlog2Events(List<Lastlog2Record> rows, String source) {
        List<LoginEvent> out = new ArrayList<>();
        for (Lastlog2Record r : rows) {
            if (r.time() != 0) {
                out.add(new LoginEvent(LoginEvent.Kind.LAST_LOGIN, Instant.ofEpochSecond(r.time()), r.name(), r.tty(),
                        r.remoteHost(), "", 0, source));
            }
        }
        return out;
    }

    private static Instant micros(long usec) {
        return Instant.ofEpochSecond(Math.floorDiv(usec, 1_000_000L), Math.floorMod(usec, 1_000_000L) * 1000L);
    }

    private static Connection open(Path db) throws IOException, SQLException {
        if (!Files.isRegularFile(db)) {
            throw new LoginRecordException(db + ": no such database file");
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        return cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    private static void checkCount(Path db, Statement st, String table, long max) throws SQLException, IOException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            long n = rs.next() ? rs.getLong(1) : 0;
            if (n > max) {
                throw new LoginRecordException(db + ": " + n + " rows exceed the maximum " + max);
            }
        }
    }

    private static String text(ResultSet rs, int col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? "" : s;
    }
}
