package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.rule.RuleEngine;
import dev.vigil.collector.rule.Ruleset;
import dev.vigil.collector.rule.Statement;
import dev.vigil.collector.rule.Statements;
import dev.vigil.collector.template.BuiltinTemplates;
import dev.vigil.collector.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Completes a configuration once every file has been read: compiles templates, creates the actions
 * (templates may be defined after their first use in RainerScript), checks {@code call} targets, merges
 * module settings into inputs and builds the {@link RuleEngine}.
 */
final class ConfigFinisher implements ActionContext {
    private final ConfigBuilder b;
    private final Map<String, Template> compiled = new HashMap<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<ActionSpec> specs = new ArrayList<>();
    private Globals globals;
    private String currentLocation = "";

    ConfigFinisher(ConfigBuilder b) {
        this.b = b;
    }

    RsyslogConfig finish() {
        globals = new Globals(b.globals, b.mainQueue);
        for (TemplateSpec t : b.templates.values()) {
            try {
                compiled.put(t.name(), TemplateCompiler.compile(t));
            } catch (IllegalArgumentException e) {
                b.warn(t.location(), "error: template '" + t.name() + "': " + e.getMessage() + " - template ignored");
            }
        }
        for (Ruleset r : b.rulesets.values()) {
            resolve(r.body());
        }
        List<InputSpec> inputs = new ArrayList<>();
        for (InputSpec in : b.inputs) {
            Params p = in.params().copy().defaults(b.modules.getOrDefault(in.type(), new Params()));
            String rs = p.get("ruleset");
            if (rs != null && !b.rulesets.containsKey(rs)) {
                b.warn(in.location(), "error: ruleset '" + rs + "' not found - input uses the default ruleset");
                p.remove("ruleset");
            }
            inputs.add(new InputSpec(in.type(), p, in.location()));
        }
        RuleEngine engine = new RuleEngine(b.rulesets, actions, b.options.warnings());
        return new RsyslogConfig(List.copyOf(inputs), globals, new LinkedHashMap<>(b.modules),
                new LinkedHashMap<>(b.templates), List.copyOf(specs), engine, List.copyOf(b.warnings));
    }

    private void resolve(Statements.Block block) {
        ListIterator<Statement> it = block.statements().listIterator();
        while (it.hasNext()) {
            Statement s = it.next();
            if (s instanceof Pending p) {
                Action a = create(p.spec());
                if (a == null) {
                    it.remove();
                } else {
                    it.set(new Statements.Run(a, p.spec().location(),
                            p.spec().params().getBool("action.execonlywhenpreviousissuspended", false)));
                }
            } else if (s instanceof Statements.If f) {
                resolve(f.then());
                if (f.otherwise() != null) {
                    resolve(f.otherwise());
                }
            } else if (s instanceof Statements.Block inner) {
                resolve(inner);
            } else if (s instanceof Statements.Call c && !b.rulesets.containsKey(c.ruleset())) {
                b.warn(c.location(), "error: ruleset '" + c.ruleset() + "' not found - call ignored");
                it.remove();
            }
        }
    }

    private Action create(ActionSpec spec) {
        currentLocation = spec.location();
        try {
            Action a = b.options.actionFactory().create(spec, this);
            actions.add(a);
            specs.add(spec);
            return a;
        } catch (UnsupportedOperationException e) {
            b.warn(spec.location(), "unsupported " + e.getMessage() + " (ignored)");
        } catch (IllegalArgumentException e) {
            b.warn(spec.location(), "error: " + spec.type() + ": " + e.getMessage() + " - action ignored");
        }
        return null;
    }

    @Override
    public Template template(String name) {
        Template t = compiled.get(name);
        return t != null ? t : BuiltinTemplates.get(name);
    }

    @Override
    public Params module(String name) {
        return b.modules.getOrDefault(name, new Params());
    }

    @Override
    public Globals globals() {
        return globals;
    }

    @Override
    public LoaderOptions options() {
        return b.options;
    }

    @Override
    public void warn(String message) {
        b.warn(currentLocation, message);
    }
}
