package dev.vigil.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the rsyslog corpus, sent the way the oracle sent it to the real rsyslogd 8.2302
 * (one TCP connection or datagram per message, followed by a separator message), must give exactly the
 * properties rsyslogd recorded: the file {@code props-*.json} was produced by rsyslogd itself.
 */
class RsyslogParityTest {
    static final Instant RECEIVED = Instant.parse("2025-06-15T12:00:00Z");
    static final List<String> PROPS = List.of("hostname", "fromhost", "fromhost-ip", "syslogtag", "programname",
            "app-name", "procid", "msgid", "protocol-version", "pri", "pri-text", "syslogfacility",
            "syslogfacility-text", "syslogseverity", "syslogseverity-text", "timereported", "timereported-3164",
            "structured-data", "msg", "rawmsg", "rawmsg-after-pri");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String corpus : List.of("props", "framing-props")) {
            for (String transport : List.of("tcp", "tcp-octet", "udp")) {
                JsonNode root = load(corpus + "-" + transport + ".json");
                for (JsonNode m : root.get("messages")) {
                    out.add(Arguments.of(corpus + "-" + transport + " #" + m.get("index").asInt(), transport, m));
                }
            }
        }
        return out.stream();
    }

    static JsonNode load(String name) throws IOException {
        try (InputStream in = RsyslogParityTest.class.getResourceAsStream("/rsyslog-corpus/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static byte[] bytes(JsonNode v) {
        if (v.isObject()) {
            return Base64.getDecoder().decode(v.get("base64").asText());
        }
        return v.asText().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesLikeRsyslog(String name, String transport, JsonNode m) {
        byte[] raw = bytes(m.get("raw"));
        int index = m.get("index").asInt();
        List<Event> events = receive(transport, raw, index);
        JsonNode expected = m.get("records");
        List<String> diffs = new ArrayList<>();
        if (events.size() != expected.size()) {
            diffs.add("record count " + events.size() + " expected " + expected.size() + ": " + events);
        } else {
            for (int r = 0; r < events.size(); r++) {
                for (String p : PROPS) {
                    byte[] want = bytes(expected.get(r).get(p));
                    byte[] got = SyslogText.encode(normalize(property(events.get(r), p)));
                    if (!Arrays.equals(want, got)) {
                        diffs.add("record " + r + " " + p + ": got [" + new String(got, StandardCharsets.UTF_8)
                                + "] expected [" + new String(want, StandardCharsets.UTF_8) + "]");
                    }
                }
            }
        }
        assertThat(diffs).as(name).isEmpty();
    }

    /** Sends the message and the oracle's separator as the oracle did; drops the separator's own record. */
    static List<Event> receive(String transport, byte[] raw, int index) {
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        SyslogParser.Origin origin = new SyslogParser.Origin(RECEIVED, "localhost", "127.0.0.1", "imtcp");
        byte[] sep = ("<46>Jan  1 00:00:00 oracle rsyslog-oracle-sep: SEP 0RACLE " + index)
                .getBytes(StandardCharsets.US_ASCII);
        List<Event> events = new ArrayList<>();
        FrameSink sink = (b, off, len) -> {
            Event e = parser.parse(b, off, len, origin);
            if (e != null) {
                events.add(e);
            }
        };
        switch (transport) {
            case "udp" -> {
                int n = Math.min(raw.length, parser.options().maxMessageSize());
                if (n > 0) {
                    sink.frame(raw, 0, n);
                }
            }
            case "tcp" -> {
                TcpFrameDecoder d = new TcpFrameDecoder(parser.options().maxMessageSize());
                byte[] stream = concat(raw, "\n".getBytes(), sep, "\n".getBytes());
                d.feed(stream, 0, stream.length, sink);
                d.endOfStream(sink); // the oracle closed the connection after the separator
            }
            default -> {
                TcpFrameDecoder d = new TcpFrameDecoder(parser.options().maxMessageSize());
                byte[] stream = concat((raw.length + " ").getBytes(), raw, (sep.length + " ").getBytes(), sep);
                d.feed(stream, 0, stream.length, sink);
                d.endOfStream(sink); // the oracle closed the connection after the separator
            }
        }
        if (!events.isEmpty()) {
            Event last = events.get(events.size() - 1);
            if (last.syslogTag().equals("rsyslog-oracle-sep:") && last.msg().equals(" SEP 0RACLE " + index)) {
                events.remove(events.size() - 1);
            }
        }
        return events;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static String property(Event e, String p) {
        return switch (p) {
            case "timereported" -> TimeFormats.rfc3339(Properties.reported(e));
            case "timereported-3164" -> TimeFormats.rfc3164(Properties.reported(e));
            default -> Properties.get(e, p);
        };
    }

    /** The oracle replaced reception timestamps with placeholders; do the same to ours. */
    static String normalize(String v) {
        return v.replace("2025-06-15T12:00:00.000000+00:00", "<RCVD>.######+00:00")
                .replace("Jun 15 12:00:00", "<RCVD3164>");
    }
}
