package dev.vigil.sensor.conn;

import java.util.Arrays;

/**
 * The connection timers, a binary min-heap ordered by (due time, insertion sequence) held in
 * parallel primitive arrays: no object per timer and no comparator calls. Ties fire in insertion
 * order, as Zeek's timer manager does.
 */
final class TimerQueue {
    private double[] due = new double[1024];
    private long[] seq = new long[1024];
    private Conn[] conn = new Conn[1024];
    /** kind in the low 8 bits, generation above. */
    private long[] what = new long[1024];
    private int size;
    private long nextSeq;
    /** The heap is purged of dead timers when it grows past this (see {@link #purge()}). */
    private int purgeAt = 1 << 16;

    /** What {@link #poll()} removed. */
    double polledDue;
    Conn polledConn;
    int polledKind;
    int polledGen;

    int size() {
        return size;
    }

    /** The due time of the earliest timer; only valid when {@code size() > 0}. */
    double peekDue() {
        return due[0];
    }

    void add(double t, Conn c, int kind, int gen) {
        if (size >= purgeAt) {
            purge();
        }
        if (size == due.length) {
            int n = size * 2;
            due = Arrays.copyOf(due, n);
            seq = Arrays.copyOf(seq, n);
            conn = Arrays.copyOf(conn, n);
            what = Arrays.copyOf(what, n);
        }
        long s = nextSeq++;
        long w = ((long) gen << 8) | kind;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            double pt = due[parent];
            if (pt < t || (pt == t && seq[parent] < s)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, t, s, c, w);
    }

    /** Removes the earliest timer into the {@code polled*} fields. */
    void poll() {
        polledDue = due[0];
        polledConn = conn[0];
        polledKind = (int) (what[0] & 0xff);
        polledGen = (int) (what[0] >> 8);
        int last = --size;
        double t = due[last];
        long s = seq[last];
        Conn c = conn[last];
        long w = what[last];
        conn[last] = null;
        if (last == 0) {
            return;
        }
        set(0, t, s, c, w);
        siftDown(0);
    }

    /**
     * Drops the timers that can no longer do anything (their connection is gone, or an inactivity
     * timer was superseded) and rebuilds the heap. Zeek cancels a connection's timers when it is
     * removed; here they are dropped in bulk whenever the heap has doubled, keeping it about as
     * large as the live timers while each add stays O(log n) amortized.
     */
    private void purge() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Conn c = conn[i];
            int kind = (int) (what[i] & 0xff);
            int gen = (int) (what[i] >> 8);
            if (c.removed || (kind == ConnTable.T_INACTIVITY && gen != c.inactivityGen)) {
                continue;
            }
            move(i, n++);
        }
        Arrays.fill(conn, n, size, null);
        size = n;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
        purgeAt = Math.max(1 << 16, 2 * n);
    }

    private void siftDown(int i) {
        double t = due[i];
        long s = seq[i];
        Conn c = conn[i];
        long w = what[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && (due[right] < due[child] || (due[right] == due[child] && seq[right] < seq[child]))) {
                child = right;
            }
            if (t < due[child] || (t == due[child] && s < seq[child])) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, t, s, c, w);
    }

    void clear() {
        Arrays.fill(conn, 0, size, null);
        size = 0;
    }

    private void move(int from, int to) {
        due[to] = due[from];
        seq[to] = seq[from];
        conn[to] = conn[from];
        what[to] = what[from];
    }

    private void set(int i, double t, long s, Conn c, long w) {
        due[i] = t;
        seq[i] = s;
        conn[i] = c;
        what[i] = w;
    }
}
