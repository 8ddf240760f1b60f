package dev.vigil.agent.login;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link UtmpReader} found in one file.
 *
 * @param path      the file
 * @param records   the complete records, in file order
 * @param problems  what was skipped and why (a truncated trailing record), one sentence each
 * @param size      the file's size when read
 * @param endOffset where the last complete record ends: the offset to resume reading from
 */
public record UtmpFile(Path path, List<UtmpRecord> records, List<String> problems, long size, long endOffset) {
}
