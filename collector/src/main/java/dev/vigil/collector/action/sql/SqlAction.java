package dev.vigil.collector.action.sql;

import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.action.forward.QueueableAction;
import dev.vigil.collector.action.forward.RecordRejectedException;
import dev.vigil.collector.template.OutBuffer;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.SyslogText;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * ompgsql / ommysql: renders each event with an SQL template (rsyslog's StdPgSQLFmt / StdDBFmt by
 * default: an INSERT into SystemEvents, values escaped by the template's sql/stdsql option) and
 * executes it on a JDBC connection, reconnecting after a failure. A failure is a retryable
 * {@link ActionException}, so a queue can hold messages while the database is away.
 */
public final class SqlAction implements QueueableAction {
    private final String url;
    private final String user;
    private final String password;
    private final Template template;
    private final String description;
    private final OutBuffer out = new OutBuffer(512);
    private Connection conn;

    /**
     * @param url a JDBC URL, e.g. {@code jdbc:postgresql://host:5432/Syslog}
     */
    public SqlAction(String url, String user, String password, Template template, String description) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.template = template;
        this.description = description;
    }

    /** rsyslog's ompgsql target as a JDBC URL. */
    public static String postgresUrl(String host, int port, String db) {
        return "jdbc:postgresql://" + bracket(host) + ":" + port + "/" + db;
    }

    /** rsyslog's ommysql target as a JDBC URL (MariaDB driver, also for MySQL servers). */
    public static String mysqlUrl(String host, int port, String db) {
        return "jdbc:mariadb://" + bracket(host) + ":" + port + "/" + db;
    }

    private static String bracket(String h) {
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    @Override
    public void process(Event event) throws ActionException {
        byte[] sql = render(event);
        try {
            send(sql, sql.length);
        } catch (RecordRejectedException e) {
            throw new ActionException(describe() + ": " + e.getMessage(), e, false);
        } catch (IOException e) {
            throw new ActionException(describe() + ": " + e.getMessage(), e, true);
        }
    }

    @Override
    public byte[] render(Event event) {
        out.reset();
        template.render(event, out);
        return out.toByteArray();
    }

    @Override
    public void send(byte[] msg, int len) throws IOException {
        String sql = SyslogText.decode(msg, 0, len);
        try {
            if (conn == null) {
                Properties p = new Properties();
                p.setProperty("user", user == null ? "" : user);
                p.setProperty("password", password == null ? "" : password);
                // the PostgreSQL driver counts this in seconds, MariaDB's in milliseconds
                p.setProperty("connectTimeout", url.startsWith("jdbc:mariadb:") ? "5000" : "5");
                conn = DriverManager.getConnection(url, p);
                conn.setAutoCommit(true);
            }
            try (Statement st = conn.createStatement()) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            String why = e.getMessage() + " (SQLState " + e.getSQLState() + ")";
            if (connectionUsable()) {
                throw new RecordRejectedException(why, e);
            }
            closeQuietly();
            throw new IOException(why, e);
        }
    }

    private boolean connectionUsable() {
        try {
            return conn != null && conn.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void verifyConnection() {
        try {
            if (conn != null && !conn.isValid(2)) {
                closeQuietly();
            }
        } catch (SQLException e) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (SQLException ignored) {
            // the connection is being dropped anyway
        }
        conn = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    @Override
    public String describe() {
        return description;
    }
}
