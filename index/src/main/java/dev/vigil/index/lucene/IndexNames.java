package dev.vigil.index.lucene;

import java.util.regex.Pattern;

/** Index names, as Splunk allows them: lowercase letters, digits, {@code _} and {@code -}, not starting with {@code _} or {@code -}. */
public final class IndexNames {
    /** The longest index name accepted. */
    public static final int MAX_LENGTH = 80;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private IndexNames() {
    }

    /** Returns the name when valid, else throws {@link IllegalArgumentException} saying why. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("index name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("index name length " + name.length() + " exceeds the maximum " + MAX_LENGTH);
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("index name '" + name
                    + "' must use lowercase letters, digits, '_' and '-', and start with a letter or digit");
        }
        return name;
    }

    /** True when the name is valid. */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }
}
