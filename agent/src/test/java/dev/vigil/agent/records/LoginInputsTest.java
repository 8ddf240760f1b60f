package dev.vigil.agent.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Readers;
import dev.vigil.agent.acct.AcctWriter;
import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.config.InputType;
import dev.vigil.agent.login.UtmpType;
import dev.vigil.agent.login.UtmpWriter;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.RecoveredFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wtmp, btmp, lastlog and pacct inputs: one key=value event per record, followed durably. */
class LoginInputsTest {
    @TempDir
    Path dir;

    Stats stats;
    DiskQueue queue;
    Readers readers;

    void open(InputConfig c) throws Exception {
        stats = new Stats();
        queue = DiskQueue.open(new QueueSettings(dir.resolve("queue"), 16 << 20, 1 << 20, QueueSettings.Sync.NONE,
                1000), stats);
        RecoveredFiles recovered = new RecoveredFiles(queue.files());
        List<Input> inputs = List.of(RecordInputs.create(c, "h1", queue, recovered, queue.fresh(), stats));
        readers = new Readers(inputs, queue, recovered, stats, 1);
    }

    void close() throws Exception {
        readers.close();
        queue.close();
    }

    List<AgentEvent> read() throws Exception {
        int quiet = 0;
        while (quiet < 3) {
            quiet = readers.pass() ? 0 : quiet + 1;
        }
        List<AgentEvent> out = new ArrayList<>();
        while (true) {
            List<AgentEvent> b = queue.poll(1000, 1 << 20, 0);
            if (b.isEmpty()) {
                return out;
            }
            out.addAll(b);
            queue.acknowledge(b.get(b.size() - 1).seq());
        }
    }

    static List<String> texts(List<AgentEvent> evs) {
        return evs.stream().map(e -> new String(e.body(), StandardCharsets.UTF_8)).toList();
    }

    InputConfig input(InputType type, Path path) {
        return InputConfig.files(path.toString()).withType(type).withTimes(0, 300_000, 0);
    }

    @Test
    void wtmpRecordsBecomeLoginLogoutAndRebootEvents() throws Exception {
        Path wtmp = dir.resolve("wtmp");
        Files.write(wtmp, new UtmpWriter().boot(1_700_000_000, "6.1.0-18-amd64")
                .login(1_700_001_000, 1234, "pts/0", "alice", "client.example", "192.0.2.10").bytes());
        open(input(InputType.WTMP, wtmp));
        List<AgentEvent> got = read();
        assertThat(texts(got)).containsExactly(
                "2023-11-14T22:13:20.000000Z action=reboot kernel=6.1.0-18-amd64",
                "2023-11-14T22:13:25.004985Z action=runlevel runlevel=5",
                "2023-11-14T22:30:00.000000Z action=login user=alice tty=pts/0 src=192.0.2.10 src_host=client.example"
                        + " pid=1234");
        assertThat(got.get(0).sourcetype()).isEqualTo("linux:wtmp");
        assertThat(got.get(0).source()).isEqualTo(wtmp.toString());
        close();
        // the logout comes after a restart: its blank user is learnt again from the login before it
        Files.write(wtmp, new UtmpWriter().logout(1_700_002_000, 1234, "pts/0").bytes(), StandardOpenOption.APPEND);
        open(input(InputType.WTMP, wtmp));
        assertThat(texts(read())).containsExactly(
                "2023-11-14T22:46:40.000000Z action=logout user=alice tty=pts/0 pid=1234");
        close();
    }

    @Test
    void btmpRecordsAreFailedLoginsWithHostileNamesEscaped() throws Exception {
        Path btmp = dir.resolve("btmp");
        Files.write(btmp, new UtmpWriter()
                .add(UtmpType.LOGIN_PROCESS, 99, "ssh:notty", "", "root", "198.51.100.7", 1_700_000_000, "198.51.100.7")
                .add(UtmpType.LOGIN_PROCESS, 98, "ssh:notty", "", "x\" y=1\nz", "h", 1_700_000_000, null).bytes());
        open(input(InputType.BTMP, btmp));
        assertThat(texts(read())).containsExactly(
                "2023-11-14T22:13:20.000000Z action=failed user=root tty=ssh:notty src=198.51.100.7"
                        + " src_host=198.51.100.7 pid=99",
                "2023-11-14T22:13:20.000000Z action=failed user=\"x\\\" y=1\\x0az\" tty=ssh:notty src_host=h pid=98");
        close();
    }

    @Test
    void aTruncatedRecordAtTheEndOfARotatedFileIsReportedAndSkipped() throws Exception {
        Path wtmp = dir.resolve("wtmp");
        byte[] two = new UtmpWriter().login(1_700_001_000, 7, "tty1", "bob", "", null)
                .login(1_700_002_000, 8, "tty2", "carol", "", null).bytes();
        Files.write(wtmp, java.util.Arrays.copyOf(two, 384 + 100));
        open(input(InputType.WTMP, wtmp));
        assertThat(texts(read())).containsExactly("2023-11-14T22:30:00.000000Z action=login user=bob tty=tty1 pid=7");
        Files.move(wtmp, dir.resolve("wtmp.1"));
        assertThat(read()).isEmpty();
        assertThat(stats.notices()).contains(wtmp + ": truncated record at offset 384: 100 of 384 bytes, skipped");
        close();
    }

    @Test
    void lastlogQueuesEachNewLoginOnceAcrossRestarts() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n"
                + "bob:x:1001:1001::/home/bob:/bin/sh\n");
        Path lastlog = dir.resolve("lastlog");
        writeLastlog(lastlog, 1000, 1_700_000_000, "pts/1", "198.51.100.1");
        InputConfig in = input(InputType.LASTLOG, lastlog).withPasswd(passwd.toString(), 0);
        open(in);
        List<AgentEvent> got = read();
        assertThat(texts(got)).containsExactly(
                "2023-11-14T22:13:20.000000Z action=last_login user=alice uid=1000 tty=pts/1 src_host=198.51.100.1");
        assertThat(got.get(0).sourcetype()).isEqualTo("linux:lastlog");
        writeLastlog(lastlog, 1001, 1_700_000_500, "pts/2", "host-b");
        assertThat(texts(read())).containsExactly(
                "2023-11-14T22:21:40.000000Z action=last_login user=bob uid=1001 tty=pts/2 src_host=host-b");
        close();
        open(in);
        assertThat(read()).isEmpty();
        writeLastlog(lastlog, 1000, 1_700_009_000, "pts/3", "198.51.100.1");
        assertThat(texts(read())).containsExactly(
                "2023-11-15T00:43:20.000000Z action=last_login user=alice uid=1000 tty=pts/3 src_host=198.51.100.1");
        close();
    }

    static void writeLastlog(Path f, int uid, int time, String line, String host) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(292).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, time);
        b.put(4, line.getBytes(StandardCharsets.UTF_8));
        b.put(36, host.getBytes(StandardCharsets.UTF_8));
        try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(b, uid * 292L);
        }
    }

    @Test
    void pacctRecordsBecomeCommandEvents() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "alice:x:1000:1000::/home/alice:/bin/sh\n");
        Path pacct = dir.resolve("pacct");
        Files.write(pacct, new AcctWriter().add("bash", 0x02, 0x8800, 1000, 4242, 4000, 1_700_000_000, 120, 30)
                .add(2, "old".getBytes(StandardCharsets.UTF_8), 0, 0, 0, 1, 1, 1_700_000_000, 0, 0).bytes());
        open(input(InputType.PACCT, pacct).withPasswd(passwd.toString(), 0));
        List<AgentEvent> got = read();
        assertThat(texts(got)).containsExactly("2023-11-14T22:13:20.000000Z action=exec command=bash user=alice"
                + " uid=1000 gid=1000 pid=4242 ppid=4000 tty=34816 elapsed=0.01 cpu=1.50 exit=0 flags=su");
        assertThat(got.get(0).sourcetype()).isEqualTo("linux:pacct");
        assertThat(stats.errors.get()).isEqualTo(1);
        assertThat(stats.notices()).anyMatch(n -> n.endsWith("has version 2, not 3: skipped (and any more like it)"));
        close();
    }
}
