/**
 * The agent shipping protocol (docs/agent.md, "Shipping protocol"): length-prefixed, CRC-32C checked
 * frames carrying a hello, batches of queued events, clock reports, and the server's welcome and
 * cumulative acknowledgements. Shared by the agent's shipper and the server's receiver.
 */
package dev.vigil.agent.protocol;
