/**
 * The node's side of agent shipping: the TLS listener, one session per agent connection, and the
 * ledger that de-duplicates by (agent id, sequence number), acknowledges only durable events, and
 * recovers each agent's durable point from the index after a crash.
 */
package dev.vigil.server.agent;
