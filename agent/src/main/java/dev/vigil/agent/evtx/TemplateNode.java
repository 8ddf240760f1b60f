package dev.vigil.agent.evtx;

import java.util.List;

/** Binary XML as parsed, before substitution: elements, text, substitution slots and template instances. */
sealed interface TemplateNode {
    /** An element with its attributes (each a list of value nodes) and children. */
    record Element(String name, List<Attribute> attributes, List<TemplateNode> children) implements TemplateNode {
    }

    /** One attribute: name and the nodes of its value. */
    record Attribute(String name, List<TemplateNode> value) {
    }

    /** Literal text. */
    record Text(String text) implements TemplateNode {
    }

    /** A NormalSubstitution (0x0d) or OptionalSubstitution (0x0e) slot. */
    record Substitution(int id, int type, boolean optional) implements TemplateNode {
    }

    /** A TemplateInstance (0x0c): a template body and the values for its slots. */
    record Instance(List<TemplateNode> template, List<Value> values) implements TemplateNode {
    }

    /**
     * A substitution value: its type, its text, for BinXml (0x21) values the parsed fragment, and for array
     * types (0x80 bit) the elements.
     */
    record Value(int type, String text, List<TemplateNode> binXml, List<String> items) {
        Value(int type, String text, List<TemplateNode> binXml) {
            this(type, text, binXml, null);
        }

        boolean isNull() {
            return type == ValueTypes.NULL || (binXml == null && text.isEmpty());
        }
    }
}
