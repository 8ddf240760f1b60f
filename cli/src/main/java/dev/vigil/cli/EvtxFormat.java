package dev.vigil.cli;

import dev.vigil.agent.evtx.EvtxReader;
import dev.vigil.agent.evtx.EvtxRecord;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.index.extract.Sourcetypes;
import dev.vigil.index.importer.ImportOptions;
import dev.vigil.index.importer.RecordFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Windows EVTX files for {@code vigil import}, read with the agent's {@link EvtxReader}: each record becomes an
 * event whose {@code _raw} is its XML rendering, sourcetype {@code XmlWinEventLog}, source
 * {@code XmlWinEventLog:<Channel>} (as Splunk's forwarder names it, so live and imported events match the same
 * searches), host the record's Computer, {@code _time} its TimeCreated, and the file in field {@code evtx_file}.
 * The fields themselves are extracted from the XML where the event is indexed, as for XML arriving by HEC or TCP.
 */
final class EvtxFormat implements RecordFormat {
    private static final byte[] MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    private final String localHost = localHostName();

    @Override
    public boolean reads(Path file, byte[] head) {
        return (head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length))
                || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".evtx");
    }

    @Override
    public void read(Path file, ImportOptions options, Events events, Consumer<String> problems) throws IOException {
        String path = file.toAbsolutePath().toString();
        Instant now = Instant.now();
        try {
            new EvtxReader(EvtxReader.DEFAULT_MAX_CHUNKS).read(file, r -> {
                long position = EvtxReader.FILE_HEADER_SIZE + (r.chunk() + 1L) * EvtxReader.CHUNK_SIZE;
                try {
                    events.accept(event(r, path, options, now), position);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, problems);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Event event(EvtxRecord r, String path, ImportOptions options, Instant now) {
        String channel = r.fields().get("Channel");
        String computer = r.fields().get("Computer");
        String host = options.host() != null ? options.host() : computer;
        return Event.builder().received(now).reported(SyslogTime.ofInstant(time(r), ZoneOffset.UTC))
                .raw(r.xml().getBytes(StandardCharsets.UTF_8)).msg(r.xml())
                .source(channel != null ? Sourcetypes.XML_WIN_EVENT_LOG + ":" + channel : path)
                .sourcetype(options.sourcetype() != null ? options.sourcetype() : Sourcetypes.XML_WIN_EVENT_LOG)
                .index(options.index()).fromHost(localHost).hostname(host == null ? localHost : host)
                .field("evtx_file", path).build();
    }

    /** TimeCreated (to the 100 ns of a FILETIME), else when the record was written. */
    private static Instant time(EvtxRecord r) {
        String t = r.fields().get("TimeCreated");
        if (t != null) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                // a SYSTEMTIME or malformed value: the record header's time is as good
            }
        }
        return r.written();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
