package dev.vigil.cli;

import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.Properties;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.TimeFormats;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil parse}: raw syslog lines in, one JSON object per line out, with rsyslog's property names. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Read raw syslog lines on standard input and print, for each non-empty line, one JSON",
            "object with the properties rsyslog (and Vigil) parse from it, as if received over TCP."})
public final class ParseCommand implements Callable<Integer> {
    @Option(names = "--format", defaultValue = "json", description = "output format: json (default)")
    String format;

    @Option(names = "--fromhost", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "the sender's address (default 127.0.0.1, named localhost)")
    String fromHost;

    @Option(names = "--max-message-size", defaultValue = "8096", paramLabel = "N",
            description = "longest message kept, as rsyslog's $MaxMessageSize (default 8096)")
    int maxSize;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("json")) {
            System.err.println("vigil parse: unknown format '" + format + "', expected json");
            return 2;
        }
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS.withMaxMessageSize(maxSize),
                ZoneId.systemDefault());
        String name = fromHost.equals("127.0.0.1") || fromHost.equals("::1") ? "localhost" : fromHost;
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        StringBuilder g = new StringBuilder(1024);
        InputStream in = System.in;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    emit(parser, name, line, g, out);
                } else if (line.size() < maxSize) {
                    line.write(buf[i]); // the rest of an over-long line is never kept in memory
                }
            }
        }
        emit(parser, name, line, g, out);
        out.flush();
        return 0;
    }

    private void emit(SyslogParser parser, String name, ByteArrayOutputStream line, StringBuilder g, OutputStream out)
            throws IOException {
        byte[] b = line.toByteArray();
        line.reset();
        int len = b.length;
        if (len == 0) {
            return;
        }
        // one message per line, even a line longer than the maximum (it is truncated, not split)
        Instant now = Instant.now();
        Event e = parser.parse(b, 0, Math.min(len, parser.options().maxMessageSize()),
                new SyslogParser.Origin(now, name, fromHost, "imtcp"));
        if (e == null) {
            // a line of nothing but a NUL: rsyslog would drop it; we still print one object per line
            e = Event.builder().received(now).hostname(name).fromHost(name).fromHostIp(fromHost).inputName("imtcp")
                    .build();
        }
        g.setLength(0);
        g.append('{');
        for (String p : Properties.PARSE_OUTPUT) {
            String v;
            switch (p) {
                case "timereported": v = TimeFormats.rfc3339(Properties.reported(e)); break;
                case "timereported-3164": v = TimeFormats.rfc3164(Properties.reported(e)); break;
                case "timegenerated": v = TimeFormats.rfc3339(Properties.generated(e)); break;
                default: v = Properties.get(e, p);
            }
            if (g.length() > 1) {
                g.append(',');
            }
            JsonText.quote(p, g);
            g.append(':');
            JsonText.quote(v, g);
        }
        g.append("}\n");
        out.write(g.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
