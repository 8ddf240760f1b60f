/**
 * Shipping: the {@link dev.vigil.agent.ship.Shipper} reads batches from the agent's durable queue, sends
 * them to the server over TLS with several batches in flight, acknowledges the queue as the server
 * confirms durability, and reports the agent's NTP-measured clock offset.
 */
package dev.vigil.agent.ship;
