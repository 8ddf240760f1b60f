package dev.vigil.collector.rule;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.action.Suspendable;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs events through the compiled rulesets in rsyslog's order: every statement of the ruleset, top to
 * bottom, actions called synchronously, {@code stop} ending the event. A failing action is counted and
 * reported (first failure and recovery), never stops the other rules. Each action is called by one
 * thread at a time, so {@link #process} may be called from several worker threads.
 */
public final class RuleEngine implements AutoCloseable {
    private final Map<String, Ruleset> rulesets;
    private final Ruleset main;
    private final List<Action> actions;
    private final Consumer<String> reporter;
    private final LongAdder failures = new LongAdder();
    private volatile boolean anyFailing;
    private final Map<Object, Boolean> failing = Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /**
     * @param rulesets every ruleset by name; must contain {@link Ruleset#DEFAULT}
     * @param actions every action the rulesets use, flushed and closed by this engine
     * @param reporter where action failures are reported (one line each)
     */
    public RuleEngine(Map<String, Ruleset> rulesets, List<Action> actions, Consumer<String> reporter) {
        this.rulesets = Collections.unmodifiableMap(new LinkedHashMap<>(rulesets));
        this.main = rulesets.get(Ruleset.DEFAULT);
        if (main == null) {
            throw new IllegalArgumentException("no ruleset " + Ruleset.DEFAULT);
        }
        this.actions = List.copyOf(actions);
        this.reporter = reporter;
        for (Ruleset r : this.rulesets.values()) {
            r.body().freeze();
        }
    }

    /** Runs {@code e} through the default ruleset. */
    public void process(Event e) {
        run(main, e);
    }

    /** Runs {@code e} through the named ruleset (an input's {@code ruleset=}), the default one if unknown. */
    public void process(Event e, String ruleset) {
        run(ruleset == null ? main : rulesets.getOrDefault(ruleset, main), e);
    }

    private void run(Ruleset r, Event e) {
        try {
            r.run(e, this);
        } catch (RuntimeException ex) {
            // a bug in a filter must not stop the pipeline: count it, say it once per kind of failure
            failures.increment();
            if (failing.put(ex.getClass(), Boolean.TRUE) == null) {
                reporter.accept("ruleset " + r.name() + ": event skipped after " + ex);
            }
        }
    }

    boolean runRuleset(String name, Event e) {
        Ruleset r = rulesets.get(name);
        return r == null || r.run(e, this);
    }

    /** Calls the action; false when it failed or (a queued action) its target is suspended. */
    boolean execute(Action a, Event e, String location) {
        try {
            synchronized (a) {
                a.process(e);
            }
            if (a instanceof Suspendable s && s.suspended()) {
                return false;
            }
            // the hot path reads one volatile field; the map is only touched while something fails
            if (anyFailing && failing.remove(a) != null) {
                anyFailing = !failing.isEmpty();
                reporter.accept(location + ": action " + a.describe() + " resumed");
            }
            return true;
        } catch (ActionException | RuntimeException ex) {
            failures.increment();
            anyFailing = true;
            if (failing.put(a, Boolean.TRUE) == null) {
                reporter.accept(location + ": action " + a.describe() + " failed: " + ex.getMessage());
            }
            return false;
        }
    }

    /** The rulesets by name. */
    public Map<String, Ruleset> rulesets() {
        return rulesets;
    }

    /** Every action of the configuration, in configuration order. */
    public List<Action> actions() {
        return actions;
    }

    /** Number of action calls that failed. */
    public long actionFailures() {
        return failures.sum();
    }

    /** Flushes every action; failures are reported, not thrown, so one bad target cannot block the rest. */
    public void flush() {
        for (Action a : actions) {
            try {
                synchronized (a) {
                    a.flush();
                }
            } catch (IOException | RuntimeException ex) {
                reporter.accept("flush of " + a.describe() + " failed: " + ex.getMessage());
            }
        }
    }

    /** Closes every action (flushing it first). */
    @Override
    public void close() {
        List<String> errors = new ArrayList<>();
        for (Action a : actions) {
            try {
                synchronized (a) {
                    a.close();
                }
            } catch (IOException | RuntimeException ex) {
                errors.add(a.describe() + ": " + ex.getMessage());
            }
        }
        errors.forEach(s -> reporter.accept("close of " + s));
    }

    @Override
    public String toString() {
        return "RuleEngine" + rulesets.values();
    }
}
