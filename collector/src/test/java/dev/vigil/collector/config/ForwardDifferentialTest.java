package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil's omfwd in every legacy form ({@code @}, {@code @(z9)}, {@code @@}, {@code @@(o)},
 * {@code @@[::1]:port}) sending to a real rsyslogd, which must receive exactly the messages sent.
 */
class ForwardDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void rsyslogdReceivesWhatEveryForwardingFormSends() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        boolean v6 = hasIpv6Loopback();
        int tcp = RsyslogdPeer.freePort();
        int udp = RsyslogdPeer.freePort();
        int tcp6 = RsyslogdPeer.freePort();
        String central = "module(load=\"imudp\")\ninput(type=\"imudp\" address=\"127.0.0.1\" port=\"" + udp + "\")\n"
                + (v6 ? "input(type=\"imtcp\" address=\"::1\" port=\"" + tcp6 + "\" name=\"tcp6\")\n" : "")
                + "$template m,\"%inputname% %msg%\\n\"\n:programname, isequal, \"fwd\" /OUT/got.log;m\n";
        String client = ":msg, contains, \"udp-\" @127.0.0.1:" + udp + "\n"
                + ":msg, contains, \"zip-\" @(z9)127.0.0.1:" + udp + "\n"
                + ":msg, contains, \"tcp-\" @@127.0.0.1:" + tcp + "\n"
                + ":msg, contains, \"oct-\" @@(o)127.0.0.1:" + tcp + "\n"
                + (v6 ? ":msg, contains, \"six-\" @@[::1]:" + tcp6 + "\n" : "");
        List<String> kinds = new ArrayList<>(List.of("udp", "zip", "tcp", "oct"));
        if (v6) {
            kinds.add("six");
        }
        List<String> expected = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (RsyslogdPeer.Running server = RsyslogdPeer.start(tmp.resolve("central"), central, tcp)) {
            RsyslogConfig cfg = RsyslogConfigLoader.load("client.conf", client,
                    LoaderOptions.defaults().warnings(warnings::add));
            SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
            SyslogParser.Origin o = new SyslogParser.Origin(Instant.now(), "localhost", "127.0.0.1", "imtcp");
            for (int i = 0; i < 50; i++) {
                for (String k : kinds) {
                    String text = k + "-" + i + (k.equals("zip") ? " " + "compressible ".repeat(10) : "");
                    byte[] m = ("<13>Jun 15 12:00:00 client fwd: " + text).getBytes(StandardCharsets.US_ASCII);
                    Event e = parser.parse(m, 0, m.length, o);
                    cfg.engine().process(e);
                    String input = k.equals("udp") || k.equals("zip") ? "imudp" : k.equals("six") ? "tcp6" : "imtcp";
                    expected.add(input + "  " + text);
                }
                cfg.engine().flush();
            }
            cfg.engine().close();
            Path got = server.out().resolve("got.log");
            long end = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < end
                    && (!Files.exists(got) || Files.readAllLines(got).size() < expected.size())) {
                Thread.sleep(100);
            }
            List<String> lines = Files.exists(got) ? Files.readAllLines(got) : List.of();
            System.out.println("rsyslogd received " + lines.size() + " of " + expected.size() + " (IPv6 "
                    + (v6 ? "tested" : "skipped: no ::1") + "); warnings " + warnings);
            assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
            for (String k : kinds) {
                // each transport keeps the order in which it was sent
                String prefix = " " + k + "-";
                List<String> mine = lines.stream().filter(l -> l.contains(prefix)).toList();
                List<String> want = expected.stream().filter(l -> l.contains(prefix)).toList();
                assertThat(mine).as(k).isEqualTo(want);
            }
        }
    }

    private static boolean hasIpv6Loopback() {
        try {
            return java.net.NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null
                    && InetAddress.getByName("::1") instanceof Inet6Address;
        } catch (Exception e) {
            return false;
        }
    }
}
