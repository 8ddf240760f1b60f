/**
 * The host agent: {@link dev.vigil.agent.Agent} wires the inputs (files, login records) through the readers'
 * thread into the durable queue and on to the shipper; subpackages hold each part.
 */
package dev.vigil.agent;
