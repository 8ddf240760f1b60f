package dev.vigil.collector.config;

import dev.vigil.collector.template.Template;

/** What an {@link ActionFactory} may look up while creating an action. */
public interface ActionContext {
    /** A user-defined or built-in template by name (case-sensitive, as rsyslog), or null. */
    Template template(String name);

    /** The parameters of a loaded module ({@code module(load="builtin:omfile" template=...)}), never null. */
    Params module(String name);

    /** The global settings read so far. */
    Globals globals();

    /** The loader's options (rewrites, utmp location). */
    LoaderOptions options();

    /** Reports a warning for this action. */
    void warn(String message);
}
