package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.collector.action.forward.QueuedForwardAction;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.Properties;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.SyslogText;
import dev.vigil.core.syslog.TimeFormats;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ompgsql against a real PostgreSQL server started by the test, with rsyslog's SystemEvents schema
 * (rsyslog's plugins/ompgsql/createDB.sql), and ommysql against a real MariaDB server, likewise.
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

    /** rsyslog's SystemEvents table for MySQL / MariaDB (from rsyslog's ommysql createDB.sql). */
    static final String[] MYSQL_SCHEMA = {"CREATE TABLE SystemEvents (ID int unsigned not null auto_increment "
            + "primary key, CustomerID bigint, ReceivedAt datetime NULL, DeviceReportedTime datetime NULL, "
            + "Facility smallint NULL, Priority smallint NULL, FromHost varchar(60) NULL, Message text, "
            + "NTSeverity int NULL, Importance int NULL, EventSource varchar(60), EventUser varchar(60) NULL, "
            + "EventCategory int NULL, EventID int NULL, EventBinaryData text NULL, MaxAvailable int NULL, "
            + "CurrUsage int NULL, MinUsage int NULL, MaxUsage int NULL, InfoUnitID int NULL, "
            + "SysLogTag varchar(60), EventLogType varchar(60), GenericFileName VarChar(60), SystemID int NULL)",
        "CREATE TABLE SystemEventsProperties (ID int unsigned not null auto_increment primary key, "
            + "SystemEventID int NULL, ParamName varchar(255) NULL, ParamValue text NULL)"};

    /**
     * ommysql in its legacy form ({@code :ommysql:server,db,user,password} with
     * {@code $ActionOmmysqlServerPort}) and as {@code action(type="ommysql" ...)}, direct (no queue), against
     * a private MariaDB server: every corpus message MariaDB can hold is one row, with rsyslog's
     * RSYSLOG_StdDBFmt columns (the {@code sql} escaping of quotes and backslashes included).
     */
    @Test
    void ommysqlInsertsIntoSystemEventsInBothForms() throws Exception {
        assumeTrue(MariaDbPeer.available(), "skipped: MariaDB not installed");
        try (MariaDbPeer db = MariaDbPeer.start(tmp.resolve("mariadb"))) {
            String url = db.url("Syslog");
            try (Connection c = DriverManager.getConnection(url, MariaDbPeer.USER, MariaDbPeer.PASSWORD);
                    Statement st = c.createStatement()) {
                for (String ddl : MYSQL_SCHEMA) {
                    st.execute(ddl);
                }
            }
            List<Event> events = storable();
            // quotes and backslashes, which the template's sql option escapes for MySQL (\' and \\)
            byte[] quoted = "<13>Mar  1 10:00:00 web01 app[7]: it's C:\\temp\\x and 'quoted' \\' end".getBytes(UTF_8);
            events.add(new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC).parse(quoted, 0, quoted.length,
                    new SyslogParser.Origin(RsyslogCorpusDifferentialTest.RECEIVED, "localhost", "127.0.0.1", "imtcp")));
            int half = events.size() / 2;
            String legacy = "$ActionOmmysqlServerPort " + db.port + "\n"
                    + "*.* :ommysql:127.0.0.1,Syslog," + MariaDbPeer.USER + "," + MariaDbPeer.PASSWORD + "\n";
            String rainer = "action(type=\"ommysql\" server=\"127.0.0.1\" serverport=\"" + db.port + "\" db=\"Syslog\" "
                    + "uid=\"" + MariaDbPeer.USER + "\" pwd=\"" + MariaDbPeer.PASSWORD + "\")\n";
            long refused = 0;
            List<String> warnings = new ArrayList<>();
            for (String conf : List.of(legacy, rainer)) {
                RsyslogConfig cfg = RsyslogConfigLoader.load("my.conf", conf,
                        LoaderOptions.defaults().warnings(warnings::add));
                for (Event e : conf == legacy ? events.subList(0, half) : events.subList(half, events.size())) {
                    cfg.engine().process(e);
                }
                // statements MariaDB refuses on a good connection (strict mode: Feb 30, a too long tag) are
                // counted and reported, the others go on
                refused += cfg.engine().actionFailures();
                cfg.engine().close();
            }
            List<String> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, MariaDbPeer.USER, MariaDbPeer.PASSWORD);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT Message, Facility, Priority, FromHost, SysLogTag, InfoUnitID, "
                            + "DATE_FORMAT(DeviceReportedTime, '%Y%m%d%H%i%s') FROM SystemEvents ORDER BY ID")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
                            + rs.getString(5) + "|" + rs.getInt(6) + "|" + rs.getString(7));
                }
            }
            List<String> expected = new ArrayList<>();
            for (Event e : events) {
                expected.add(e.msg() + "|" + e.facility() + "|" + e.severity() + "|" + e.hostname() + "|"
                        + e.syslogTag() + "|" + Properties.get(e, "iut") + "|" + TimeFormats.mysql(e.reported()));
            }
            System.out.println("ommysql: " + rows.size() + " rows of " + events.size() + " events; warnings " + warnings);
            assertThat(refused).as("refused statements; warnings %s", warnings).isLessThan(events.size() / 10);
            assertThat(rows).hasSize(events.size() - (int) refused);
            assertThat(expected).containsSubsequence(rows);
            assertThat(rows.get(rows.size() - 1)).startsWith(" it's C:\\temp\\x and 'quoted' \\' end|1|5|web01|app[7]:|");
        }
    }

    /** Corpus events a SystemEvents row can hold as rsyslog's templates write them. */
    static List<Event> storable() throws java.io.IOException {
        List<Event> events = new ArrayList<>();
        for (Event e : RsyslogCorpusDifferentialTest.events("tcp")) {
            // a valid facility number, UTF-8 text, and the varchar(60) columns' limits
            if (e.facility() < 24 && !SyslogText.hasEscapedBytes(e.msg() + e.hostname() + e.syslogTag())
                    && e.hostname().length() <= 60 && e.syslogTag().length() <= 60) {
                events.add(e);
            }
        }
        return events;
    }
}
