package dev.vigil.agent.tail;

import dev.vigil.agent.queue.FileState;

/** Something the agent reads into the queue: files by glob, login records, lastlog. */
public interface Input {
    /** The key its files are recorded under in the queue. */
    String key();

    /** Finds its files before anything is read (so that files of the previous run can be adopted first). */
    default void start(byte[] block) {
    }

    /**
     * Reads what is new, at most a bounded amount, while the queue accepts more.
     *
     * @param block a scratch buffer shared by all inputs
     * @return whether anything was read
     */
    boolean poll(byte[] block);

    /**
     * A file this input followed in the previous run that no path matches now: renamed or deleted while the agent
     * was stopped. Returns true when the input takes it (to finish reading it).
     */
    boolean adopt(FileState leftover);

    /** Closes every file. */
    void close();
}
