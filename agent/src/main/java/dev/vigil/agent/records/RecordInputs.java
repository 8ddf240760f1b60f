package dev.vigil.agent.records;

import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.login.UtmpReader;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.FileInput;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.LineFramer;
import dev.vigil.agent.tail.Multiline;
import dev.vigil.agent.tail.RecoveredFiles;
import java.nio.file.Path;

/** Builds the reader of each input type. */
public final class RecordInputs {
    private RecordInputs() {
    }

    /** The input for one {@code inputs:} entry. */
    public static Input create(InputConfig c, String host, DiskQueue queue, RecoveredFiles recovered,
                               boolean firstRun, Stats stats) {
        String what = String.join(",", c.paths());
        Accounts accounts = new Accounts(Path.of(c.passwd() != null ? c.passwd() : "/etc/passwd"));
        return switch (c.type()) {
            case FILE -> new FileInput(c, host, queue, recovered, () -> new LineFramer(c.maxLineBytes(),
                    c.splitLongLines(), c.multiline() == null ? null : new Multiline(c.multiline(), stats), stats),
                    firstRun, stats);
            case WTMP, BTMP -> new FileInput(c, host, queue, recovered, () -> new RecordFramer(UtmpReader.RECORD_SIZE,
                    new UtmpDecoder(c.type() == dev.vigil.agent.config.InputType.BTMP), what, stats), firstRun, stats);
            case PACCT -> new FileInput(c, host, queue, recovered, () -> new RecordFramer(
                    dev.vigil.agent.acct.AcctReader.RECORD_SIZE, new AcctDecoder(accounts, what, stats), what, stats),
                    firstRun, stats);
            case LASTLOG -> new LastlogInput(c, host, queue, recovered, firstRun, stats);
        };
    }
}
