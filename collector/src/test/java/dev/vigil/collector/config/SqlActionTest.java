package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.Suspendable;
import dev.vigil.collector.action.forward.QueuedForwardAction;
import dev.vigil.collector.action.forward.ResumingAction;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
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

    /**
     * ompgsql with a disk queue and without a queue (rsyslog's direct mode with action.resumeRetryCount -1):
     * the database goes away mid-stream, the file action beside it goes on, and once PostgreSQL is back
     * every message is a row, in order.
     */
    @Test
    void ompgsqlInsertsIntoSystemEventsAndKeepsMessagesWhileTheDatabaseIsAway() throws Exception {
        assumeTrue(PostgresPeer.binaries() != null, "skipped: PostgreSQL not installed");
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try (PostgresPeer pg = PostgresPeer.start(tmp)) {
            Files.createDirectories(tmp.resolve("spool"));
            for (String mode : List.of("queued", "direct")) {
                String db = "Syslog_" + mode;
                String admin = "jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres";
                try (Connection c = DriverManager.getConnection(admin, "vigil", ""); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + db + "\"");
                }
                String url = "jdbc:postgresql://127.0.0.1:" + pg.port + "/" + db;
                try (Connection c = DriverManager.getConnection(url, "vigil", ""); Statement st = c.createStatement()) {
                    st.execute(SCHEMA);
                }
                Path all = tmp.resolve(mode + ".log");
                String conf = "$WorkDirectory " + tmp.resolve("spool") + "\n$template m,\"%msg%\\n\"\n"
                        + "action(type=\"ompgsql\" server=\"127.0.0.1\" port=\"" + pg.port + "\" db=\"" + db + "\" "
                        + "user=\"vigil\" pass=\"\" action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\""
                        + (mode.equals("queued") ? " queue.type=\"LinkedList\" queue.filename=\"pgq\"" : "") + ")\n"
                        + "*.* " + all + ";m\n";
                List<String> warnings = new CopyOnWriteArrayList<>();
                RsyslogConfig cfg = RsyslogConfigLoader.load("pg.conf", conf, LoaderOptions.defaults().warnings(warnings::add));
                List<Event> events = storable();
                int half = events.size() / 2;
                for (Event e : events.subList(0, half)) {
                    cfg.engine().process(e);
                }
                Action a = cfg.engine().actions().get(0);
                BooleanSupplier drained = a instanceof QueuedForwardAction q ? () -> q.queued() == 0
                        : () -> ((ResumingAction) a).held() == 0;
                assertThat(await(drained, 20_000)).as("drained; warnings %s", warnings).isTrue();
                pg.stop(); // the database goes away mid-stream
                for (Event e : events.subList(half, events.size())) {
                    cfg.engine().process(e);
                }
                cfg.engine().flush();
                assertThat(Files.readAllLines(all)).as("the file action went on").hasSize(events.size());
                Thread.sleep(1500); // a retry or two fail meanwhile
                assertThat(drained.getAsBoolean()).isFalse();
                assertThat(((Suspendable) a).suspended()).isTrue();
                pg.restart();
                assertThat(await(drained, 30_000)).isTrue();
                cfg.engine().close();
                // records PostgreSQL itself refused (e.g. rsyslog's template writes Feb 30 as a date) are
                // reported and dropped, as rsyslog drops them; every other event is a row, in order
                long refused = a instanceof ResumingAction r ? r.rejected() + cfg.engine().actionFailures()
                        : warnings.stream().filter(w -> w.contains("record dropped")).count();
                List<String> rows = pgRows(url);
                System.out.println("ompgsql " + mode + ": " + rows.size() + " rows of " + events.size()
                        + " events; warnings " + warnings);
                assertThat(refused).isLessThan(events.size() / 10);
                assertThat(rows).hasSize(events.size() - (int) refused);
                List<String> expected = new ArrayList<>();
                for (Event e : events) {
                    expected.add(e.msg() + "|" + e.facility() + "|" + e.severity() + "|" + e.hostname() + "|"
                            + e.syslogTag() + "|" + Properties.get(e, "iut"));
                }
                assertThat(expected).containsSubsequence(rows);
                if (mode.equals("direct")) {
                    assertThat(warnings).anyMatch(w -> w.contains("retrying every 1 s until it is back"))
                            .anyMatch(w -> w.contains(" resumed; ") && w.contains(" held messages delivered"));
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    private static List<String> pgRows(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "vigil", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT Message, Facility, Priority, FromHost, SysLogTag, "
                        + "InfoUnitID FROM SystemEvents ORDER BY ID")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getInt(6));
            }
        }
        return rows;
    }

    private static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
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
     * a private MariaDB server that goes away and comes back mid-stream: every corpus message MariaDB can
     * hold is one row, in order, with rsyslog's RSYSLOG_StdDBFmt columns (the {@code sql} escaping of
     * quotes and backslashes included).
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
                    + "uid=\"" + MariaDbPeer.USER + "\" pwd=\"" + MariaDbPeer.PASSWORD + "\" "
                    + "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\")\n";
            long refused = 0;
            List<String> warnings = new CopyOnWriteArrayList<>();
            for (String conf : List.of(legacy, rainer)) {
                RsyslogConfig cfg = RsyslogConfigLoader.load("my.conf", conf,
                        LoaderOptions.defaults().warnings(warnings::add));
                List<Event> part = conf == legacy ? events.subList(0, half) : events.subList(half, events.size());
                for (int i = 0; i < part.size(); i++) {
                    if (conf == rainer && i == 10) {
                        db.stop(); // the database goes away mid-stream: the action holds its messages
                    }
                    cfg.engine().process(part.get(i));
                }
                if (conf == rainer) {
                    ResumingAction r = (ResumingAction) cfg.engine().actions().get(0);
                    assertThat(r.held()).isEqualTo(part.size() - 10);
                    db.restart();
                    assertThat(await(() -> r.held() == 0, 30_000)).as("delivered; warnings %s", warnings).isTrue();
                    refused += r.rejected();
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
