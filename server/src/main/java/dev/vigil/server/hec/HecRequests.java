package dev.vigil.server.hec;

import dev.vigil.core.event.Event;
import dev.vigil.index.lucene.IndexNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Shared parts of HEC requests: times, index checks, channels, raw bodies. */
final class HecRequests {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private HecRequests() {
    }

    /** HEC's {@code time}: epoch seconds, with a fraction, as a number or a string; null when not one. */
    static Instant epoch(String s) {
        if (s == null || s.isEmpty() || s.length() > 32) {
            return null;
        }
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(s.trim());
            if (d.signum() < 0 || d.compareTo(java.math.BigDecimal.valueOf(253402300799L)) > 0) {
                return null;
            }
            long sec = d.longValue();
            long nanos = d.subtract(java.math.BigDecimal.valueOf(sec)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(sec, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The index an event goes to, checked against the token's allowed list (code 7 when not allowed). */
    static String index(String requested, HecToken token, int n) throws HecException {
        String index = requested != null && !requested.isEmpty() ? requested : token.index();
        if (index == null) {
            return null;
        }
        if (!IndexNames.isValid(index) || (!token.indexes().isEmpty() && !token.indexes().contains(index))) {
            throw new HecException(HecStatus.INCORRECT_INDEX, n);
        }
        return index;
    }

    /** A channel must be a GUID (code 11 otherwise). */
    static String channel(String channel) throws HecException {
        if (channel == null || channel.isEmpty()) {
            return null;
        }
        if (!GUID.matcher(channel).matches()) {
            throw new HecException(HecStatus.INVALID_CHANNEL);
        }
        return channel;
    }

    /** {@code /raw}: one event per non-blank line; time taken from the text per sourcetype, else now. */
    static List<Event> raw(byte[] body, HecToken token, String host, String source, String sourcetype, String index,
                           String clientHost, Instant now, int maxEvents) throws HecException {
        String text = new String(body, StandardCharsets.UTF_8);
        String ix = index(index, token, 0);
        List<Event> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (out.size() >= maxEvents) {
                throw new HecException(HecStatus.SERVER_BUSY, out.size());
            }
            out.add(Event.builder().received(now).raw(line.getBytes(StandardCharsets.UTF_8)).msg(line)
                    .hostname(HecEventParser.first(host, token.host(), clientHost)).fromHost(clientHost)
                    .source(HecEventParser.first(source, token.source(), "http:" + token.name()))
                    .sourcetype(HecEventParser.first(sourcetype, token.sourcetype(), null))
                    .index(ix).inputName("hec").build());
        }
        if (out.isEmpty()) {
            throw new HecException(HecStatus.NO_DATA);
        }
        return out;
    }
}
