/**
 * rsyslog's output modules as Vigil actions: omfile (static and dynamic files), omfwd, omusrmsg,
 * ompgsql/ommysql, omdiscard. Each action consumes events and reports failures for retry.
 */
package dev.vigil.collector.action;
