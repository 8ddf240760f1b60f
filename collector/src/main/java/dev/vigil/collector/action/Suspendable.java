package dev.vigil.collector.action;

/**
 * An action that can be suspended (rsyslog's action state "suspended"): its target is away and it is
 * retrying or discarding. A following action with {@code $ActionExecOnlyWhenPreviousIsSuspended on}
 * runs while this is true.
 */
public interface Suspendable {
    /** True while the target is unavailable. */
    boolean suspended();
}
