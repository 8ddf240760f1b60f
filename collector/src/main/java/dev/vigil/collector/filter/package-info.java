/**
 * rsyslog's filters: selectors ({@code mail.*;mail.!=info}) as a precomputed facility x severity bitmap,
 * property-based filters ({@code :msg, contains, "x"}) and RainerScript expressions ({@code if ... then}).
 * Every filter is an immutable value; parsing errors carry rsyslog's wording.
 */
package dev.vigil.collector.filter;
