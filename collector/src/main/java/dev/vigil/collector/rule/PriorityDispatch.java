package dev.vigil.collector.rule;

import dev.vigil.collector.filter.PriorityFilter;
import dev.vigil.core.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive statements whose outcome depends on the PRI alone (selector lines, their {@code &}
 * actions, {@code stop} / {@code ~}, unfiltered actions), evaluated once per PRI value when the
 * configuration is loaded: for each of the 200 PRIs (24 facilities and rsyslog's invld, 8 severities) the
 * actions to run, in configuration order, and whether processing goes on after them. Running an event is
 * then one table load and the actions, whatever the number of selectors; the result is the one the
 * statements give (they are kept for a PRI outside the table).
 */
final class PriorityDispatch implements Statement {
    private static final int PRIS = PriorityFilter.FACILITIES * 8;
    private final Statements.Block statements;
    private final Statements.Run[][] actions = new Statements.Run[PRIS][];
    private final boolean[] goesOn = new boolean[PRIS];

    private PriorityDispatch(List<Statement> group) {
        this.statements = new Statements.Block();
        group.forEach(statements::add);
        Map<List<Statements.Run>, Statements.Run[]> shared = new HashMap<>(); // many PRIs run the same actions
        for (int pri = 0; pri < PRIS; pri++) {
            List<Statements.Run> runs = new ArrayList<>();
            goesOn[pri] = walk(group, pri >> 3, pri & 7, runs);
            actions[pri] = shared.computeIfAbsent(runs, r -> r.toArray(new Statements.Run[0]));
        }
    }

    /**
     * Replaces every run of at least two PRI-only statements of {@code list} by one dispatch. A block with
     * a failover action ({@code $ActionExecOnlyWhenPreviousIsSuspended}) directly in it is left as it is:
     * that decision is taken at run time.
     */
    static List<Statement> group(List<Statement> list) {
        for (Statement s : list) {
            if (s instanceof Statements.Run r && r.onlyWhenPreviousSuspended()) {
                return list;
            }
        }
        List<Statement> out = new ArrayList<>();
        List<Statement> pending = new ArrayList<>();
        for (Statement s : list) {
            if (priorityOnly(s)) {
                pending.add(s);
                continue;
            }
            flush(pending, out);
            out.add(s);
        }
        flush(pending, out);
        return out;
    }

    private static void flush(List<Statement> pending, List<Statement> out) {
        if (pending.size() >= 2) {
            out.add(new PriorityDispatch(new ArrayList<>(pending)));
        } else {
            out.addAll(pending);
        }
        pending.clear();
    }

    /** True when what {@code s} does to an event depends on nothing but its PRI. */
    static boolean priorityOnly(Statement s) {
        if (s instanceof Statements.Run r) {
            return !r.onlyWhenPreviousSuspended();
        }
        if (s instanceof Statements.Stop) {
            return true;
        }
        if (s instanceof Statements.Block b) {
            return b.statements().stream().allMatch(PriorityDispatch::priorityOnly);
        }
        if (s instanceof Statements.If f) {
            return f.filter() instanceof PriorityFilter && priorityOnly(f.then())
                    && (f.otherwise() == null || priorityOnly(f.otherwise()));
        }
        return false;
    }

    /** Collects the actions the statements run for facility/severity; false when they say stop. */
    private static boolean walk(List<Statement> list, int fac, int sev, List<Statements.Run> runs) {
        for (Statement s : list) {
            if (s instanceof Statements.Run r) {
                runs.add(r);
            } else if (s instanceof Statements.Stop) {
                return false;
            } else if (s instanceof Statements.Block b) {
                if (!walk(b.statements(), fac, sev, runs)) {
                    return false;
                }
            } else if (s instanceof Statements.If f) {
                Statements.Block chosen = ((PriorityFilter) f.filter()).matches(fac, sev) ? f.then() : f.otherwise();
                if (chosen != null && !walk(chosen.statements(), fac, sev, runs)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The statements this dispatch stands for, frozen without grouping (for a PRI outside the table). */
    void freeze() {
        statements.freezeUngrouped();
    }

    @Override
    public boolean run(Event e, RuleEngine engine) {
        int pri = e.pri();
        if (pri < 0 || pri >= PRIS) {
            return statements.run(e, engine);
        }
        for (Statements.Run r : actions[pri]) {
            engine.execute(r.action(), e, r.location());
        }
        return goesOn[pri];
    }

    @Override
    public String toString() {
        return statements.toString();
    }
}
