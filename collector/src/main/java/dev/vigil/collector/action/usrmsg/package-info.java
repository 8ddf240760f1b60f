/**
 * rsyslog's omusrmsg: messages written to the terminals of logged-in users (all of them for
 * {@code *}, like wall, or the named ones), found in utmp.
 */
package dev.vigil.collector.action.usrmsg;
