package dev.vigil.agent.acct;

import dev.vigil.agent.login.Passwd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** vigil's lastcomm against GNU acct's lastcomm on the same pacct files, byte for byte. */
class LastcommMatchesAcctTest {
    @TempDir Path dir;

    static byte[] sample() {
        long t = 1_700_000_000L;
        return new AcctWriter()
                .add("bash", 0, 0x8800, 0, 100, 1, t, 5, 3)
                .add("sleep", AcctRecord.AFORK, 0x8801, 65534, 101, 100, t + 100, 250, 1)
                .add("verylongcommandxx", AcctRecord.ASU, 0x0401, 0, 102, 100, t + 200, 12345, 678)
                .add("core", AcctRecord.ACORE | AcctRecord.AXSIG, 0, 0, 103, 1, t + 300, 1, 1)
                .add(new byte[] {'a', 1, 'b', (byte) 0xc3, (byte) 0xa9}, AcctRecord.ACOMPAT, 0x8802, 0, 104, 1,
                        t + 400, 99_999, 99_999)
                .add("", 0, 0, 4242, 105, 1, t + 500, 0, 0)
                .add("huge", 0, (137 << 8) | 44, 0, 106, 1, t + 600, 17_177_772_032L, 17_177_772_032L)
                .add("nulldev", 0, (1 << 8) | 3, 0, 107, 1, t + 700, 1, 0)
                .add("nodev", 0, (200 << 8) | 5, 0, 108, 1, t + 800, 0, 1)
                .add("sshd", AcctRecord.ASU | AcctRecord.AFORK, 0, 0, 109, 1, t + 86_400 * 200, 7, 7)
                .bytes();
    }

    @Test
    void sampleMatchesRealLastcommWithEachOption() throws Exception {
        String lastcomm = require("lastcomm");
        Path f = dir.resolve("pacct");
        Files.write(f, sample());
        List<List<String>> options = List.of(List.of(), List.of("--pid"), List.of("root"), List.of("pts/1"),
                List.of("--user", "nobody"), List.of("--strict-match", "--user", "root", "--tty", "pts/0"),
                List.of("--print-controls"), List.of("--command", "sleep"), List.of("bash", "nobody"),
                List.of("--strict-match", "root"), List.of("--ahz", "1000"),
                List.of("--show-paging"), List.of("--show-paging", "--pid", "root"));
        for (List<String> o : options) {
            for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York")) {
                assertSame(lastcomm, o, f, zone);
            }
        }
        List<String> fw = new ArrayList<>(List.of("--forwards"));
        assertSame(lastcomm, fw, f, "UTC");
    }

    @Test
    void randomRecordsMatchRealLastcomm() throws Exception {
        String lastcomm = require("lastcomm");
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("randomRecordsMatchRealLastcomm: -Dtests.seed=" + seed);
        java.util.Random r = new java.util.Random(seed);
        int[] ttys = {0, 0x8800, 0x8801, (139 << 8) | 7, (1 << 8) | 3, (200 << 8) | 9};
        int[] uids = {0, 65534, 4242, 1, 33};
        for (int round = 0; round < 5; round++) {
            AcctWriter w = new AcctWriter();
            for (int i = 0; i < 100; i++) {
                byte[] comm = new byte[r.nextInt(17)];
                for (int k = 0; k < comm.length; k++) {
                    comm[k] = (byte) (r.nextInt(4) == 0 ? 1 + r.nextInt(255) : 'a' + r.nextInt(26));
                }
                w.add(comm, r.nextInt(32), ttys[r.nextInt(ttys.length)], uids[r.nextInt(uids.length)],
                        r.nextInt(99999), r.nextInt(99999), 1_000_000_000L + r.nextInt(1_500_000_000),
                        r.nextInt(3) == 0 ? r.nextLong(17_000_000_000L) : r.nextInt(9000), r.nextInt(20000));
            }
            Path f = dir.resolve("random" + round);
            Files.write(f, w.bytes());
            assertSame(lastcomm, List.of(), f, "Europe/Berlin");
            assertSame(lastcomm, List.of("--show-paging", "--pid"), f, "UTC");
        }
    }

    @Test
    void emptyFilePrintsNothing() throws Exception {
        String lastcomm = require("lastcomm");
        Path f = dir.resolve("pacct");
        Files.write(f, new byte[0]);
        assertSame(lastcomm, List.of(), f, "UTC");
    }

    private static String require(String name) {
        Path p = Path.of("/usr/bin", name);
        assumeTrue(Files.isExecutable(p), "skipped: " + name + " not installed");
        return p.toString();
    }

    private void assertSame(String lastcomm, List<String> options, Path file, String zone) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lastcomm));
        cmd.addAll(options);
        cmd.add("-f");
        cmd.add(file.toString());
        byte[] expected = run(cmd, Map.of("TZ", zone, "LC_ALL", "C.UTF-8"));
        Lastcomm.Options o = new Lastcomm.Options();
        for (int i = 0; i < options.size(); i++) {
            String a = options.get(i);
            switch (a) {
                case "--pid" -> o.pid = true;
                case "--print-controls" -> o.printControls = true;
                case "--strict-match" -> o.strict = true;
                case "--forwards" -> o.forwards = true;
                case "--show-paging" -> o.showPaging = true;
                case "--user" -> o.users.add(options.get(++i));
                case "--tty" -> o.ttys.add(options.get(++i));
                case "--command" -> o.commands.add(options.get(++i));
                case "--ahz" -> o.ahz = Integer.parseInt(options.get(++i));
                default -> o.names.add(a);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AcctFile f = new AcctReader(1000).read(file, 0);
        new Lastcomm(o, ZoneId.of(zone), Passwd.read(Path.of("/etc/passwd")), DeviceNames.scan(Path.of("/dev")), out)
                .list(f.records());
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
                .as("lastcomm %s (TZ=%s)", options, zone)
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(Arrays.equals(out.toByteArray(), expected)).isTrue();
    }

    private static byte[] run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
