package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;

/**
 * Creates the action for a specification. The default ({@link DefaultActionFactory}) builds Vigil's
 * output modules; tests may wrap it to capture output.
 */
public interface ActionFactory {
    /**
     * @throws IllegalArgumentException with the reason when the specification is invalid (the action is
     *     then reported and left out, as rsyslog does), {@link UnsupportedOperationException} when Vigil has
     *     no such output module
     */
    Action create(ActionSpec spec, ActionContext context);
}
