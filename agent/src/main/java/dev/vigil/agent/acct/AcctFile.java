package dev.vigil.agent.acct;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AcctReader} found in one file.
 *
 * @param path      the file
 * @param records   the complete v3 records, in file order (oldest first)
 * @param problems  what was skipped and why
 * @param endOffset where the last complete record ends: the offset to resume reading from
 */
public record AcctFile(Path path, List<AcctRecord> records, List<String> problems, long endOffset) {
}
