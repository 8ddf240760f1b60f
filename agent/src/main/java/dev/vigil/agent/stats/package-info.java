/**
 * The agent's counters, gauges and operator notices: what the tailers, the durable queue and the shipper
 * report, logged every minute and served in the Prometheus text format.
 */
package dev.vigil.agent.stats;
