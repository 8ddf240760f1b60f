/**
 * agent.yml: the agent's settings (server, queue, inputs with their multi-line rules, NTP, metrics), read with
 * Jackson's YAML parser so that every mistake is reported as {@code file:line:column: what was expected}.
 */
package dev.vigil.agent.config;
