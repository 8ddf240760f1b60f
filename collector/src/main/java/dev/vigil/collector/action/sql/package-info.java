/**
 * rsyslog's ompgsql and ommysql: each message rendered as an SQL statement (by default an INSERT into
 * rsyslog's SystemEvents table) and executed through JDBC.
 */
package dev.vigil.collector.action.sql;
