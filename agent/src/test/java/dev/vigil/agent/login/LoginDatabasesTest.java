package dev.vigil.agent.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** wtmpdb and lastlog2 databases written with the schemas and statements those projects use. */
class LoginDatabasesTest {
    @TempDir Path dir;

    private Path wtmpdb() throws Exception {
        Path db = dir.resolve("wtmp.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS wtmp(ID INTEGER PRIMARY KEY, Type INTEGER, User TEXT NOT NULL, "
                    + "Login INTEGER, Logout INTEGER, TTY TEXT, RemoteHost TEXT, Service TEXT) STRICT");
            st.execute("INSERT INTO wtmp (Type,User,Login,TTY,RemoteHost,Service) "
                    + "VALUES(1,'reboot',1700000000000000,'~','6.1.0-13-amd64',NULL)");
            st.execute("INSERT INTO wtmp (Type,User,Login,TTY,RemoteHost,Service) "
                    + "VALUES(3,'alice',1700000100250000,'pts/0','2001:db8::42','sshd')");
            st.execute("UPDATE wtmp SET Logout = 1700003700000000 WHERE ID = 2");
            st.execute("INSERT INTO wtmp (Type,User,Login,TTY,RemoteHost,Service) "
                    + "VALUES(3,'root',1700000200000000,'tty1',NULL,'login')");
        }
        return db;
    }

    @Test
    void readsWtmpDbRowsAndTurnsThemIntoEvents() throws Exception {
        Path db = wtmpdb();
        List<WtmpDbRecord> rows = LoginDatabases.readWtmpDb(db, 100);
        assertThat(rows).extracting(WtmpDbRecord::user).containsExactly("reboot", "alice", "root");
        assertThat(rows.get(1).logoutUsec()).isEqualTo(1_700_003_700_000_000L);
        assertThat(rows.get(2).logoutUsec()).isEqualTo(-1);
        assertThat(rows.get(2).remoteHost()).isEmpty();
        List<LoginEvent> ev = LoginDatabases.events(rows, "wtmpdb");
        assertThat(ev).extracting(LoginEvent::kind).containsExactly(LoginEvent.Kind.BOOT, LoginEvent.Kind.LOGIN,
                LoginEvent.Kind.LOGIN, LoginEvent.Kind.LOGOUT);
        assertThat(ev.get(1).time()).isEqualTo(Instant.parse("2023-11-14T22:15:00.250Z"));
        assertThat(ev.get(3).user()).isEqualTo("alice");
        assertThat(ev.get(3).host()).isEqualTo("2001:db8::42");
    }

    @Test
    void readsLastlog2RowsLikeUtilLinuxTestData() throws Exception {
        Path db = dir.resolve("lastlog2.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE Lastlog2(Name TEXT PRIMARY KEY, Time INTEGER, TTY TEXT, RemoteHost TEXT, "
                    + "Service TEXT)");
            st.execute("INSERT INTO Lastlog2 VALUES('user1',1706543115,'test-tty','localhost','test')");
            st.execute("INSERT INTO Lastlog2 VALUES('user2',0,NULL,NULL,NULL)");
            st.execute("INSERT INTO Lastlog2 VALUES('root',1706543115,'test-tty','test-host',NULL)");
        }
        List<Lastlog2Record> rows = LoginDatabases.readLastlog2(db, 10);
        assertThat(rows).extracting(Lastlog2Record::name).containsExactly("root", "user1", "user2");
        List<LoginEvent> ev = LoginDatabases.lastlog2Events(rows, "lastlog2");
        assertThat(ev).extracting(LoginEvent::user).containsExactly("root", "user1");
        assertThat(ev.get(0).time()).isEqualTo(Instant.ofEpochSecond(1706543115));
        assertThat(ev.get(0).host()).isEqualTo("test-host");
    }

    @Test
    void refusesMoreRowsThanTheMaximum() throws Exception {
        Path db = wtmpdb();
        assertThatThrownBy(() -> LoginDatabases.readWtmpDb(db, 2)).isInstanceOf(LoginRecordException.class)
                .hasMessage(db + ": 3 rows exceed the maximum 2");
    }

    @Test
    void garbageAndEmptyFilesAreReportedNotCrashed() throws Exception {
        Path g = dir.resolve("garbage.db");
        byte[] bytes = new byte[4096];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(g, bytes);
        assertThatThrownBy(() -> LoginDatabases.readWtmpDb(g, 10)).isInstanceOf(LoginRecordException.class)
                .hasMessageStartingWith(g + ": not a readable wtmpdb database");
        Path e = dir.resolve("empty.db");
        Files.write(e, new byte[0]);
        assertThatThrownBy(() -> LoginDatabases.readLastlog2(e, 10)).isInstanceOf(LoginRecordException.class)
                .hasMessageStartingWith(e + ": not a readable lastlog2 database");
        assertThatThrownBy(() -> LoginDatabases.readLastlog2(dir.resolve("missing.db"), 10))
                .isInstanceOf(LoginRecordException.class).hasMessageEndingWith("no such database file");
    }
}
