/**
 * Login and accounting records as agent inputs: wtmp, btmp and pacct followed by record offset, lastlog by
 * (time, uid), each record queued as one {@code key=value} event ({@code linux:wtmp}, {@code linux:btmp},
 * {@code linux:lastlog}, {@code linux:pacct}).
 */
package dev.vigil.agent.records;
