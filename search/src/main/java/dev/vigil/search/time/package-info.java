/**
 * Splunk's time syntax: relative modifiers with snapping ({@code -24h@h}, {@code @w1}), absolute
 * {@code %m/%d/%Y:%H:%M:%S} times, and the strftime/strptime formats eval and output use.
 */
package dev.vigil.search.time;
