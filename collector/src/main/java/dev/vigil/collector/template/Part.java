package dev.vigil.collector.template;

import dev.vigil.core.event.Event;

/** One piece of a template: constant text or a property with its replacer options. */
public interface Part {
    /** Renders this part of {@code e} into {@code out}; {@code escape} is the template-level escaping. */
    void render(Event e, OutBuffer out, Escaping escape);

    /** The constant text of the part, or null for a property. */
    default String constant() {
        return null;
    }

    /** A literal piece of template text. */
    record Constant(String text, byte[] bytes) implements Part {
        public Constant(String text) {
            this(text, dev.vigil.core.syslog.SyslogText.encode(text));
        }

        @Override
        public void render(Event e, OutBuffer out, Escaping escape) {
            out.append(bytes);
        }

        @Override
        public String constant() {
            return text;
        }
    }
}
