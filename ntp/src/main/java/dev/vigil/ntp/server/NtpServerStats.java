package dev.vigil.ntp.server;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the server: every datagram is received, then replied, kissed, ignored or rate-dropped. */
public final class NtpServerStats {
    final LongAdder replied = new LongAdder();
    final LongAdder kod = new LongAdder();
    final LongAdder ignored = new LongAdder();
    final LongAdder rateDropped = new LongAdder();

    /** Datagrams received: the sum of the four outcomes (one counter less on the hot path). */
    public long received() {
        return replied() + kissOfDeath() + ignored() + rateDropped();
    }

    public long replied() {
        return replied.sum();
    }

    public long kissOfDeath() {
        return kod.sum();
    }

    public long ignored() {
        return ignored.sum();
    }

    public long rateDropped() {
        return rateDropped.sum();
    }

    @Override
    public String toString() {
        return "received=" + received() + " replied=" + replied() + " kod=" + kissOfDeath() + " ignored="
                + ignored() + " rateDropped=" + rateDropped();
    }
}
