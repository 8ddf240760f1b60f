package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;

/** Wraps an action in the queue its {@code queue.*} and {@code action.resume*} parameters ask for. */
final class ActionQueues {
    private ActionQueues() {
    }

    static Action wrap(Action a, Params p, ActionContext ctx) {
        String type = p.get("queue.type");
        if (type != null && !type.equalsIgnoreCase("direct")) {
            ctx.warn("unsupported action queue type " + type + " for " + a.describe()
                    + " (ignored: the action runs without its own queue)");
        }
        return a;
    }
}
