package dev.vigil.collector.rule;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.filter.Filter;
import dev.vigil.core.event.Event;
import java.util.ArrayList;
import java.util.List;

/** The statement types: if/then/else, action, stop, call, and a block of statements. */
public final class Statements {
    private Statements() {
    }

    /** A sequence run in order; stops at the first statement that says stop. */
    public static final class Block implements Statement {
        private final List<Statement> list = new ArrayList<>();
        private Statement[] compiled;

        /** Appends a statement (only while building). */
        public Block add(Statement s) {
            list.add(s);
            compiled = null;
            return this;
        }

        public List<Statement> statements() {
            return list;
        }

        /**
         * Prepares this block and every nested one for running (done once when the engine is built):
         * consecutive statements that depend on the PRI alone become one {@link PriorityDispatch}.
         */
        public void freeze() {
            freeze(true);
        }

        void freezeUngrouped() {
            freeze(false);
        }

        private void freeze(boolean group) {
            compiled = (group ? PriorityDispatch.group(list) : list).toArray(new Statement[0]);
            for (Statement s : compiled) {
                if (s instanceof PriorityDispatch d) {
                    d.freeze();
                }
            }
            for (Statement s : list) {
                if (s instanceof Block b) {
                    b.freeze(group);
                } else if (s instanceof If f) {
                    f.then().freeze(group);
                    if (f.otherwise() != null) {
                        f.otherwise().freeze(group);
                    }
                }
            }
        }

        public boolean isEmpty() {
            return list.isEmpty();
        }

        /** The last statement, or null. */
        public Statement last() {
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }

        @Override
        public boolean run(Event e, RuleEngine engine) {
            Statement[] s = compiled;
            if (s == null) {
                s = compiled = list.toArray(new Statement[0]);
            }
            boolean previousOk = true;
            boolean hadPrevious = false;
            for (Statement st : s) {
                if (st instanceof Run r) {
                    // $ActionExecOnlyWhenPreviousIsSuspended: a backup action runs only when the one
                    // before it in the same chain could not take the event (ignored for the first one)
                    if (!r.onlyWhenPreviousSuspended() || !hadPrevious || !previousOk) {
                        previousOk = engine.execute(r.action(), e, r.location());
                    }
                    hadPrevious = true;
                } else if (!st.run(e, engine)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return list.toString();
        }
    }

    /** {@code if filter then ... else ...}; also every selector and property-filter line. */
    public record If(Filter filter, Block then, Block otherwise, String location) implements Statement {
        @Override
        public boolean run(Event e, RuleEngine engine) {
            if (filter.matches(e)) {
                return then.run(e, engine);
            }
            return otherwise == null || otherwise.run(e, engine);
        }
    }

    /**
     * Runs one action; failures are reported to the engine and never stop the ruleset. With
     * {@code onlyWhenPreviousSuspended} ($ActionExecOnlyWhenPreviousIsSuspended on) it runs only when the
     * previous action of its block failed or is suspended.
     */
    public record Run(Action action, String location, boolean onlyWhenPreviousSuspended) implements Statement {
        public Run(Action action, String location) {
            this(action, location, false);
        }

        @Override
        public boolean run(Event e, RuleEngine engine) {
            engine.execute(action, e, location);
            return true;
        }

        @Override
        public String toString() {
            return action.describe();
        }
    }

    /** {@code stop}, {@code ~}: processing of this event ends. */
    public record Stop(String location) implements Statement {
        @Override
        public boolean run(Event e, RuleEngine engine) {
            return false;
        }

        @Override
        public String toString() {
            return "stop";
        }
    }

    /**
     * {@code call name}: runs another ruleset synchronously; a {@code stop} inside it ends the processing
     * of the event altogether, the calling ruleset included, as rsyslogd 8.2302 does.
     */
    public record Call(String ruleset, String location) implements Statement {
        @Override
        public boolean run(Event e, RuleEngine engine) {
            return engine.runRuleset(ruleset, e);
        }

        @Override
        public String toString() {
            return "call " + ruleset;
        }
    }
}
