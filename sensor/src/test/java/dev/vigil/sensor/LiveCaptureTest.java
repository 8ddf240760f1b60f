package dev.vigil.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.sensor.capture.LiveCapture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil sensor -i lo} for real: a child JVM captures on the loopback interface (through
 * libpcap, with a BPF filter matching only this test's traffic) while the test makes an HTTP request
 * to a local server and a DNS query over UDP to a local socket; the logs are flushed while the
 * sensor runs, and SIGTERM ends it cleanly with every connection logged. When tshark is installed it
 * captures the same traffic, and Vigil reading tshark's file must write the same rows. Skipped,
 * visibly, without libpcap or without the permission to capture.
 */
class LiveCaptureTest {
    private static final Path SEED = Path.of("src/test/resources/zeek-corpus/zeek-btest-random.seed");

    @TempDir
    Path dir;

    static void assumeCapturePermitted() {
        try (LiveCapture c = LiveCapture.open("lo", "tcp port 1", 256, false, 100)) {
            assertThat(c.linkType()).isEqualTo(1); // Linux loopback captures as Ethernet
        } catch (LiveCapture.OpenException e) {
            switch (e.reason()) {
                case NO_LIBPCAP -> Assumptions.abort("skipped: libpcap not installed");
                case NOT_PERMITTED -> Assumptions.abort("skipped: capture not permitted (needs root or CAP_NET_RAW)");
                case NO_SUCH_DEVICE -> Assumptions.abort("skipped: no loopback interface lo");
                default -> throw new AssertionError(e.getMessage(), e);
            }
        }
    }

    @Test
    void capturesHttpAndDnsOnLoopbackFlushesAndLogsEverythingOnSigterm() throws Exception {
        assumeCapturePermitted();
        Random r = new Random();
        InetAddress dnsAddr = InetAddress.getByAddress(new byte[] {127, (byte) (10 + r.nextInt(200)),
            (byte) r.nextInt(256), (byte) (1 + r.nextInt(250))});
        DatagramSocket dnsServer = bindDns(dnsAddr);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            byte[] body = "<html><body>vigil live capture</body></html>\n".getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        http.start();
        int httpPort = http.getAddress().getPort();
        String filter = "tcp port " + httpPort + (dnsServer != null ? " or (udp and host " + dnsAddr.getHostAddress() + ")" : "");
        Path live = dir.resolve("live");
        Process tshark = startTshark(filter, dir.resolve("tshark.pcap"));
        Process sensor = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                "dev.vigil.sensor.SensorMain", "-i", "lo", "-f", filter, "-C", "-w", live.toString(),
                "--seed-file", SEED.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("sensor.err").toFile()).start();
        Path stderr = dir.resolve("sensor.err"); // a file: reading a pipe races with the process's exit
        try {
            assertThat(waitForLine(stderr, "listening on lo", 30_000)).as("sensor stderr: %s", text(stderr)).isTrue();
            String reply = httpGet(httpPort, "/vigil-live?x=1");
            assertThat(reply).startsWith("HTTP/1.1 200").contains("vigil live capture");
            if (dnsServer != null) {
                byte[] answer = dnsQuery(dnsAddr, "vigil-live.test");
                assertThat(answer[3] & 0x0f).isZero(); // NOERROR
            }
            // rows reach the disk while the sensor runs (flushed every second)
            assertThat(waitForLine(live.resolve("http.log"), "/vigil-live?x=1", 15_000))
                    .as("http.log row written while capturing").isTrue();
            sensor.destroy(); // SIGTERM
            assertThat(sensor.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sensor.exitValue()).as("exit status after SIGTERM; stderr %s", text(stderr)).isZero();
            assertThat(text(stderr)).contains("packets processed on lo");
        } finally {
            sensor.destroyForcibly();
            http.stop(0);
            if (dnsServer != null) {
                dnsServer.close();
            }
            if (tshark != null) {
                tshark.destroy();
                tshark.waitFor(30, TimeUnit.SECONDS);
            }
        }

        List<String> conn = rows(live.resolve("conn.log"));
        String tcp = conn.stream().filter(l -> l.contains("\t" + httpPort + "\ttcp\t")).findFirst().orElseThrow();
        assertThat(tcp.split("\t")).contains("http", "SF");
        List<String> httpRows = rows(live.resolve("http.log"));
        assertThat(httpRows).hasSize(1);
        assertThat(httpRows.get(0).split("\t")).contains("GET", "/vigil-live?x=1", "vigil-live-test/1.0", "200", "OK", "text/html");
        if (dnsServer != null) {
            String udp = conn.stream().filter(l -> l.contains(dnsAddr.getHostAddress() + "\t53\tudp\t")).findFirst()
                    .orElseThrow(() -> new AssertionError("no DNS connection in " + conn));
            assertThat(udp.split("\t")).contains("dns");
            List<String> dns = rows(live.resolve("dns.log"));
            assertThat(dns).hasSize(1);
            assertThat(dns.get(0).split("\t")).contains("vigil-live.test", "A", "NOERROR", "192.0.2.7");
        } else {
            System.out.println("LiveCaptureTest: DNS part skipped: cannot bind UDP port 53 on " + dnsAddr);
        }
        for (String log : List.of("conn.log", "http.log")) {
            List<String> lines = Files.readAllLines(live.resolve(log));
            assertThat(lines.get(lines.size() - 1)).as(log + " closed").startsWith("#close\t");
        }

        if (tshark != null) {
            // the same packets captured by tshark and read from its file give the same rows
            SensorOptions o = new SensorOptions();
            o.input = dir.resolve("tshark.pcap");
            o.outputDir = dir.resolve("offline");
            o.ignoreChecksums = true;
            o.seedFile = SEED;
            new Sensor(o).run();
            for (String log : dnsServer != null ? List.of("conn.log", "http.log", "dns.log") : List.of("conn.log", "http.log")) {
                assertSameRows(log, rows(o.outputDir.resolve(log)), rows(live.resolve(log)));
            }
        } else {
            System.out.println("LiveCaptureTest: comparison with tshark skipped: tshark not installed");
        }
    }

    @Test
    void rotatesLogsLikeZeekAndRotatesAgainAtExit() throws Exception {
        assumeCapturePermitted();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        Path live = dir.resolve("live");
        Path stderr = dir.resolve("sensor.err");
        Process sensor = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                "dev.vigil.sensor.SensorMain", "-i", "lo", "-f", "tcp port " + port, "-C", "-w", live.toString(),
                "--rotate", "1").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            assertThat(waitForLine(stderr, "listening on lo", 30_000)).as(text(stderr)).isTrue();
            httpGet(port, "/first");
            Thread.sleep(2200);
            httpGet(port, "/second");
            long end = System.currentTimeMillis() + 15_000;
            while (!anyFileContains(live, "http", "/second") && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            assertThat(anyFileContains(live, "http", "/second")).isTrue();
            sensor.destroy();
            assertThat(sensor.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sensor.exitValue()).as(text(stderr)).isZero();
        } finally {
            sensor.destroyForcibly();
            http.stop(0);
        }
        List<Path> files;
        try (var l = Files.list(live)) {
            files = l.filter(f -> f.getFileName().toString().startsWith("http.")).sorted().toList();
        }
        assertThat(files).as("rotated http logs").hasSizeGreaterThanOrEqualTo(2)
                .allMatch(f -> f.getFileName().toString().matches("http\\.\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\.log"));
        List<String> all = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            assertThat(lines.get(0)).isEqualTo("#separator \\x09");
            assertThat(lines.get(lines.size() - 1)).startsWith("#close\t");
            all.addAll(rows(f));
        }
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).contains("/first");
        assertThat(all.get(1)).contains("/second");
        assertThat(live.resolve("http.log")).doesNotExist();
    }

    @Test
    void anUnprivilegedUserIsToldHowToGetThePermission() throws Exception {
        assumeCapturePermitted();
        Assumptions.assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip()),
                "skipped: needs root to run the sensor as another user");
        Assumptions.assumeTrue(Peers.has("setpriv"), "skipped: setpriv not installed");
        // a class path the user nobody can read: the sensor's classes and JNA, copied
        Path cp = Files.createDirectories(dir.resolve("cp"));
        Path classes = Path.of(LiveSensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jna = Path.of(com.sun.jna.Native.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        new ProcessBuilder("cp", "-r", classes.toString(), cp.resolve("classes").toString()).start().waitFor();
        Files.copy(jna, cp.resolve("jna.jar"));
        new ProcessBuilder("chmod", "-R", "a+rwX", dir.toString()).start().waitFor();
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin(),
                "-cp", cp.resolve("classes") + ":" + cp.resolve("jna.jar"), "dev.vigil.sensor.SensorMain",
                "-i", "lo", "-w", dir.resolve("out").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out.lines().toList()).as(out).hasSize(1);
        assertThat(out).startsWith("vigil sensor: capturing on lo is not permitted (")
                .contains("run as root, or with the CAP_NET_RAW and CAP_NET_ADMIN capabilities");
    }

    @Test
    void unknownInterfaceAndBadFilterAreNamed() {
        assumeCapturePermitted();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveCapture.open("vigil-none0", null, 256, false, 100))
                .isInstanceOf(LiveCapture.OpenException.class).hasMessageStartingWith("no such interface vigil-none0")
                .extracting(e -> ((LiveCapture.OpenException) e).reason()).isEqualTo(LiveCapture.OpenException.Reason.NO_SUCH_DEVICE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveCapture.open("lo", "tcp port", 256, false, 100))
                .isInstanceOf(LiveCapture.OpenException.class).hasMessageStartingWith("bad capture filter 'tcp port': ")
                .extracting(e -> ((LiveCapture.OpenException) e).reason()).isEqualTo(LiveCapture.OpenException.Reason.BAD_FILTER);
    }

    /**
     * Same rows, in any order, with fuids masked and times compared to within 2 µs: two capture
     * sockets may stamp the same packet a microsecond apart.
     */
    private static void assertSameRows(String log, List<String> offline, List<String> live) {
        assertThat(offline).as(log).hasSameSizeAs(live);
        List<String> a = offline.stream().map(LiveCaptureTest::maskFuids).sorted().toList();
        List<String> b = live.stream().map(LiveCaptureTest::maskFuids).sorted().toList();
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split("\t", -1);
            String[] y = b.get(i).split("\t", -1);
            assertThat(x.length).as(log).isEqualTo(y.length);
            for (int k = 0; k < x.length; k++) {
                if (x[k].matches("[0-9]+\\.[0-9]{6}") && y[k].matches("[0-9]+\\.[0-9]{6}")) {
                    assertThat(Double.parseDouble(x[k])).as("%s column %d of %s", log, k, b.get(i))
                            .isCloseTo(Double.parseDouble(y[k]), org.assertj.core.data.Offset.offset(2.5e-6));
                } else {
                    assertThat(x[k]).as("%s column %d of %s", log, k, b.get(i)).isEqualTo(y[k]);
                }
            }
        }
    }

    /** File ids are random (see docs/sensor.md): compared as a placeholder. */
    private static String maskFuids(String row) {
        return row.replaceAll("\\bF[0-9A-Za-z]{8,20}\\b", "F*");
    }

    /** A DNS server socket on port 53 of a loopback address of its own, or null when port 53 may not be bound. */
    private static DatagramSocket bindDns(InetAddress addr) throws IOException {
        DatagramSocket s;
        try {
            s = new DatagramSocket(new InetSocketAddress(addr, 53));
        } catch (java.net.BindException e) {
            return null;
        }
        Thread t = new Thread(() -> {
            byte[] buf = new byte[512];
            while (!s.isClosed()) {
                try {
                    DatagramPacket q = new DatagramPacket(buf, buf.length);
                    s.receive(q);
                    byte[] a = DnsWire.answerA(java.util.Arrays.copyOf(q.getData(), q.getLength()), new byte[] {(byte) 192, 0, 2, 7});
                    s.send(new DatagramPacket(a, a.length, q.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-dns");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static byte[] dnsQuery(InetAddress server, String name) throws IOException {
        try (DatagramSocket c = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            c.setSoTimeout(5000);
            byte[] q = DnsWire.queryA(0x5157, name);
            c.send(new DatagramPacket(q, q.length, server, 53));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            c.receive(p);
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    private static String httpGet(int port, String uri) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: vigil-live.test\r\n"
                    + "User-Agent: vigil-live-test/1.0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Process startTshark(String filter, Path out) throws Exception {
        if (!Peers.has("tshark")) {
            return null;
        }
        Process p = new ProcessBuilder("tshark", "-i", "lo", "-f", filter, "-F", "pcap", "-w", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = follow(p.getErrorStream(), err, "Capturing on");
        if (!started.await(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not start capturing: " + err);
        }
        return p;
    }

    /** Collects a stream's lines in the background; the latch opens at the first line containing {@code marker}. */
    private static CountDownLatch follow(InputStream in, List<String> lines, String marker) {
        CountDownLatch seen = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                    if (l.contains(marker)) {
                        seen.countDown();
                    }
                }
            } catch (IOException e) {
                lines.add(e.toString());
            }
        });
        t.setDaemon(true);
        t.start();
        return seen;
    }

    private static boolean anyFileContains(Path dir, String prefix, String text) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var l = Files.list(dir)) {
            for (Path f : l.filter(x -> x.getFileName().toString().startsWith(prefix + ".")).toList()) {
                try {
                    if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(text)) {
                        return true;
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // renamed by a rotation meanwhile
                }
            }
        }
        return false;
    }

    private static boolean waitForLine(Path file, String text, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static List<String> rows(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
