package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.collector.action.forward.QueuedForwardAction;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.Properties;
import dev.vigil.core.syslog.SyslogText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ompgsql against a real PostgreSQL server started by the test, with rsyslog's SystemEvents schema
 * (rsyslog's plugins/ompgsql/createDB.sql); ommysql needs a MariaDB server, skipped when absent.
 */
class SqlActionTest {
    /** rsyslog's SystemEvents table (from rsyslog's ompgsql createDB.sql). */
    static final String SCHEMA = "CREATE TABLE SystemEvents (ID serial not null primary key, CustomerID bigint, "
            + "ReceivedAt timestamp without time zone NULL, DeviceReportedTime timestamp without time zone NULL, "
            + "Facility smallint NULL, Priority smallint NULL, FromHost varchar(60) NULL, Message text, "
            + "NTSeverity int NULL, Importance int NULL, EventSource varchar(60), EventUser varchar(60) NULL, "
            + "EventCategory int NULL, EventID int NULL, EventBinaryData text NULL, MaxAvailable int NULL, "
            + "CurrUsage int NULL, MinUsage int NULL, MaxUsage int NULL, InfoUnitID int NULL, "
            + "SysLogTag varchar(60), EventLogType varchar(60), GenericFileName VarChar(60), SystemID int NULL);"
            + "CREATE TABLE SystemEventsProperties (ID serial not null primary key, SystemEventID int NULL, "
            + "ParamName varchar(255) NULL, ParamValue text NULL)";

    @TempDir
    Path tmp;

    @Test
    void ompgsqlInsertsIntoSystemEventsAndKeepsMessagesWhileTheDatabaseIsAway() throws Exception {
        assumeTrue(PostgresPeer.binaries() != null, "skipped: PostgreSQL not installed");
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try (PostgresPeer pg = PostgresPeer.start(tmp)) {
            String admin = "jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres";
            try (Connection c = DriverManager.getConnection(admin, "vigil", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"Syslog\"");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + pg.port + "/Syslog";
            try (Connection c = DriverManager.getConnection(url, "vigil", ""); Statement st = c.createStatement()) {
                st.execute(SCHEMA);
            }
            Files.createDirectories(tmp.resolve("spool"));
            String conf = "$WorkDirectory " + tmp.resolve("spool") + "\n"
                    + "action(type=\"ompgsql\" server=\"127.0.0.1\" port=\"" + pg.port + "\" db=\"Syslog\" "
                    + "user=\"vigil\" pass=\"\" queue.type=\"LinkedList\" queue.filename=\"pgq\" "
                    + "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\")\n";
            List<String> warnings = new ArrayList<>();
            RsyslogConfig cfg = RsyslogConfigLoader.load("pg.conf", conf, LoaderOptions.defaults().warnings(warnings::add));
            List<Event> events = new ArrayList<>();
            for (Event e : RsyslogCorpusDifferentialTest.events("tcp")) {
                // rows PostgreSQL can hold as rsyslog's template writes them: a valid facility number,
                // UTF-8 text, and the varchar(60) columns' limits
                if (e.facility() < 24 && !SyslogText.hasEscapedBytes(e.msg() + e.hostname() + e.syslogTag())
                        && e.hostname().length() <= 60 && e.syslogTag().length() <= 60) {
                    events.add(e);
                }
            }
            int half = events.size() / 2;
            for (Event e : events.subList(0, half)) {
                cfg.engine().process(e);
            }
            QueuedForwardAction q = (QueuedForwardAction) cfg.engine().actions().get(0);
            assertThat(q.awaitEmpty(20_000)).as("queue drained; warnings %s", warnings).isTrue();
            pg.stop(); // the database goes away mid-stream
            for (Event e : events.subList(half, events.size())) {
                cfg.engine().process(e);
            }
            Thread.sleep(1500);
            assertThat(q.queued()).isGreaterThan(0);
            pg.restart();
            assertThat(q.awaitEmpty(30_000)).isTrue();
            cfg.engine().close();

            List<String> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, "vigil", ""); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT Message, Facility, Priority, FromHost, SysLogTag, "
                            + "InfoUnitID FROM SystemEvents ORDER BY ID")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
                            + rs.getString(5) + "|" + rs.getInt(6));
                }
            }
            List<String> expected = new ArrayList<>();
            for (Event e : events) {
                expected.add(e.msg() + "|" + e.facility() + "|" + e.severity() + "|" + e.hostname() + "|"
                        + e.syslogTag() + "|" + Properties.get(e, "iut"));
            }
            System.out.println(rows.size() + " rows of " + events.size() + " events; warnings " + warnings);
            // records PostgreSQL itself refused (e.g. rsyslog's template writes Feb 30 as a date) are
            // reported and dropped, as rsyslog drops them; every other event is a row, in order
            long refused = warnings.stream().filter(w -> w.contains("record dropped")).count();
            assertThat(rows).hasSize(events.size() - (int) refused);
            assertThat(expected).containsSubsequence(rows);
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void ommysqlNeedsAMariaDbServer() {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/mariadbd")) || Files.isExecutable(Path.of("/usr/sbin/mysqld"));
        assumeTrue(installed, "skipped: MariaDB not installed");
        // A MariaDB server is installed but Vigil's test does not start one yet: reported, not passed silently.
        assumeTrue(false, "skipped: MariaDB test server start not implemented");
    }
}
