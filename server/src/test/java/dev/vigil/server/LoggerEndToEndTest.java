package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * util-linux logger, the tool every lab host has, sends to the node over UDP, TCP and octet-counted TCP in
 * both RFC 3164 and RFC 5424; each message lands in DATA/logs/HOST/PROGRAM.log in RSYSLOG_FileFormat.
 */
class LoggerEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void everyLoggerModeLandsInTheHostsProgramFile() throws Exception {
        String logger = Peers.require("logger");
        try (RunningServer s = new RunningServer(dir)) {
            int udp = s.port("udp");
            int tcp = s.port("tcp");
            String p = "127.0.0.1";
            Peers.run(List.of(logger, "-n", p, "-P", "" + udp, "-d", "--rfc3164", "-t", "udp3164", "-p", "user.err",
                    "--", "one"));
            Peers.run(List.of(logger, "-n", p, "-P", "" + udp, "-d", "--rfc5424", "-t", "udp5424", "--", "two"));
            Peers.run(List.of(logger, "-n", p, "-P", "" + tcp, "-T", "--rfc3164", "-t", "tcp3164", "--", "three"));
            Peers.run(List.of(logger, "-n", p, "-P", "" + tcp, "-T", "--rfc5424", "-t", "tcp5424", "--", "four"));
            Peers.run(List.of(logger, "-n", p, "-P", "" + tcp, "-T", "--octet-count", "--rfc3164", "-t", "oc3164",
                    "--", "five"));
            Peers.run(List.of(logger, "-n", p, "-P", "" + tcp, "-T", "--octet-count", "--rfc5424", "-t", "oc5424",
                    "--msgid", "ID47", "--", "six"));
            s.settle();
            String host = java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0];
            // RFC 3164 lines carry "tag:" and a space before the message; RFC 5424 lines carry the bare APP-NAME
            assertThat(s.lines("logs/" + host + "/udp3164.log")).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d " + host + " udp3164: one");
            String ts = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?([+-]\\d\\d:\\d\\d|Z)";
            assertThat(s.lines("logs/" + host + "/udp5424.log")).singleElement().asString()
                    .matches(ts + " " + host + " udp5424 two");
            assertThat(s.lines("logs/" + host + "/tcp3164.log")).singleElement().asString()
                    .matches(ts + " " + host + " tcp3164: three");
            assertThat(s.lines("logs/" + host + "/tcp5424.log")).singleElement().asString()
                    .matches(ts + " " + host + " tcp5424 four");
            assertThat(s.lines("logs/" + host + "/oc3164.log")).singleElement().asString()
                    .matches(ts + " " + host + " oc3164: five");
            assertThat(s.lines("logs/" + host + "/oc5424.log")).singleElement().asString()
                    .matches(ts + " " + host + " oc5424 six");
        }
    }
}
