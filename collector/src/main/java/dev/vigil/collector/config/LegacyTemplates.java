package dev.vigil.collector.config;

import java.util.List;
import java.util.Locale;

/** Reads template definitions: legacy {@code $template name,"text"[,options]} and {@code template(...)}. */
final class LegacyTemplates {
    private LegacyTemplates() {
    }

    static void define(ConfigBuilder b, String value, String loc) {
        int comma = value.indexOf(',');
        if (comma < 0) {
            b.warn(loc, "error: $template needs name,\"text\" - template ignored");
            return;
        }
        String name = value.substring(0, comma).trim();
        String rest = value.substring(comma + 1).trim();
        if (rest.startsWith("=")) {
            b.warn(loc, "unsupported template type " + rest + " (ignored)");
            return;
        }
        if (!rest.startsWith("\"")) {
            b.warn(loc, "error: $template " + name + ": expected a quoted template text - template ignored");
            return;
        }
        int i = 1;
        // the text stays escaped: the template parser interprets rsyslog's backslash sequences
        while (i < rest.length() && rest.charAt(i) != '"') {
            i += rest.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= rest.length()) {
            b.warn(loc, "error: $template " + name + ": missing closing '\"' - template ignored");
            return;
        }
        String text = rest.substring(1, i);
        Params options = new Params();
        for (String opt : rest.substring(i + 1).split(",")) {
            String o = opt.trim().toLowerCase(Locale.ROOT);
            if (o.isEmpty()) {
                continue;
            }
            switch (o) {
                case "sql": case "stdsql": case "json": case "jsonf": case "casesensitive":
                    options.put("option." + o, "on");
                    break;
                default:
                    b.warn(loc, "unsupported template option '" + o + "' (ignored)");
            }
        }
        add(b, new TemplateSpec(name, "string", rewrite(b, text), List.of(), options, loc));
    }

    static void defineObject(ConfigBuilder b, Params p, List<Params> elements, Source src, int offset) {
        String loc = src.location(offset);
        String name = p.get("name");
        String type = p.get("type");
        if (name == null || type == null) {
            throw src.error(offset, "template() needs name and type parameters");
        }
        type = type.toLowerCase(Locale.ROOT);
        Params options = p.copy().remove("name").remove("type").remove("string");
        switch (type) {
            case "string":
                if (p.get("string") == null) {
                    b.warn(loc, "error: template '" + name + "' of type string needs string parameter - template ignored");
                    return;
                }
                add(b, new TemplateSpec(name, type, rewrite(b, p.get("string")), List.of(), options, loc));
                return;
            case "list":
                add(b, new TemplateSpec(name, type, null, List.copyOf(elements), options, loc));
                return;
            default:
                b.warn(loc, "unsupported template type '" + type + "' (ignored)");
        }
    }

    private static void add(ConfigBuilder b, TemplateSpec t) {
        if (b.templates.containsKey(t.name())) {
            b.warn(t.location(), "error: template '" + t.name() + "' defined twice - the first definition is used");
            return;
        }
        b.templates.put(t.name(), t);
    }

    /** Dynamic file names are templates starting with '/': rewritten like output paths. */
    private static String rewrite(ConfigBuilder b, String text) {
        return text.startsWith("/") ? b.options.outputPath().apply(text) : text;
    }
}
