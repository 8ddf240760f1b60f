/**
 * Splunk's HTTP Event Collector on the node's Javalin app: {@code /services/collector/event}, {@code /raw},
 * {@code /health} and {@code /ack}, with Splunk's tokens, channels, indexer acknowledgement and error codes.
 */
package dev.vigil.server.hec;
