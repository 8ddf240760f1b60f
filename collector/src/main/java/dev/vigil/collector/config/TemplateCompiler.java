package dev.vigil.collector.config;

import dev.vigil.collector.template.Escaping;
import dev.vigil.collector.template.Part;
import dev.vigil.collector.template.PropertyPart;
import dev.vigil.collector.template.PropertySpec;
import dev.vigil.collector.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns {@link TemplateSpec}s into the template package's {@link Template}s. */
final class TemplateCompiler {
    private TemplateCompiler() {
    }

    /** @throws IllegalArgumentException naming the problem (unknown property, bad regex, bad option) */
    static Template compile(TemplateSpec t) {
        Params o = t.options();
        Escaping esc = o.getBool("option.sql", false) ? Escaping.SQL
                : o.getBool("option.stdsql", false) ? Escaping.STDSQL
                : o.getBool("option.json", false) ? Escaping.JSON : Escaping.NONE;
        for (String k : o.asMap().keySet()) {
            if (!List.of("option.sql", "option.stdsql", "option.json", "option.jsonf", "option.casesensitive")
                    .contains(k)) {
                throw new IllegalArgumentException("unknown template parameter '" + k + "'");
            }
        }
        if (t.type().equals("string")) {
            return Template.fromString(t.name(), t.string(), esc);
        }
        List<Part> parts = new ArrayList<>();
        for (Params e : t.elements()) {
            if (e.get("element").equals("constant")) {
                String v = e.get("value");
                if (v == null) {
                    throw new IllegalArgumentException("constant() needs a value parameter");
                }
                parts.add(new Part.Constant(v));
            } else {
                parts.add(new PropertyPart(property(e)));
            }
        }
        return new Template(t.name(), parts, esc, o.getBool("option.jsonf", false));
    }

    private static PropertySpec property(Params e) {
        String name = e.get("name");
        if (name == null) {
            throw new IllegalArgumentException("property() needs a name parameter");
        }
        PropertySpec s = new PropertySpec(name);
        for (var entry : e.asMap().entrySet()) {
            String k = entry.getKey();
            String v = e.get(k);
            String lv = v.toLowerCase(Locale.ROOT);
            switch (k) {
                case "name": case "element": break;
                case "outname": s.outName = v; break;
                case "format":
                    s.format = switch (lv) {
                        case "csv" -> PropertySpec.Format.CSV;
                        case "json" -> PropertySpec.Format.JSON;
                        case "jsonf" -> PropertySpec.Format.JSONF;
                        case "jsonr" -> PropertySpec.Format.JSONR;
                        default -> throw new IllegalArgumentException("unknown format '" + v + "'");
                    };
                    break;
                case "position.from": s.from = Integer.parseInt(v); break;
                case "position.to":
                    s.to = Integer.parseInt(v);
                    break;
                case "position.relativetoend": break;
                case "field.number": s.fieldNumber = Integer.parseInt(v); break;
                case "field.delimiter": s.fieldDelimiter = String.valueOf((char) Integer.parseInt(v)); break;
                case "dateformat": case "date.format": s.option("date-" + lv); break;
                case "date.inutc": s.dateUtc = e.getBool(k, false); break;
                case "caseconversion": s.option(lv.equals("upper") ? "uppercase" : "lowercase"); break;
                case "controlcharacters": s.option(lv + "-cc"); break;
                case "securepath": s.option("secpath-" + lv); break;
                case "droplastlf": s.dropLastLf = e.getBool(k, false); break;
                case "spifno1stsp": s.spIfNo1stSp = e.getBool(k, false); break;
                case "fixedwidth": s.fixedWidth = e.getBool(k, false); break;
                case "mandatory": s.mandatory = e.getBool(k, false); break;
                case "regex.expression": s.regex = v; break;
                case "regex.type": s.regexExtended = lv.equals("ere"); break;
                case "regex.submatch": s.regexSubmatch = Integer.parseInt(v); break;
                case "regex.match": s.regexMatch = Integer.parseInt(v); break;
                case "regex.nomatchmode":
                    s.noMatch = PropertySpec.NoMatch.valueOf(lv.equals("dflt") ? "DFLT" : lv.toUpperCase(Locale.ROOT));
                    break;
                default: throw new IllegalArgumentException("unknown property() parameter '" + k + "'");
            }
        }
        return s;
    }
}
