package dev.vigil.collector.config;

import dev.vigil.collector.rule.RuleEngine;
import java.util.List;
import java.util.Map;

/**
 * A loaded rsyslog configuration, ready to wire: what to listen on, the global settings, the modules
 * loaded with their module-level parameters, the templates defined, and the compiled rules.
 *
 * @param inputs every listener, in configuration order (see {@link InputSpec})
 * @param globals global settings and the main queue's settings
 * @param modules every module loaded ({@code $ModLoad}, {@code module(load=)}) with its parameters
 * @param templates user-defined templates by name (the built-in ones are not listed)
 * @param actions every action's specification, in configuration order (the same order as
 *     {@code engine.actions()})
 * @param engine the rulesets, compiled; owns the actions (close it to flush and close them)
 * @param warnings every warning reported while loading, also sent to {@link LoaderOptions#warnings}
 */
public record RsyslogConfig(List<InputSpec> inputs, Globals globals, Map<String, Params> modules,
        Map<String, TemplateSpec> templates, List<ActionSpec> actions, RuleEngine engine, List<String> warnings) {
}
