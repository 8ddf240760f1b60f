package dev.vigil.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class NtpCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void queryWithNoAnsweringServerSaysSoAndExits1() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThat(run("ntp", "query", "--samples", "1", "--timeout", "0.3", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(out.toString()).startsWith("server 127.0.0.1:" + port + ", no answer")
                .contains("no server suitable for synchronization found");
    }

    @Test
    void badSampleCountIsAUsageError() {
        assertThat(run("ntp", "query", "--samples", "0", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--samples 0 is outside 1..64");
    }

    @Test
    void badPortIsAUsageError() {
        assertThat(run("ntp", "query", "127.0.0.1:x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("port 'x' in 127.0.0.1:x is not a number");
    }
}
