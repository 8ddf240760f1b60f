package dev.vigil.collector.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How to load a configuration: where warnings go, and rewrites tests and tools use to run a
 * configuration unchanged in a sandbox (output paths into a temporary directory, forward targets to a
 * capture listener), and which factory turns action specifications into actions.
 */
public final class LoaderOptions {
    private Consumer<String> warnings = s -> { };
    private UnaryOperator<String> outputPath = UnaryOperator.identity();
    private UnaryOperator<String> includePath = UnaryOperator.identity();
    private UnaryOperator<String> forwardTarget = UnaryOperator.identity();
    private ActionFactory actionFactory = new DefaultActionFactory();
    private String utmpPath = "/var/run/utmp";
    private String ttyDirectory = "/dev";

    public static LoaderOptions defaults() {
        return new LoaderOptions();
    }

    /** Receives every warning and ignored error as one line {@code file:line: ...}. */
    public LoaderOptions warnings(Consumer<String> w) {
        warnings = Objects.requireNonNull(w);
        return this;
    }

    /**
     * Rewrites absolute output paths: file actions, and string templates starting with '/' (dynamic
     * file names), exactly where the rsyslog oracle rewrites them.
     */
    public LoaderOptions outputPath(UnaryOperator<String> f) {
        outputPath = Objects.requireNonNull(f);
        return this;
    }

    /** Rewrites {@code $IncludeConfig} / {@code include(file=)} paths and globs before they are read. */
    public LoaderOptions includePath(UnaryOperator<String> f) {
        includePath = Objects.requireNonNull(f);
        return this;
    }

    /** Rewrites forward targets given as {@code host:port} (IPv6 hosts in brackets); returns the same form. */
    public LoaderOptions forwardTarget(UnaryOperator<String> f) {
        forwardTarget = Objects.requireNonNull(f);
        return this;
    }

    /** The factory that creates actions (tests may wrap the default one). */
    public LoaderOptions actionFactory(ActionFactory f) {
        actionFactory = Objects.requireNonNull(f);
        return this;
    }

    /** Where omusrmsg finds logged-in users (default /var/run/utmp) and their terminals (default /dev). */
    public LoaderOptions utmp(String utmpFile, String ttyDir) {
        utmpPath = utmpFile;
        ttyDirectory = ttyDir;
        return this;
    }

    public Consumer<String> warnings() {
        return warnings;
    }

    public UnaryOperator<String> outputPath() {
        return outputPath;
    }

    public UnaryOperator<String> includePath() {
        return includePath;
    }

    public UnaryOperator<String> forwardTarget() {
        return forwardTarget;
    }

    public ActionFactory actionFactory() {
        return actionFactory;
    }

    public String utmpPath() {
        return utmpPath;
    }

    public String ttyDirectory() {
        return ttyDirectory;
    }
}
