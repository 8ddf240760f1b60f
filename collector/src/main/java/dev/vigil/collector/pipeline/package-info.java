/**
 * The path from inputs to actions: a bounded queue of event batches (back-pressure, never silent loss)
 * and the worker that hands each event to the processor (rsyslog's main message queue).
 */
package dev.vigil.collector.pipeline;
