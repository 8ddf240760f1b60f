package dev.vigil.collector.config;

import java.util.List;

/**
 * A template as written: legacy {@code $template name,"text"[,option]} or {@code template(...)}.
 *
 * @param name the template's name
 * @param type "string", "list", "subtree" or "plugin"
 * @param string for string templates: the text in rsyslog's template syntax (backslash escapes and
 *     {@code %property:...%} still to be interpreted)
 * @param elements for list templates: each {@code property(...)} or {@code constant(...)}, in order;
 *     the element kind is in the parameter {@code "element"} ("property" or "constant")
 * @param options the other parameters ({@code option.sql}, {@code option.json}, {@code option.jsonf},
 *     {@code option.stdsql}, {@code option.casesensitive})
 * @param location {@code file:line}
 */
public record TemplateSpec(String name, String type, String string, List<Params> elements, Params options,
        String location) {
}
