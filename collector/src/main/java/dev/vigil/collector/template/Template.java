package dev.vigil.collector.template;

import dev.vigil.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An rsyslog template: a sequence of constant text and properties, with a template-level escaping
 * option. Immutable and thread-safe.
 */
public final class Template {
    private final String name;
    private final List<Part> parts;
    private final Escaping escaping;
    private final boolean jsonContainer;

    public Template(String name, List<Part> parts, Escaping escaping, boolean jsonContainer) {
        this.name = Objects.requireNonNull(name);
        this.parts = List.copyOf(parts);
        this.escaping = escaping;
        this.jsonContainer = jsonContainer;
    }

    /**
     * Reads rsyslog's string syntax (legacy {@code $template} and {@code template(type="string")}):
     * backslash escapes and {@code %property:from:to:options%}.
     *
     * @throws IllegalArgumentException with the position and reason when the text is malformed
     */
    public static Template fromString(String name, String text, Escaping escaping) {
        return new Template(name, TemplateStringParser.parse(text), escaping, false);
    }

    public String name() {
        return name;
    }

    public List<Part> parts() {
        return parts;
    }

    public Escaping escaping() {
        return escaping;
    }

    /**
     * Renders {@code e} into {@code out}. Several actions commonly share one template (five files in
     * RSYSLOG_FileFormat): the last rendering per thread is kept, so the same event renders once.
     */
    public void render(Event e, OutBuffer out) {
        RenderCache c = cache;
        if (c == null || c.owner != Thread.currentThread()) {
            // the cache belongs to the thread that uses this template most (the main queue's worker);
            // other threads render without it
            if (c == null) {
                cache = new RenderCache(Thread.currentThread());
            }
            renderParts(e, out);
            return;
        }
        if (c.event == e) {
            out.append(c.bytes, 0, c.len);
            return;
        }
        int start = out.length();
        renderParts(e, out);
        c.store(e, out.array(), start, out.length() - start);
    }

    /**
     * Renders {@code e} and hands the bytes to {@code sink}, with one copy less than
     * {@link #render(Event, OutBuffer)}: a rendering cached by an earlier action goes straight to the sink.
     * {@code scratch} is reset and used when the template has to be rendered.
     */
    public void writeTo(Event e, OutBuffer scratch, ByteSink sink) throws java.io.IOException {
        RenderCache c = cache;
        if (c != null && c.owner == Thread.currentThread() && c.event == e) {
            sink.write(c.bytes, 0, c.len);
            return;
        }
        scratch.reset();
        render(e, scratch);
        sink.write(scratch.array(), 0, scratch.length());
    }

    private void renderParts(Event e, OutBuffer out) {
        if (jsonContainer) {
            renderJsonContainer(e, out);
        } else {
            for (Part p : parts) {
                p.render(e, out, escaping);
            }
        }
    }

    private volatile RenderCache cache;

    /** The last event rendered by this template on its owner thread, and its bytes. */
    private static final class RenderCache {
        final Thread owner;
        Event event;
        byte[] bytes = new byte[512];
        int len;

        RenderCache(Thread owner) {
            this.owner = owner;
        }

        void store(Event e, byte[] src, int off, int n) {
            if (n > bytes.length) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            System.arraycopy(src, off, bytes, 0, n);
            len = n;
            event = e;
        }
    }

    /**
     * option.jsonf: the jsonf parts joined into one JSON object, constants ignored, written as rsyslog
     * writes it: fields separated by {@code ", "} and the object ended by a newline.
     */
    private void renderJsonContainer(Event e, OutBuffer out) {
        out.append((byte) '{');
        boolean first = true;
        for (Part p : parts) {
            if (p instanceof PropertyPart pp) {
                if (!first) {
                    out.append((byte) ',').append((byte) ' ');
                }
                first = false;
                out.append(pp.value(e));
            }
        }
        out.append((byte) '}').append((byte) '\n');
    }

    /** A list template ({@code template(type="list")}) from its parts; {@code jsonf} is option.jsonf. */
    public static Template fromList(String name, List<Part> parts, Escaping escaping, boolean jsonf) {
        return new Template(name, parts, escaping, jsonf);
    }

    /** Renders {@code e} as a string. */
    public String render(Event e) {
        OutBuffer out = new OutBuffer();
        render(e, out);
        return out.toString();
    }

    /** The names of the properties this template uses. */
    public List<String> properties() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof PropertyPart pp) {
                out.add(pp.name());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Template[" + name + "]";
    }
}
