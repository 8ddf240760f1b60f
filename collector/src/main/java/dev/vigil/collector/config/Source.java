package dev.vigil.collector.config;

import java.util.Arrays;

/** The text of one configuration file and the mapping from offsets to line:column. */
final class Source {
    final String name;
    final String text;
    private final int[] lineStarts;

    Source(String name, String text) {
        this.name = name;
        this.text = text;
        int[] starts = new int[64];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        lineStarts = Arrays.copyOf(starts, n);
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** {@code file:line}. */
    String location(int offset) {
        return name + ":" + line(offset);
    }

    ConfigException error(int offset, String reason) {
        return new ConfigException(name, line(offset), column(offset), reason);
    }
}
