package dev.vigil.sensor.conn;

import java.util.Arrays;

/**
 * The connection timers, a binary min-heap ordered by (due time, insertion sequence). Each timer
 * lives in a slot of parallel primitive arrays, written once; the heap itself moves only slot
 * numbers, so sifting stores no references and allocates nothing. Ties fire in insertion order, as
 * Zeek's timer manager does.
 */
final class TimerQueue {
    private int[] heap = new int[1024];
    private double[] due = new double[1024];
    private long[] seq = new long[1024];
    private Conn[] conn = new Conn[1024];
    /** kind in the low 8 bits, generation above. */
    private long[] what = new long[1024];
    /** Free slots, a stack. */
    private int[] free = new int[1024];
    private int freeCount;
    private int slots;
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
        return due[heap[0]];
    }

    void add(double t, Conn c, int kind, int gen) {
        if (size >= purgeAt) {
            purge();
        }
        int slot = allocate();
        due[slot] = t;
        long s = nextSeq++;
        seq[slot] = s;
        conn[slot] = c;
        what[slot] = ((long) gen << 8) | kind;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int ps = heap[parent];
            double pt = due[ps];
            if (pt < t || (pt == t && seq[ps] < s)) {
                break;
            }
            heap[i] = ps;
            i = parent;
        }
        heap[i] = slot;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slots == due.length) {
            int n = slots * 2;
            due = Arrays.copyOf(due, n);
            seq = Arrays.copyOf(seq, n);
            conn = Arrays.copyOf(conn, n);
            what = Arrays.copyOf(what, n);
            free = Arrays.copyOf(free, n);
        }
        return slots++;
    }

    private void release(int slot) {
        conn[slot] = null;
        free[freeCount++] = slot;
    }

    /** Removes the earliest timer into the {@code polled*} fields. */
    void poll() {
        int top = heap[0];
        polledDue = due[top];
        polledConn = conn[top];
        polledKind = (int) (what[top] & 0xff);
        polledGen = (int) (what[top] >> 8);
        release(top);
        int last = heap[--size];
        if (size > 0) {
            siftDown(0, last);
        }
    }

    /** Places {@code slot} at heap position {@code i} or below. */
    private void siftDown(int i, int slot) {
        double t = due[slot];
        long s = seq[slot];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int cs = heap[child];
            int right = child + 1;
            if (right < size) {
                int rs = heap[right];
                if (due[rs] < due[cs] || (due[rs] == due[cs] && seq[rs] < seq[cs])) {
                    child = right;
                    cs = rs;
                }
            }
            if (t < due[cs] || (t == due[cs] && s < seq[cs])) {
                break;
            }
            heap[i] = cs;
            i = child;
        }
        heap[i] = slot;
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
            int slot = heap[i];
            Conn c = conn[slot];
            int kind = (int) (what[slot] & 0xff);
            int gen = (int) (what[slot] >> 8);
            if (c.removed || (kind == ConnTable.T_INACTIVITY && gen != c.inactivityGen)) {
                release(slot);
            } else {
                heap[n++] = slot;
            }
        }
        size = n;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        purgeAt = Math.max(1 << 16, 2 * n);
    }

    void clear() {
        Arrays.fill(conn, null);
        size = 0;
        slots = 0;
        freeCount = 0;
    }
}
