package dev.vigil.collector.template;

import java.io.IOException;

/** Where a rendered template's bytes go (a file buffer, a socket): valid only during the call. */
@FunctionalInterface
public interface ByteSink {
    void write(byte[] b, int off, int len) throws IOException;
}
