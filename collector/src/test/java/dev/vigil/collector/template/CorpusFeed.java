package dev.vigil.collector.template;

import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.TcpFrameDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The corpus messages as rsyslogd received them in the oracle's file runs: one LF-framed TCP stream. */
public final class CorpusFeed {
    public static final Instant RECEIVED = Instant.parse("2025-06-15T12:00:00Z");

    private CorpusFeed() {
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = CorpusFeed.class.getResourceAsStream("/template-corpus/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Every event rsyslog would have made of messages.txt sent over one TCP connection. */
    public static List<Event> tcpEvents() throws IOException {
        byte[] stream = resource("messages.txt");
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        SyslogParser.Origin origin = new SyslogParser.Origin(RECEIVED, "localhost", "127.0.0.1", "imtcp");
        List<Event> out = new ArrayList<>();
        TcpFrameDecoder d = new TcpFrameDecoder(ParserOptions.DEFAULT_MAX_MESSAGE_SIZE);
        d.feed(stream, 0, stream.length, (b, off, len) -> {
            Event e = parser.parse(b, off, len, origin);
            if (e != null) {
                out.add(e);
            }
        });
        return out;
    }

    /** Replaces our reception timestamps with the oracle's placeholders. */
    public static String normalize(String line) {
        return line.replace("2025-06-15T12:00:00.000000+00:00", "<RCVD>.######+00:00")
                .replace("Jun 15 12:00:00", "<RCVD3164>");
    }
}
