package dev.vigil.collector.config;

import dev.vigil.core.syslog.ParserOptions;

/**
 * Settings that apply to the whole collector, from {@code global(...)}, {@code main_queue(...)} and the
 * legacy directives with the same meaning. Names are rsyslog's {@code global()} parameter names in lower
 * case: {@code maxmessagesize}, {@code workdirectory}, {@code defaultnetstreamdriver},
 * {@code defaultnetstreamdrivercafile}, {@code defaultnetstreamdrivercertfile},
 * {@code defaultnetstreamdriverkeyfile}, {@code umask}, {@code repeatedmsgreduction},
 * {@code privdroptouser}, {@code privdroptogroup}, {@code privdroptouserid}, {@code privdroptogroupid},
 * {@code escapecontrolcharactersonreceive}, {@code controlcharacterescapeprefix},
 * {@code escapecontrolcharactertab}, {@code droptrailinglfonreception}, {@code preservefqdn},
 * {@code localhostname}; the main queue's are {@code queue.*} names in {@link #mainQueue()}.
 */
public final class Globals {
    private final Params values;
    private final Params mainQueue;

    public Globals(Params values, Params mainQueue) {
        this.values = values.copy();
        this.mainQueue = mainQueue.copy();
    }

    /** Every global setting. */
    public Params values() {
        return values;
    }

    /** The main message queue's settings ({@code queue.type}, {@code queue.size},
     * {@code queue.workerthreads}, {@code queue.filename}, ...). */
    public Params mainQueue() {
        return mainQueue;
    }

    /** {@code $MaxMessageSize}: rsyslog's default 8096, at most 1 MiB (k/m suffixes accepted). */
    public int maxMessageSize() {
        String v = values.get("maxmessagesize");
        if (v == null) {
            return ParserOptions.DEFAULT_MAX_MESSAGE_SIZE;
        }
        long n = Sizes.parse(v);
        return (int) Math.max(128, Math.min(n, ParserOptions.LIMIT_MAX_MESSAGE_SIZE));
    }

    /** {@code $WorkDirectory}, or null. */
    public String workDirectory() {
        return values.get("workdirectory");
    }

    /** {@code $DefaultNetstreamDriver} ("ptcp" when unset, "gtls"/"ossl" for TLS). */
    public String defaultNetstreamDriver() {
        return values.get("defaultnetstreamdriver", "ptcp");
    }

    /** {@code $Umask} as an octal number, or -1 when unset. */
    public int umask() {
        String v = values.get("umask");
        return v == null ? -1 : Integer.parseInt(v.trim(), 8);
    }

    @Override
    public String toString() {
        return "Globals" + values + " main_queue" + mainQueue;
    }
}
