/**
 * The one {@link dev.vigil.core.event.Event} type that travels from every input to every action,
 * with the syslog vocabulary it carries (facility, severity, timestamps as the sender wrote them).
 */
package dev.vigil.core.event;
