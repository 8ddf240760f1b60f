/**
 * omfile: messages written to static files or to files named by a template (dynafiles), with a bounded
 * cache of open files, rsyslog's ownership and mode settings, and buffered writes flushed every second.
 */
package dev.vigil.collector.action.file;
