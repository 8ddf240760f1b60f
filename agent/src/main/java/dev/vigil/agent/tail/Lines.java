package dev.vigil.agent.tail;

/** Finding line feeds. */
final class Lines {
    private Lines() {
    }

    /**
     * The index of the first '\n' in b[from, to), or -1. A plain loop: once compiled it runs at about a byte a
     * cycle, far more than any log needs, and before compilation it is still quick (word-at-a-time tricks through
     * VarHandles are hundreds of times slower than this until the JIT has warmed up, which a freshly restarted
     * agent catching up on a backlog feels).
     */
    static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
