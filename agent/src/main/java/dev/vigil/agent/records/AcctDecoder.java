package dev.vigil.agent.records;

import dev.vigil.agent.acct.AcctReader;
import dev.vigil.agent.acct.AcctRecord;
import dev.vigil.agent.stats.Stats;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Process accounting records (Linux acct v3) as command-execution events; records of another version are
 * counted as errors and skipped.
 */
final class AcctDecoder implements RecordFramer.Decoder {
    /** AHZ of acct v3 times on Linux. */
    private static final int AHZ = 100;

    private final Accounts accounts;
    private final Stats stats;
    private final String what;
    private boolean reported;

    AcctDecoder(Accounts accounts, String what, Stats stats) {
        this.accounts = accounts;
        this.what = what;
        this.stats = stats;
    }

    @Override
    public byte[] decode(ByteBuffer record, long offset) {
        int version = record.get(1) & 0xff;
        if (version != AcctReader.VERSION) {
            stats.errors.inc();
            if (!reported) {
                reported = true;
                stats.warn(what + ": record at offset " + offset + " has version " + version
                        + ", not 3: skipped (and any more like it)");
            }
            return null;
        }
        AcctRecord r = AcctReader.decode(record, 0, offset);
        StringBuilder flags = new StringBuilder();
        flag(flags, r, AcctRecord.AFORK, "fork");
        flag(flags, r, AcctRecord.ASU, "su");
        flag(flags, r, AcctRecord.ACORE, "core");
        flag(flags, r, AcctRecord.AXSIG, "signal");
        return new KvBody(r.startTime()).put("action", "exec").put("command", r.command())
                .put("user", accounts.name(r.uid())).put("uid", r.uid()).put("gid", r.gid())
                .put("pid", r.pid()).put("ppid", r.ppid()).put("tty", r.tty() == 0 ? "" : Integer.toString(r.tty()))
                .put("elapsed", String.format(Locale.ROOT, "%.2f", r.etime() / AHZ))
                .put("cpu", String.format(Locale.ROOT, "%.2f", r.cpuSeconds(AHZ)))
                .put("exit", r.exitCode()).put("flags", flags.toString()).bytes();
    }

    private static void flag(StringBuilder sb, AcctRecord r, int bit, String name) {
        if ((r.flags() & bit) != 0) {
            sb.append(sb.length() > 0 ? "," : "").append(name);
        }
    }
}
