package dev.vigil.agent.acct;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcctReaderTest {
    @TempDir Path dir;

    @Test
    void readsEveryFieldOfAV3Record() throws Exception {
        Path f = dir.resolve("pacct");
        Files.write(f, new AcctWriter().add("sshd", AcctRecord.ASU | AcctRecord.AFORK, 0x8803, 1000, 4321, 1,
                1_700_000_000L, 12345, 7).bytes());
        AcctFile a = new AcctReader(10).read(f, 0);
        assertThat(a.problems()).isEmpty();
        AcctRecord r = a.records().get(0);
        assertThat(r.command()).isEqualTo("sshd");
        assertThat(r.flags()).isEqualTo(AcctRecord.ASU | AcctRecord.AFORK);
        assertThat(r.tty()).isEqualTo(0x8803);
        assertThat(DeviceNames.none().name(r.tty())).isEqualTo("pts/3");
        assertThat(r.uid()).isEqualTo(1000);
        assertThat(r.pid()).isEqualTo(4321);
        assertThat(r.ppid()).isEqualTo(1);
        assertThat(r.btime()).isEqualTo(1_700_000_000L);
        // 12345 does not fit 13 bits: comp_t keeps 1543 * 8
        assertThat(r.utime()).isEqualTo(12344.0);
        assertThat(r.stime()).isEqualTo(7.0);
        assertThat(r.etime()).isEqualTo(1.5f);
        assertThat(r.cpuSeconds(100)).isEqualTo(123.51);
    }

    @Test
    void reportsAndSkipsATruncatedRecordAndOtherVersions() throws Exception {
        byte[] data = new AcctWriter().add("one", 0, 0, 0, 1, 1, 1_700_000_000L, 0, 0)
                .add(2, "old".getBytes(), 0, 0, 0, 2, 1, 1_700_000_001L, 0, 0)
                .add("two", 0, 0, 0, 3, 1, 1_700_000_002L, 0, 0).bytes();
        Path f = dir.resolve("pacct");
        Files.write(f, Arrays.copyOf(data, data.length - 10));
        AcctFile a = new AcctReader(10).read(f, 0);
        assertThat(a.records()).extracting(AcctRecord::command).containsExactly("one");
        assertThat(a.problems()).containsExactly(f + ": record at offset 64 has version 2, not 3: skipped",
                f + ": truncated record at offset 128: 54 of 64 bytes, skipped");
        assertThat(a.endOffset()).isEqualTo(128);
    }

    @Test
    void emptyFileHasNoRecords() throws Exception {
        Path f = dir.resolve("pacct");
        Files.write(f, new byte[0]);
        assertThat(new AcctReader(10).read(f, 0).records()).isEmpty();
    }

    @Test
    void refusesMoreRecordsThanTheMaximum() throws Exception {
        Path f = dir.resolve("pacct");
        Files.write(f, new byte[64 * 5]);
        assertThatThrownBy(() -> new AcctReader(4).read(f, 0)).isInstanceOf(AcctLimitException.class)
                .hasMessage(f + ": 5 records exceed the maximum 4");
    }

    @Test
    void garbageNeverCrashes() throws Exception {
        Random r = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] g = new byte[r.nextInt(64 * 40)];
            r.nextBytes(g);
            for (int k = 1; k < g.length; k += 64) {
                if (r.nextBoolean()) {
                    g[k] = 3;
                }
            }
            Path f = dir.resolve("g" + i);
            Files.write(f, g);
            AcctFile a = new AcctReader(1000).read(f, 0);
            new Lastcomm(new Lastcomm.Options(), ZoneOffset.UTC, dev.vigil.agent.login.Passwd.EMPTY,
                    DeviceNames.none(), OutputStream.nullOutputStream()).list(a.records());
        }
    }
}
