package dev.vigil.agent.login;

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

import static org.assertj.core.api.Assertions.assertThat;

/** vigil's last/lastb against util-linux last/lastb on the same files, byte for byte. */
class LastMatchesUtilLinuxTest {
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-x"), List.of("-x", "-F"),
            List.of("-i", "-w"), List.of("-a"), List.of("--time-format", "iso"), List.of("--time-format", "notime"),
            List.of("-R", "-n", "7"), List.of("root"), List.of("pts/1", "tty1"), List.of("-x", "-p", "2023-05-22 10:00"),
            List.of("-s", "2023-05-13 00:00", "-t", "2023-05-18"));

    @TempDir Path dir;

    @Test
    void generatedWtmpUtmpAndBtmpMatchRealLast() throws Exception {
        String last = Peer.require("last");
        String lastb = Peer.require("lastb");
        Peer.require("python3");
        for (int seed = 1; seed <= 6; seed++) {
            Path out = Peer.generate(dir, seed);
            String zone = seed % 2 == 0 ? "Europe/Berlin" : "America/New_York";
            for (List<String> o : OPTIONS) {
                assertSame(last, o, out.resolve("wtmp"), zone, true);
            }
            assertSame(last, List.of("-x"), out.resolve("utmp"), zone, true);
            assertSame(lastb, List.of(), out.resolve("btmp"), zone, true);
            assertSame(lastb, List.of("-w", "-i", "-F"), out.resolve("btmp"), zone, true);
        }
    }

    @Test
    void crashesShutdownsLongNamesAndAddressesMatchRealLast() throws Exception {
        String last = Peer.require("last");
        Path f = dir.resolve("wtmp");
        Files.write(f, scenario().bytes());
        for (List<String> o : OPTIONS) {
            assertSame(last, o, f, "UTC", true);
            assertSame(last, o, f, "Asia/Kolkata", true);
        }
    }

    @Test
    void nonAsciiBytesAreEscapedInTheCLocale() throws Exception {
        String last = Peer.require("last");
        Path f = dir.resolve("wtmp");
        Files.write(f, scenario().bytes());
        assertSame(last, List.of("-w"), f, "UTC", false);
    }

    @Test
    void emptyFileSaysWhenItBegins() throws Exception {
        String last = Peer.require("last");
        Path f = dir.resolve("wtmp");
        Files.write(f, new byte[0]);
        assertSame(last, List.of(), f, "UTC", true);
    }

    @Test
    void garbageRecordsPrintWhatLastPrints() throws Exception {
        String last = Peer.require("last");
        Path f = dir.resolve("garbage");
        byte[] g = new byte[UtmpReader.RECORD_SIZE * 40];
        java.util.Random r = new java.util.Random(7);
        r.nextBytes(g);
        for (int i = 0; i < 40; i++) {
            // a type and time that fall in ranges both C and Java can render
            g[i * UtmpReader.RECORD_SIZE] = (byte) r.nextInt(10);
            g[i * UtmpReader.RECORD_SIZE + 1] = 0;
            int t = 1_600_000_000 + r.nextInt(100_000_000);
            java.nio.ByteBuffer.wrap(g, i * UtmpReader.RECORD_SIZE + 340, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(t);
        }
        Files.write(f, g);
        assertSame(last, List.of("-x"), f, "UTC", true);
        assertSame(last, List.of("-x", "-w", "-i"), f, "UTC", true);
    }

    @Test
    void randomRecordSequencesMatchRealLast() throws Exception {
        String last = Peer.require("last");
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("randomRecordSequencesMatchRealLast: -Dtests.seed=" + seed);
        java.util.Random r = new java.util.Random(seed);
        String[] lines = {"pts/0", "pts/1", "tty1", "ftp123", "~", "|", "{", ""};
        String[] users = {"root", "alice", "", "LOGIN", "reboot", "shutdown", "runlevel", "date", "bob"};
        for (int round = 0; round < 10; round++) {
            UtmpWriter w = new UtmpWriter();
            long t = 1_650_000_000L + r.nextInt(10_000_000);
            for (int i = 0; i < 150; i++) {
                t += r.nextInt(4000) - 200;
                int pid = r.nextBoolean() ? r.nextInt(2000) : ("0656".charAt(r.nextInt(4)) | ('N' << 8));
                w.add(r.nextInt(10), pid, lines[r.nextInt(lines.length)], "x", users[r.nextInt(users.length)],
                        r.nextBoolean() ? "" : "10.0." + r.nextInt(256) + ".1", t, r.nextBoolean() ? null : "::1");
            }
            Path f = dir.resolve("random" + round);
            Files.write(f, w.bytes());
            assertSame(last, List.of("-x"), f, "Europe/Berlin", true);
            assertSame(last, List.of("-x", "-F", "-w", "-i"), f, "UTC", true);
            assertSame(Peer.require("lastb"), List.of("-a"), f, "UTC", true);
        }
    }

    @Test
    void everyFormOfTzIsReadAsTheCLibraryReadsIt() throws Exception {
        String last = Peer.require("last");
        UtmpWriter w = new UtmpWriter().boot(1_672_531_200L, "6.1");
        // logins every 29 hours and 7 minutes for two years: every DST change falls between two of them
        for (long t = 1_672_531_200L + 600; t < 1_735_689_600L; t += 29 * 3600 + 420) {
            w.login(t, 100, "pts/0", "root", "", null).logout(t + 3 * 3600 + 59, 100, "pts/0");
        }
        Path f = dir.resolve("wtmp");
        Files.write(f, w.bytes());
        for (String tz : List.of("Europe/Berlin", ":America/New_York", "GMT+3", "Etc/GMT-14", "posixrules", "UTC0",
                "", "CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "XYZ5ABC",
                "EST5EDT4,M3.2.0/2,M11.1.0/2", "<+0330>-3:30", "ABC-2DEF,J60/1,J300/24", "Nowhere/Bogus",
                "/usr/share/zoneinfo/Asia/Tokyo", "PQR8STU", "ABC-2DEF", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
                "IST-2IDT,M3.4.4/26,M10.5.0")) {
            List<String> cmd = List.of(last, "-F", "-f", f.toString());
            byte[] expected = Peer.run(cmd, Map.of("TZ", tz, "LC_ALL", "C.UTF-8"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LastOptions o = new LastOptions();
            o.timeFormat = LastOptions.TimeFormat.FULL;
            new Last(o, TimeZones.fromTz(tz), System.currentTimeMillis() / 1000, SystemView.live(),
                    new CarefulOutput(true), out).list(new UtmpReader(100_000).read(f), "wtmp");
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("TZ=%s", tz)
                    .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        }
    }

    /** A boot that crashes, one shut down cleanly, a reboot still running, sessions of every ending. */
    static UtmpWriter scenario() {
        long t = 1_684_000_000L;
        UtmpWriter w = new UtmpWriter();
        w.boot(t, "6.1.0-13-amd64");
        w.login(t + 100, 700, "pts/0", "root", "192.168.56.1", "192.168.56.1");
        w.login(t + 200, 701, "pts/1", "averyveryverylongusername-32byte", "host-with-a-rather-long-name.example.com",
                "203.0.113.45");
        w.logout(t + 4000, 701, "pts/1");
        w.login(t + 5000, 702, "pts/1", "alice", "2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334");
        // crash: no logout, no shutdown, next boot
        t += 90_000;
        w.boot(t, "6.1.0-17-amd64");
        w.login(t + 60, 800, "tty1", "gildong", "", null);
        w.login(t + 120, 801, "pts/0", "bob", "fe80::1c2b:3cff:fe4d:5e6f", "fe80::1c2b:3cff:fe4d:5e6f");
        w.add(UtmpType.USER_PROCESS, 802, "ftp802", "802", "alice", "alice-mbp.lan", t + 200, "192.168.1.33");
        w.logout(t + 260, 802, "ftp802");
        w.add(UtmpType.USER_PROCESS, 803, "pts/2", "ts/2", "mapped", "10.1.2.3", t + 300, "::ffff:10.1.2.3");
        w.add(UtmpType.USER_PROCESS, 804, "pts/3", "ts/3", "compat", "", t + 400, "::1.2.3.4");
        w.logout(t + 900, 804, "pts/3");
        w.add(UtmpType.OLD_TIME, 0, "|", "", "date", "", t + 1000, null);
        w.add(UtmpType.NEW_TIME, 0, "{", "", "date", "", t + 1600, null);
        w.add(UtmpType.USER_PROCESS, 805, UtmpWriter.bytes("pts/4"), UtmpWriter.bytes("ts/4"),
                "jos\u00e9\u00e9\u00e9\u00e9".getBytes(StandardCharsets.UTF_8),
                new byte[] {'a', 1, 'b', 0x7f, 'c', 9, 'd'}, t + 1700, null);
        w.logout(t + 1800, 805, "pts/4");
        w.add(UtmpType.LOGIN_PROCESS, 806, "tty2", "tty2", "LOGIN", "", t + 1900, null);
        w.login(t + 2000, 807, "pts/0", "carol", "", null);
        w.logout(t + 1990, 807, "pts/0"); // a logout older than its login: last prints a negative length
        w.shutdown(t + 200_000, "6.1.0-17-amd64", '0');
        t += 300_000;
        w.boot(t, "6.1.0-21-amd64");
        w.login(t + 50, 900, "pts/0", "root", "bastion.example.com", "192.0.2.10");
        w.login(t + 70, 901, "pts/1", "alice", "", null);
        w.logout(t + 80, 901, "pts/1");
        w.login(t + 90, 902, "pts/5", "dave", "198.51.100.7", "198.51.100.7");
        w.shutdown(t + 3000, "6.1.0-21-amd64", '6');
        w.boot(t + 3100, "6.1.0-21-amd64");
        w.login(t + 3200, 903, "pts/0", "erin", "2001:db8::42", "2001:db8::42");
        // a session begun now on a line root owns: last says "still logged in"
        long now = System.currentTimeMillis() / 1000;
        w.add(UtmpType.USER_PROCESS, 0, "null", "null", "root", "localhost", now - 30, "127.0.0.1");
        return w;
    }

    @Test
    void limitCountsLinesOverSeveralFilesAsLastDoes() throws Exception {
        String last = Peer.require("last");
        Peer.require("python3");
        Path a = Peer.generate(dir, 7);
        Path b = Peer.generate(dir, 8);
        assertSame(last, List.of("-n", "5"), List.of(a.resolve("wtmp"), b.resolve("btmp"), b.resolve("wtmp")), "UTC",
                true);
        assertSame(last, List.of("-x"), List.of(a.resolve("wtmp"), b.resolve("wtmp")), "UTC", true);
    }

    private void assertSame(String peer, List<String> options, Path file, String zone, boolean utf8)
            throws IOException, InterruptedException {
        assertSame(peer, options, List.of(file), zone, utf8);
    }

    private void assertSame(String peer, List<String> options, List<Path> files, String zone, boolean utf8)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(peer);
        cmd.addAll(options);
        for (Path file : files) {
            cmd.add("-f");
            cmd.add(file.toString());
        }
        Map<String, String> env = utf8 ? Map.of("TZ", zone, "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8")
                : Map.of("TZ", zone, "LANG", "C", "LC_ALL", "C");
        byte[] expected = Peer.run(cmd, env);
        LastOptions o = LastCommandLine.parse(options, ZoneId.of(zone));
        o.lastb = peer.endsWith("lastb");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Last l = new Last(o, ZoneId.of(zone), System.currentTimeMillis() / 1000, SystemView.live(),
                new CarefulOutput(utf8), out);
        for (Path file : files) {
            l.list(new UtmpReader(1_000_000).read(file), file.getFileName().toString());
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
                .as("%s %s on %s (TZ=%s)", peer, options, files, zone)
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(Arrays.equals(out.toByteArray(), expected)).isTrue();
    }
}
