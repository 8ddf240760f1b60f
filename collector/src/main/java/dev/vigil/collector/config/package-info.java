/**
 * The rsyslog.conf language: legacy {@code $} directives, selector lines and RainerScript, read into an
 * {@link dev.vigil.collector.config.RsyslogConfig} (inputs, globals, templates and the compiled rule
 * engine). Entry point: {@link dev.vigil.collector.config.RsyslogConfigLoader#load}.
 */
package dev.vigil.collector.config;
