package dev.vigil.agent.queue;

import java.util.List;

/** Test access to the queue's helpers from other packages. */
public final class DiskQueueTestAccess {
    private DiskQueueTestAccess() {
    }

    /** Every event's text not yet handed out. */
    public static List<String> drain(DiskQueue q) throws Exception {
        return DiskQueueTest.drain(q);
    }
}
