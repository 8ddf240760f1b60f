package dev.vigil.agent.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** vigil's lastlog against shadow's lastlog -R (it chroots, so it needs root) on the same files. */
class LastlogMatchesShadowTest {
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-u", "alice"),
            List.of("-u", "1000-"), List.of("-u", "-104"), List.of("-u", "5-1002"), List.of("-u", "0"),
            List.of("-t", "5000"), List.of("-b", "100"), List.of("-u", "77"));

    @TempDir Path dir;

    @Test
    void generatedLastlogMatchesShadowLastlog() throws Exception {
        String lastlog = requireChrootLastlog();
        Peer.require("python3");
        for (int seed = 1; seed <= 3; seed++) {
            Path out = Peer.generate(dir, seed);
            Path root = root("r" + seed, Files.readString(out.resolve("passwd")), Files.readAllBytes(out.resolve("lastlog")));
            for (List<String> o : OPTIONS) {
                assertSame(lastlog, root, o, seed == 2 ? "Europe/Berlin" : "UTC");
            }
        }
    }

    @Test
    void longNamesLinesAndHostsHolesAndATruncatedTailMatch() throws Exception {
        String lastlog = requireChrootLastlog();
        String passwd = "root:x:0:0:root:/root:/bin/bash\n"
                + "a-very-long-account-name-indeed:x:3:3::/:/bin/sh\n"
                + "gildong:x:1000:1000::/home/gildong:/bin/bash\n"
                + "twin:x:1000:1000::/home/twin:/bin/bash\n"
                + "far:x:5000:5000::/:/bin/sh\n"
                + "cut:x:6:6::/:/bin/sh\n";
        ByteArrayOutputStream ll = new ByteArrayOutputStream();
        byte[] file = new byte[LastlogFile.RECORD_SIZE * 6 + 100];
        put(file, 0, 1_700_000_000, "pts/0", "192.168.56.1");
        put(file, 3, 1_600_000_000, "averyverylongline", "h".repeat(80));
        put(file, 5, 1_650_000_000, "tty1", "");
        ll.writeBytes(file);
        Path root = root("r", passwd, ll.toByteArray());
        // uid 1000 lies far beyond: write it into the sparse file
        try (RandomAccessFile raf = new RandomAccessFile(root.resolve("var/log/lastlog").toFile(), "rw")) {
            byte[] rec = new byte[LastlogFile.RECORD_SIZE];
            put(rec, 0, 1_690_000_000, "pts/3", "2001:db8::42");
            raf.seek(1000L * LastlogFile.RECORD_SIZE);
            raf.write(rec);
            raf.write(new byte[] {1, 2, 3});
        }
        for (List<String> o : OPTIONS) {
            assertSame(lastlog, root, o, "UTC");
        }
        assertSame(lastlog, root, List.of("-u", "twin"), "UTC");
        try (LastlogFile f = LastlogFile.open(root.resolve("var/log/lastlog"))) {
            assertThat(f.problem()).endsWith(": truncated record at offset 292292: 3 of 292 bytes, skipped");
            assertThat(f.loggedIn(10_000)).extracting(LastlogRecord::uid).containsExactly(0L, 3L, 5L, 1000L);
            List<LoginEvent> ev = LoginEvents.fromLastlog(f.loggedIn(10_000), Passwd.read(root.resolve("etc/passwd")),
                    "lastlog");
            assertThat(ev).extracting(LoginEvent::user).containsExactly("root", "a-very-long-account-name-indeed",
                    "5", "gildong");
            assertThat(ev.get(3).host()).isEqualTo("2001:db8::42");
            assertThat(LoginEvents.fromLastlog(f, Passwd.read(root.resolve("etc/passwd")), "lastlog"))
                    .extracting(LoginEvent::user).containsExactly("root", "a-very-long-account-name-indeed", "gildong");
        }
    }

    @Test
    void randomLastlogFilesMatchShadowLastlog() throws Exception {
        String lastlog = requireChrootLastlog();
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("randomLastlogFilesMatchShadowLastlog: -Dtests.seed=" + seed);
        java.util.Random r = new java.util.Random(seed);
        for (int round = 0; round < 3; round++) {
            StringBuilder pw = new StringBuilder();
            int accounts = 5 + r.nextInt(20);
            for (int i = 0; i < accounts; i++) {
                String name = "u" + i + "x".repeat(r.nextInt(20));
                pw.append(name).append(":x:").append(r.nextInt(60)).append(":100::/:/bin/sh\n");
            }
            byte[] file = new byte[LastlogFile.RECORD_SIZE * (10 + r.nextInt(50)) + r.nextInt(LastlogFile.RECORD_SIZE)];
            for (int uid = 0; (uid + 1) * LastlogFile.RECORD_SIZE <= file.length; uid++) {
                if (r.nextInt(3) == 0) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                for (int k = r.nextInt(34); k > 0; k--) {
                    line.append((char) ('a' + r.nextInt(26)));
                }
                String host = r.nextBoolean() ? "h".repeat(r.nextInt(60)) : "2001:db8::" + r.nextInt(9999);
                put(file, uid, 1_000_000_000 + r.nextInt(1_100_000_000), line.toString(), host);
            }
            Path root = root("rand" + round, pw.toString(), file);
            assertSame(lastlog, root, List.of(), round == 1 ? "Europe/Berlin" : "UTC");
            assertSame(lastlog, root, List.of("-u", "10-40"), "UTC");
        }
    }

    private static void put(byte[] file, int uid, int time, String line, String host) {
        ByteBuffer b = ByteBuffer.wrap(file, uid * LastlogFile.RECORD_SIZE, LastlogFile.RECORD_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        int at = uid * LastlogFile.RECORD_SIZE;
        b.putInt(at, time);
        byte[] l = line.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, file, at + 4, Math.min(32, l.length));
        byte[] h = host.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, file, at + 36, Math.min(256, h.length));
    }

    private static String requireChrootLastlog() {
        String lastlog = Peer.require("lastlog");
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: lastlog -R needs root to chroot");
        return lastlog;
    }

    private Path root(String name, String passwd, byte[] lastlog) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("etc/passwd"), passwd);
        Files.write(root.resolve("var/log/lastlog"), lastlog);
        for (String z : List.of("UTC", "Europe/Berlin")) {
            Path src = Path.of("/usr/share/zoneinfo", z);
            if (Files.exists(src)) {
                Path dst = root.resolve("usr/share/zoneinfo").resolve(z);
                Files.createDirectories(dst.getParent());
                Files.copy(src, dst);
            }
        }
        return root;
    }

    private void assertSame(String lastlog, Path root, List<String> options, String zone) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lastlog, "-R", root.toString()));
        cmd.addAll(options);
        byte[] expected = Peer.run(cmd, Map.of("TZ", zone, "LC_ALL", "C.UTF-8"));
        Passwd pw = Passwd.read(root.resolve("etc/passwd"));
        Lastlog.Options o = new Lastlog.Options();
        for (int i = 0; i < options.size(); i += 2) {
            String v = options.get(i + 1);
            switch (options.get(i)) {
                case "-t" -> o.recentSeconds = Long.parseLong(v) * 86400;
                case "-b" -> o.olderSeconds = Long.parseLong(v) * 86400;
                default -> {
                    if (!o.selectUser(v, pw)) {
                        assertThat(expected).as("lastlog %s", options).isEmpty();
                        return;
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LastlogFile f = LastlogFile.open(root.resolve("var/log/lastlog"))) {
            new Lastlog(o, ZoneId.of(zone), System.currentTimeMillis() / 1000, out).list(pw, f);
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).as("lastlog %s (TZ=%s)", options, zone)
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
    }
}
