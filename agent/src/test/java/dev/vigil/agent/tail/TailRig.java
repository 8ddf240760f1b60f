package dev.vigil.agent.tail;

import dev.vigil.agent.Readers;
import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.records.RecordInputs;
import dev.vigil.agent.stats.Stats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Inputs reading into a real queue in a temporary directory, driven pass by pass or by the readers' thread. */
final class TailRig implements AutoCloseable {
    final QueueSettings qs;
    final List<InputConfig> configs;
    Stats stats;
    DiskQueue queue;
    Readers readers;
    List<Input> inputs;

    TailRig(QueueSettings qs, InputConfig... configs) throws Exception {
        this.qs = qs;
        this.configs = List.of(configs);
        open();
    }

    static QueueSettings queueIn(Path dir) {
        return new QueueSettings(dir.resolve("queue"), 256L << 20, 1 << 20, QueueSettings.Sync.NONE, 1000);
    }

    void open() throws Exception {
        stats = new Stats();
        queue = DiskQueue.open(qs, stats);
        RecoveredFiles recovered = new RecoveredFiles(queue.files());
        inputs = new ArrayList<>();
        for (InputConfig c : configs) {
            inputs.add(RecordInputs.create(c, "testhost", queue, recovered, queue.fresh(), stats));
        }
        readers = new Readers(inputs, queue, recovered, stats, 2);
    }

    /** Passes until two in a row read nothing. */
    void settle() throws Exception {
        int quiet = 0;
        while (quiet < 2) {
            quiet = readers.pass() ? 0 : quiet + 1;
        }
        queue.flush(true);
    }

    /** Everything queued and not yet handed out, acknowledged as it is taken. */
    List<AgentEvent> take() throws Exception {
        List<AgentEvent> out = new ArrayList<>();
        while (true) {
            List<AgentEvent> b = queue.poll(10_000, 8 << 20, 0);
            if (b.isEmpty()) {
                return out;
            }
            out.addAll(b);
            queue.acknowledge(b.get(b.size() - 1).seq());
        }
    }

    static List<String> texts(List<AgentEvent> evs) {
        List<String> r = new ArrayList<>();
        for (AgentEvent e : evs) {
            r.add(new String(e.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    /** Closes everything, as an orderly stop does, and opens again. */
    void restart() throws Exception {
        close();
        open();
    }

    @Override
    public void close() throws Exception {
        readers.close();
        queue.close();
    }
}
