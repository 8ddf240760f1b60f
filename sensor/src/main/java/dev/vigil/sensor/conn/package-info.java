/**
 * The connection table with Zeek's semantics: flow keys, originator/responder choice and flipping,
 * the TCP endpoint state machine, history letters, byte and packet counts, timers and eviction,
 * and uids drawn from Zeek's seeded sequence.
 */
package dev.vigil.sensor.conn;
