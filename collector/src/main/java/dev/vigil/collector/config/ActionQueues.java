package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.forward.DiskQueue;
import dev.vigil.collector.action.forward.QueueableAction;
import dev.vigil.collector.action.forward.MemoryQueue;
import dev.vigil.collector.action.forward.QueuedForwardAction;
import dev.vigil.collector.action.forward.RecordQueue;
import dev.vigil.collector.action.forward.ResumingAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Wraps a forwarding or database action in the queue its {@code queue.*} and {@code action.resume*}
 * parameters ask for: none for Direct (with rsyslog's suspend-and-retry, {@link ResumingAction}), a memory queue for LinkedList / FixedArray, a durable disk queue when a
 * {@code queue.filename} is given (rsyslog's disk-assisted queue; Vigil keeps every queued message on
 * disk, which is what rsyslog does once its memory part is full or at shutdown with saveOnShutdown).
 */
final class ActionQueues {
    private ActionQueues() {
    }

    static Action wrap(QueueableAction a, Params p, ActionContext ctx) {
        String type = p.get("queue.type", "direct").toLowerCase(Locale.ROOT);
        long resume = p.getLong("action.resumeinterval", 30) * 1000;
        long retries = p.getLong("action.resumeretrycount", 0);
        if (type.equals("direct")) {
            // rsyslog holds what a retrying direct action has not sent in its main queue: as many
            int hold = (int) Math.min(Integer.MAX_VALUE, ctx.globals().mainQueue().getLong("queue.size", 100_000));
            return new ResumingAction(a, resume, p.getLong("action.resumeintervalmax", 1800) * 1000, retries, hold,
                    ctx.options().warnings()::accept);
        }
        if (!type.equals("linkedlist") && !type.equals("fixedarray") && !type.equals("disk")) {
            throw new IllegalArgumentException("unknown queue.type '" + p.get("queue.type") + "'");
        }
        String file = p.get("queue.filename");
        RecordQueue q;
        String work = ctx.globals().workDirectory();
        if (file != null && work == null) {
            ctx.warn("queue.filename '" + file + "' without $WorkDirectory: " + a.describe()
                    + " gets a memory queue, which does not survive a restart");
            file = null;
        }
        if (file != null) {
            long max = p.has("queue.maxdiskspace") ? Sizes.parse(p.get("queue.maxdiskspace")) : Long.MAX_VALUE;
            try {
                q = new DiskQueue(Path.of(ctx.options().outputPath().apply(work)).resolve(file + ".vq"),
                        // an SQL statement can be several times the message (escaping, columns)
                        Math.max(1 << 20, 4 * ctx.globals().maxMessageSize()), max);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot open the queue " + file + ": " + e.getMessage(), e);
            }
        } else {
            q = new MemoryQueue((int) p.getLong("queue.size", 1000));
        }
        return new QueuedForwardAction(a, q, resume, retries, ctx.options().warnings()::accept);
    }
}
