package dev.vigil.agent.tail;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * An absolute path pattern ({@code /var/log/httpd/*log}, {@code /opt/zeek/logs/current/*.log},
 * {@code /srv/**}{@code /app.log}) listed by walking from its longest directory prefix without wildcards, only as
 * deep as the pattern reaches. Unreadable directories are skipped; names matching an exclusion are left out.
 */
public final class Glob {
    private static final int MAX_DEPTH = 16;

    private final String pattern;
    private final Path base;
    private final int depth;
    private final PathMatcher matcher;
    private final List<PathMatcher> exclude = new ArrayList<>();

    public Glob(String pattern, List<String> excludeNames) {
        this.pattern = pattern;
        String[] parts = pattern.split("/");
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < parts.length - 1 && !wild(parts[i]); i++) {
            b.append(parts[i]).append('/');
        }
        this.base = Path.of(b.length() == 0 ? "/" : b.toString());
        this.depth = pattern.contains("**") ? MAX_DEPTH : parts.length - i;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        for (String e : excludeNames) {
            exclude.add(FileSystems.getDefault().getPathMatcher("glob:" + e));
        }
    }

    static boolean wild(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** Whether a file name is excluded. */
    public boolean excluded(Path name) {
        for (PathMatcher m : exclude) {
            if (m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** The paths that match now, in name order. */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        if (!wild(pattern)) {
            Path p = Path.of(pattern);
            if (Files.exists(p) && !excluded(p.getFileName())) {
                out.add(p);
            }
            return out;
        }
        if (!Files.isDirectory(base)) {
            return out;
        }
        try {
            Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory() && matcher.matches(file) && !excluded(file.getFileName())) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the base vanished while listing: nothing matches now
        }
        out.sort(null);
        return out;
    }
}
