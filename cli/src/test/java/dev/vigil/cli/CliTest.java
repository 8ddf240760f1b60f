package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of {@code vigil}: the version, {@code vigil parse}'s contract, a clean stop on SIGTERM. */
class CliTest {
    @TempDir
    Path dir;

    private static String run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        java.io.InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)));
            Main.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionNamesTheRelease() {
        assertThat(run("", "--version")).startsWith("vigil 0.1.0-SNAPSHOT (Java ");
    }

    @Test
    void parsePrintsOneJsonObjectPerNonEmptyLineWithRsyslogNames() throws Exception {
        String out = run("<38>Mar  3 08:15:02 gw01 sshd[4121]: Accepted publickey\n\n"
                + "<14>1 2024-03-10T14:22:01Z h1 app 1 M1 [a@1 x=\"1\"] sd\ncaf\u00e9 no pri\n", "parse");
        List<JsonNode> objs = new ArrayList<>();
        for (String line : out.split("\n")) {
            objs.add(new ObjectMapper().readTree(line));
        }
        assertThat(objs).hasSize(3);
        assertThat(objs.get(0).get("hostname").asText()).isEqualTo("gw01");
        assertThat(objs.get(0).get("programname").asText()).isEqualTo("sshd");
        assertThat(objs.get(0).get("procid").asText()).isEqualTo("4121");
        assertThat(objs.get(0).get("pri-text").asText()).isEqualTo("auth.info");
        assertThat(objs.get(0).get("msg").asText()).isEqualTo(" Accepted publickey");
        assertThat(objs.get(0).get("fromhost-ip").asText()).isEqualTo("127.0.0.1");
        assertThat(objs.get(1).get("structured-data").asText()).isEqualTo("[a@1 x=\"1\"]");
        assertThat(objs.get(1).get("msgid").asText()).isEqualTo("M1");
        assertThat(objs.get(1).get("timereported").asText()).isEqualTo("2024-03-10T14:22:01Z");
        // the Latin-1 byte 0xE9 is not UTF-8: it is kept as an escaped code unit, not replaced
        assertThat(out.split("\n")[2]).contains("\"syslogtag\":\"caf\\udce9\"");
    }

    @Test
    void privilegedPortWithoutThePrivilegeIsOneClearLine() throws Exception {
        String setpriv = "/usr/bin/setpriv";
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(setpriv)),
                "skipped: setpriv (util-linux) not installed");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: needs root to drop CAP_NET_BIND_SERVICE");
        // root without CAP_NET_BIND_SERVICE is refused port 514 exactly like an ordinary user
        Process p = new ProcessBuilder(setpriv, "--bounding-set", "-net_bind_service",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main", "server",
                "--data", dir.resolve("d").toString(), "--http-port", "-1", "--ntp-port", "-1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out.trim()).isEqualTo("vigil: cannot listen on udp port 514: permission denied (ports below 1024 "
                + "need root or CAP_NET_BIND_SERVICE); choose another port with --syslog-port N");
    }

    @Test
    void serverWritesEverythingAndExitsZeroOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        Path logFile = dir.resolve("server.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main", "server", "--data", data.toString(),
                "--syslog-port", "" + port, "--http-port", "0", "--ntp-port", "0")
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Files.readString(logFile).contains("listening for syslog on tcp")) {
            Thread.sleep(50);
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 5000; i++) {
                out.write(("<13>Feb  5 07:08:09 cli app: n=" + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        Thread.sleep(300);
        // SIGTERM, as a service manager sends it (Process.destroy would also close the output pipe)
        p.toHandle().destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> log = Files.readAllLines(logFile);
        assertThat(p.exitValue()).as(String.join("\n", log)).isZero();
        assertThat(Files.readAllLines(data.resolve("logs/cli/app.log"))).hasSize(5000);
        assertThat(log).anyMatch(l -> l.endsWith("stopped; 5000 events processed"));
        {
            assertThat(log).anyMatch(l -> l.matches(".*listening for syslog on udp \\*:" + port));
            assertThat(log).anyMatch(l -> l.matches(".*listening for syslog on tcp \\*:" + port));
        }
    }
}
