/**
 * Zeek log writers: the TSV format with its header lines, markers and escaping rules, and
 * Zeek's JSON lines. Logs are created on their first row and closed with a #close line.
 */
package dev.vigil.sensor.log;
