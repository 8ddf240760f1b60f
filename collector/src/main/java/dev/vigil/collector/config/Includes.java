package dev.vigil.collector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $IncludeConfig} and {@code include()}: a file, every file of a directory, or a glob in the last
 * path component, read in name order, nested at most {@value #MAX_DEPTH} deep.
 */
final class Includes {
    static final int MAX_DEPTH = 16;
    private final ConfigBuilder b;
    private int depth;

    Includes(ConfigBuilder b) {
        this.b = b;
    }

    /** Reads the top-level file. */
    void file(Path p) throws IOException {
        parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
    }

    void text(String text, String name) {
        parse(name, text);
    }

    void include(String pattern, boolean optional, String loc) {
        String rewritten = b.options.includePath().apply(pattern.trim());
        List<Path> files;
        try {
            files = expand(rewritten);
        } catch (IOException e) {
            files = List.of();
        }
        if (files.isEmpty() && !optional && !hasGlob(rewritten)) {
            b.warn(loc, "error: could not open include file '" + rewritten + "' - ignored");
            return;
        }
        for (Path f : files) {
            try {
                parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                b.warn(loc, "error: could not read include file '" + f + "': " + e.getMessage() + " - ignored");
            }
        }
    }

    private void parse(String name, String text) {
        if (depth >= MAX_DEPTH) {
            throw new ConfigException(name, 1, 1, "includes nested more than " + MAX_DEPTH + " deep");
        }
        depth++;
        try {
            new ConfigParser(new Source(name, text), b).parse();
        } finally {
            depth--;
        }
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static List<Path> expand(String pattern) throws IOException {
        Path p = Path.of(pattern);
        List<Path> out = new ArrayList<>();
        if (!hasGlob(pattern)) {
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    ds.forEach(f -> {
                        if (Files.isRegularFile(f)) {
                            out.add(f);
                        }
                    });
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        } else {
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                ds.forEach(f -> {
                    if (Files.isRegularFile(f)) {
                        out.add(f);
                    }
                });
            }
        }
        out.sort(null);
        return out;
    }
}
