/**
 * The compiled configuration: rulesets of statements (filter, action, stop, call) and the
 * {@link dev.vigil.collector.rule.RuleEngine} that runs an event through them in rsyslog's order.
 * Built by the config package; immutable once built.
 */
package dev.vigil.collector.rule;
