package dev.vigil.collector.config;

/**
 * One action as configured, in RainerScript terms whatever syntax it was written in: legacy
 * {@code -/var/log/syslog} becomes type {@code omfile} with {@code file} and {@code sync="off"}, legacy
 * {@code @@host:514} becomes {@code omfwd} with {@code target}, {@code port} and {@code protocol="tcp"}.
 * Legacy {@code $Action*} / {@code $File*} settings in force at that line are included as parameters.
 *
 * @param type the output module: omfile, omfwd, omusrmsg, ompgsql, ommysql, omdiscard
 * @param params every parameter by lower-case rsyslog name (e.g. {@code queue.type}, {@code template})
 * @param location {@code file:line} where it was written
 */
public record ActionSpec(String type, Params params, String location) {
}
