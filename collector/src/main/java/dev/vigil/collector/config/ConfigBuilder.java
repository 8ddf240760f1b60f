package dev.vigil.collector.config;

import dev.vigil.collector.rule.Ruleset;
import dev.vigil.collector.rule.Statement;
import dev.vigil.collector.rule.Statements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state while a configuration is read: legacy settings in force, rulesets, templates, inputs,
 * modules and globals. {@link ConfigParser} feeds it; {@link ConfigFinisher} turns it into an
 * {@link RsyslogConfig}.
 */
final class ConfigBuilder {
    private static final Set<String> INPUTS = Set.of("imudp", "imtcp", "imptcp");
    private static final Set<String> LOCAL_INPUTS = Set.of("imuxsock", "imklog");
    private static final Set<String> MODULES = Set.of("imudp", "imtcp", "imptcp", "imuxsock", "imklog", "omfile",
            "omfwd", "omusrmsg", "ompgsql", "ommysql", "omdiscard", "lmnsd_gtls", "lmnsd_ossl", "lmnsd_ptcp");
    private static final Set<String> GLOBAL_PARAMS = Set.of("maxmessagesize", "workdirectory",
            "defaultnetstreamdriver", "defaultnetstreamdrivercafile", "defaultnetstreamdrivercertfile",
            "defaultnetstreamdriverkeyfile", "umask", "privdroptouser", "privdroptogroup", "privdroptouserid",
            "privdroptogroupid", "preservefqdn", "localhostname", "escapecontrolcharactersonreceive",
            "parser.escapecontrolcharactersonreceive", "parser.controlcharacterescapeprefix",
            "parser.escapecontrolcharactertab", "parser.escape8bitcharactersonreceive", "droptrailinglfonreception",
            "net.enabledns", "processinternalmessages", "abortonuncleanconfig", "maxopenfiles", "repeatedmsgreduction",
            "action.reportsuspension", "action.reportsuspensioncontinuation", "debug.onshutdown");

    final LoaderOptions options;
    final List<String> warnings = new ArrayList<>();
    final Map<String, Ruleset> rulesets = new LinkedHashMap<>();
    final Map<String, TemplateSpec> templates = new LinkedHashMap<>();
    final List<InputSpec> inputs = new ArrayList<>();
    final Map<String, Params> modules = new LinkedHashMap<>();
    final Params globals = new Params();
    final Params mainQueue = new Params();
    private Params legacyAction = new Params();
    private Params nextAction = new Params();
    private String currentRuleset = Ruleset.DEFAULT;
    private String udpAddress;
    private String udpRuleset;
    private String tcpRuleset;
    private String ptcpAddress;
    private String ptcpRuleset;
    final Includes includes;

    ConfigBuilder(LoaderOptions options) {
        this.options = options;
        this.includes = new Includes(this);
        rulesets.put(Ruleset.DEFAULT, new Ruleset(Ruleset.DEFAULT));
    }

    void warn(String location, String message) {
        String line = location + ": " + message;
        warnings.add(line);
        options.warnings().accept(line);
    }

    Ruleset currentRuleset() {
        return rulesets.get(currentRuleset);
    }

    Ruleset ruleset(String name, Params p, String location) {
        Ruleset r = rulesets.get(name);
        if (r != null && !r.body().isEmpty()) {
            warn(location, "error: ruleset '" + name + "' specified more than once (the statements are appended)");
        }
        for (String k : p.asMap().keySet()) {
            if (!k.equals("name")) {
                warn(location, "unsupported ruleset parameter '" + k + "' (ignored)");
            }
        }
        return rulesets.computeIfAbsent(name, Ruleset::new);
    }

    void directive(String name, String rawValue, Source src, int offset) {
        String n = name.toLowerCase(Locale.ROOT);
        String loc = src.location(offset);
        if (n.equals("template")) {
            LegacyTemplates.define(this, rawValue, loc);
            return;
        }
        String value = stripComment(rawValue);
        switch (n) {
            case "includeconfig": includes.include(value, false, loc); return;
            case "modload": loadModule(value, new Params(), loc); return;
            case "ruleset":
                currentRuleset = value;
                rulesets.computeIfAbsent(value, Ruleset::new);
                return;
            case "udpserveraddress": udpAddress = value; return;
            case "inputudpserverbindruleset": udpRuleset = value; return;
            case "inputtcpserverbindruleset": tcpRuleset = value; return;
            case "inputptcpserverlistenip": ptcpAddress = value; return;
            case "inputptcpserverbindruleset": ptcpRuleset = value; return;
            case "udpserverrun": legacyInput("imudp", value, udpAddress, udpRuleset, loc); return;
            case "inputtcpserverrun": legacyInput("imtcp", value, null, tcpRuleset, loc); return;
            case "inputptcpserverrun": legacyInput("imptcp", value, ptcpAddress, ptcpRuleset, loc); return;
            case "resetconfigvariables":
                legacyAction = new Params();
                nextAction = new Params();
                return;
            default: break;
        }
        if (!validValue(n, value, loc)) {
            return;
        }
        if (Directives.GLOBAL.containsKey(n)) {
            globals.put(Directives.GLOBAL.get(n), value);
        } else if (Directives.ACTION.containsKey(n)) {
            legacyAction.put(Directives.ACTION.get(n), value);
        } else if (Directives.NEXT_ACTION.containsKey(n)) {
            nextAction.put(Directives.NEXT_ACTION.get(n), value);
        } else if (n.startsWith("mainmsgqueue") && n.length() > 12) {
            mainQueue.put("queue." + n.substring(12), value);
        } else if (Directives.MODULE.containsKey(n)) {
            String[] mp = Directives.MODULE.get(n);
            Params m = modules.computeIfAbsent(mp[0], k -> new Params());
            if (mp[1].equals("permittedpeer")) {
                List<String> peers = new ArrayList<>(m.list("permittedpeer"));
                peers.add(value);
                m.put("permittedpeer", peers);
            } else {
                m.put(mp[1], value);
            }
        } else if (!Directives.NO_OP.contains(n)) {
            warn(loc, "unsupported directive $" + name + " (ignored)");
        }
    }

    private boolean validValue(String n, String value, String loc) {
        try {
            switch (n) {
                case "maxmessagesize": Sizes.parse(value); break;
                case "umask": case "filecreatemode": case "dircreatemode": Integer.parseInt(value, 8); break;
                case "actionresumeretrycount": case "inputtcpmaxsessions": case "mainmsgqueueworkerthreads":
                    Long.parseLong(value);
                    break;
                default: break;
            }
            return true;
        } catch (IllegalArgumentException e) {
            warn(loc, "error: invalid value '" + value + "' for $" + n + " - directive ignored");
            return false;
        }
    }

    private static String stripComment(String v) {
        int h = v.indexOf(" #");
        int t = v.indexOf("\t#");
        int cut = h < 0 ? t : t < 0 ? h : Math.min(h, t);
        return (cut < 0 ? v : v.substring(0, cut)).trim();
    }

    private void legacyInput(String type, String port, String address, String ruleset, String loc) {
        Params p = new Params().put("port", port);
        if (address != null) {
            p.put("address", address);
        }
        if (ruleset != null) {
            p.put("ruleset", ruleset);
        }
        modules.computeIfAbsent(type, k -> new Params());
        inputs.add(new InputSpec(type, p, loc));
    }

    private void loadModule(String name, Params params, String loc) {
        String m = name.trim();
        if (m.endsWith(".so")) {
            m = m.substring(0, m.length() - 3);
        }
        if (m.startsWith("builtin:")) {
            m = m.substring(8);
        }
        m = m.toLowerCase(Locale.ROOT);
        if (!MODULES.contains(m)) {
            warn(loc, "unsupported module " + m + " (ignored)");
            return;
        }
        modules.computeIfAbsent(m, k -> new Params()).defaults(params);
        if (LOCAL_INPUTS.contains(m)) {
            inputs.add(new InputSpec(m, new Params(), loc));
        }
    }

    void object(String kind, Params p, List<Params> elements, Source src, int offset) {
        String loc = src.location(offset);
        switch (kind) {
            case "module": {
                String load = p.get("load");
                if (load == null) {
                    throw src.error(offset, "module() needs a load parameter");
                }
                loadModule(load, p.copy().remove("load"), loc);
                return;
            }
            case "input": {
                String type = p.get("type");
                if (type == null) {
                    throw src.error(offset, "input() needs a type parameter");
                }
                type = type.toLowerCase(Locale.ROOT);
                if (INPUTS.contains(type)) {
                    inputs.add(new InputSpec(type, p.copy().remove("type"), loc));
                } else {
                    warn(loc, "unsupported input type " + type + " (ignored)");
                }
                return;
            }
            case "global":
                p.asMap().forEach((k, v) -> {
                    if (GLOBAL_PARAMS.contains(k)) {
                        globals.put(k.startsWith("parser.") ? k.substring(7) : k, p.get(k));
                    } else {
                        warn(loc, "unsupported global parameter '" + k + "' (ignored)");
                    }
                });
                return;
            case "main_queue": mainQueue.defaults(p); return;
            case "template": LegacyTemplates.defineObject(this, p, elements, src, offset); return;
            case "include":
                if (p.get("text") != null) {
                    includes.text(p.get("text"), loc);
                } else if (p.get("file") != null) {
                    includes.include(p.get("file"), "optional".equalsIgnoreCase(p.get("mode")), loc);
                } else {
                    throw src.error(offset, "include() needs a file or text parameter");
                }
                return;
            default:
                warn(loc, "unsupported object " + kind + "() (ignored)");
        }
    }

    /** A RainerScript {@code action(...)}. */
    Statement action(Params p, String location) {
        String type = p.get("type");
        if (type == null) {
            warn(location, "error: action() without a type parameter - action ignored");
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        Params given = p.copy().remove("type");
        String unknown;
        while ((unknown = ActionParameters.unknown(t, given)) != null) {
            warn(location, "unsupported parameter '" + unknown + "' of " + t + " (ignored)");
            given.remove(unknown);
        }
        return pending(new ActionSpec(t, given, location), false);
    }

    /** A legacy action (the text after a selector or property filter). */
    Statement legacyAction(String text, String location) {
        ActionSpec spec;
        try {
            spec = LegacyActions.parse(text, location);
        } catch (UnsupportedOperationException e) {
            warn(location, "unsupported " + e.getMessage() + " (ignored)");
            return null;
        } catch (IllegalArgumentException e) {
            warn(location, "error: " + e.getMessage() + " - action ignored");
            return null;
        }
        if (spec == LegacyActions.DISCARD) {
            nextAction = new Params();
            return new Statements.Stop(location);
        }
        return pending(spec, true);
    }

    private Statement pending(ActionSpec spec, boolean legacy) {
        Params p = spec.params();
        String dflt = spec.type().equals("omfile") ? legacyAction.get("x.filetemplate")
                : spec.type().equals("omfwd") ? legacyAction.get("x.forwardtemplate") : null;
        if (dflt != null && !p.has("template")) {
            p.put("template", dflt);
        }
        p.defaults(legacyAction).remove("x.filetemplate").remove("x.forwardtemplate");
        if (legacy) {
            p.defaults(nextAction);
            nextAction = new Params();
        }
        if (spec.type().equals("omdiscard")) {
            return new Statements.Stop(spec.location());
        }
        return new Pending(spec);
    }
}
