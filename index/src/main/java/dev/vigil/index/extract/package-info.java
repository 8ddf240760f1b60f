/**
 * Sourcetypes under Splunk's names: detecting them from a line, and extracting their fields
 * (syslog, linux_secure, access_combined, apache_error, vsftpd, xferlog, postfix/sendmail, Samba,
 * Zeek, JSON) and KV_MODE=auto key=value pairs, with each event's own timestamp.
 */
package dev.vigil.index.extract;
