package dev.vigil.agent.tail;

import dev.vigil.agent.queue.FileState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The files a previous run was following, as the queue remembers them, until the inputs find them again. */
public final class RecoveredFiles {
    private final Map<FileId.Key, FileState> byKey = new HashMap<>();

    public RecoveredFiles(List<FileState> states) {
        for (FileState s : states) {
            byKey.put(new FileId.Key(s.dev(), s.ino()), s);
        }
    }

    /** Takes the state of an inode, or null. */
    public FileState claim(FileId.Key key) {
        return byKey.remove(key);
    }

    /** Takes the state recorded under an input's key (for inputs of one file, when its inode changed), or null. */
    public FileState claimByInput(String input) {
        for (var it = byKey.entrySet().iterator(); it.hasNext(); ) {
            FileState s = it.next().getValue();
            if (s.input().equals(input)) {
                it.remove();
                return s;
            }
        }
        return null;
    }

    /** The states no input found at its paths (renamed or deleted while the agent was stopped), taken. */
    public List<FileState> takeLeftovers() {
        List<FileState> r = new ArrayList<>(byKey.values());
        byKey.clear();
        return r;
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }
}
