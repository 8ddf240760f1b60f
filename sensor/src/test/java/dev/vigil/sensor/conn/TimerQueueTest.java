package dev.vigil.sensor.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Timers fire by due time, ties in insertion order, like a plain priority queue; purged timers are only dead ones. */
class TimerQueueTest {
    private record Ref(double t, long seq, Conn c, int kind, int gen) {
    }

    @Test
    void firesInDueThenInsertionOrderAcrossPurges() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("TimerQueueTest seed: -Dtests.seed=" + seed);
        Random r = new Random(seed);
        UidGenerator uids = UidGenerator.random();
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            conns.add(new Conn(uids, 6, 0));
        }
        TimerQueue q = new TimerQueue();
        PriorityQueue<Ref> ref = new PriorityQueue<>((a, b) -> a.t != b.t ? Double.compare(a.t, b.t) : Long.compare(a.seq, b.seq));
        long seq = 0;
        double now = 0;
        for (int round = 0; round < 300_000; round++) {
            if (r.nextInt(3) > 0) {
                double t = now + r.nextInt(50); // many ties
                Conn c = conns.get(r.nextInt(conns.size()));
                int kind = r.nextInt(4);
                int gen = kind == ConnTable.T_INACTIVITY ? c.inactivityGen : r.nextInt(5);
                q.add(t, c, kind, gen);
                ref.add(new Ref(t, seq++, c, kind, gen));
            } else {
                pollAndCompare(q, ref);
                now = q.size() > 0 ? q.peekDue() : now;
            }
            if (round == 150_000) { // connections removed: their timers may be purged, never fired
                for (int i = 0; i < conns.size(); i += 2) {
                    conns.get(i).removed = true;
                }
            }
        }
        while (q.size() > 0 || !ref.isEmpty()) {
            pollAndCompare(q, ref);
        }
    }

    private static void pollAndCompare(TimerQueue q, PriorityQueue<Ref> ref) {
        Ref e;
        do {
            e = ref.poll();
        } while (e != null && e.c.removed);
        boolean got = false;
        while (q.size() > 0) {
            q.poll();
            if (!q.polledConn.removed) {
                got = true;
                break;
            }
        }
        if (got != (e != null) || (e != null && (q.polledDue != e.t || q.polledConn != e.c
                || q.polledKind != e.kind || q.polledGen != e.gen))) {
            throw new AssertionError("expected " + e + ", got " + (got ? q.polledDue + " kind " + q.polledKind
                    + " gen " + q.polledGen : "nothing"));
        }
    }
}
