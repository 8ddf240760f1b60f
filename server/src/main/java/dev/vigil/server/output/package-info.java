/** Where events go when no rsyslog.conf is given: the lab's per-host, per-program files. */
package dev.vigil.server.output;
