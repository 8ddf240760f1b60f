package dev.vigil.server.hec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.Event;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splunk's HTTP Event Collector as Javalin routes; mount with {@code httpApi.mount(new HecHandler(config, sink))}.
 * Routes: {@code POST /services/collector[/event][/1.0]}, {@code POST /services/collector/raw[/1.0]},
 * {@code GET /services/collector/health[/1.0]}, {@code POST /services/collector/ack}.
 */
public final class HecHandler implements Consumer<Javalin> {
    private static final Logger LOG = LoggerFactory.getLogger(HecHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CHANNEL_HEADER = "X-Splunk-Request-Channel";

    private final HecConfig config;
    private final Map<String, HecToken> tokens;
    private final HecSink sink;
    private final AckChannels acks = new AckChannels();

    public HecHandler(HecConfig config, HecSink sink) {
        this.config = config;
        this.tokens = config.bySecret();
        this.sink = sink;
    }

    @Override
    public void accept(Javalin app) {
        for (String p : List.of("/services/collector", "/services/collector/event", "/services/collector/event/1.0")) {
            app.post(p, ctx -> respond(ctx, () -> event(ctx, false)));
        }
        for (String p : List.of("/services/collector/raw", "/services/collector/raw/1.0")) {
            app.post(p, ctx -> respond(ctx, () -> event(ctx, true)));
        }
        for (String p : List.of("/services/collector/health", "/services/collector/health/1.0")) {
            app.get(p, ctx -> send(ctx, HecStatus.HEALTHY.httpStatus(), status(HecStatus.HEALTHY)));
        }
        app.post("/services/collector/ack", ctx -> respond(ctx, () -> ack(ctx)));
    }

    private interface Action {
        Map<String, Object> run() throws HecException, IOException;
    }

    private void respond(Context ctx, Action a) {
        try {
            send(ctx, 200, a.run());
        } catch (HecException e) {
            Map<String, Object> body = status(e.status());
            if (e.invalidEventNumber() >= 0 && e.status() != HecStatus.NO_DATA) {
                body.put("invalid-event-number", e.invalidEventNumber());
            }
            send(ctx, e.status().httpStatus(), body);
        } catch (TooLarge e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", e.getMessage());
            body.put("code", HecStatus.INVALID_DATA_FORMAT.code());
            send(ctx, 413, body);
        } catch (IOException | RuntimeException e) {
            LOG.error("HEC request failed", e);
            send(ctx, HecStatus.INTERNAL_ERROR.httpStatus(), status(HecStatus.INTERNAL_ERROR));
        }
    }

    private static Map<String, Object> status(HecStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", s.text());
        m.put("code", s.code());
        return m;
    }

    private static void send(Context ctx, int status, Map<String, Object> body) {
        try {
            ctx.status(status).contentType("application/json; charset=UTF-8").result(JSON.writeValueAsString(body));
        } catch (IOException e) {
            ctx.status(500).result("{\"text\":\"Internal server error\",\"code\":8}");
        }
    }

    private Map<String, Object> event(Context ctx, boolean raw) throws HecException, IOException {
        HecToken token = authenticate(ctx);
        String channel = HecRequests.channel(first(ctx.header(CHANNEL_HEADER), ctx.queryParam("channel")));
        if (token.ackEnabled() && channel == null) {
            throw new HecException(HecStatus.CHANNEL_MISSING);
        }
        byte[] body = body(ctx);
        if (body.length == 0) {
            throw new HecException(HecStatus.NO_DATA);
        }
        Instant now = Instant.now();
        List<Event> events = raw
                ? HecRequests.raw(body, token, ctx.queryParam("host"), ctx.queryParam("source"),
                        ctx.queryParam("sourcetype"), ctx.queryParam("index"), ctx.ip(), now, config.maxEventsPerRequest())
                : HecEventParser.parse(body, token, ctx.ip(), now, config.maxEventsPerRequest());
        long seq = sink.submit(events);
        Map<String, Object> out = status(HecStatus.SUCCESS);
        if (token.ackEnabled()) {
            out.put("ackId", acks.register(channel, seq));
        }
        return out;
    }

    private Map<String, Object> ack(Context ctx) throws HecException, IOException {
        HecToken token = authenticate(ctx);
        if (!token.ackEnabled()) {
            throw new HecException(HecStatus.ACK_DISABLED);
        }
        String channel = HecRequests.channel(first(ctx.header(CHANNEL_HEADER), ctx.queryParam("channel")));
        if (channel == null) {
            throw new HecException(HecStatus.CHANNEL_MISSING);
        }
        byte[] body = body(ctx);
        List<Long> ids = new ArrayList<>();
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode list = n == null ? null : n.get("acks");
            if (list == null || !list.isArray()) {
                throw new HecException(HecStatus.INVALID_DATA_FORMAT);
            }
            for (JsonNode id : list) {
                if (!id.canConvertToLong()) {
                    throw new HecException(HecStatus.INVALID_DATA_FORMAT);
                }
                ids.add(id.asLong());
            }
        } catch (IOException e) {
            throw new HecException(HecStatus.INVALID_DATA_FORMAT);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acks", acks.query(channel, ids, sink::isDurable));
        return out;
    }

    /** The token of a request: {@code Authorization: Splunk <token>}, Basic auth with the token as password. */
    private HecToken authenticate(Context ctx) throws HecException {
        String auth = ctx.header("Authorization");
        String secret;
        if (auth == null || auth.isBlank()) {
            if (ctx.queryParam("token") != null) {
                if (!config.allowQueryStringAuth()) {
                    throw new HecException(HecStatus.QUERY_STRING_AUTH_DISABLED);
                }
                secret = ctx.queryParam("token");
            } else {
                throw new HecException(HecStatus.TOKEN_REQUIRED);
            }
        } else if (auth.regionMatches(true, 0, "Splunk ", 0, 7)) {
            secret = auth.substring(7).trim();
        } else if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HecException(HecStatus.INVALID_AUTHORIZATION);
            }
            int colon = decoded.indexOf(':');
            secret = colon < 0 ? decoded : decoded.substring(colon + 1);
        } else {
            throw new HecException(HecStatus.INVALID_AUTHORIZATION);
        }
        HecToken t = tokens.get(secret);
        if (t == null) {
            throw new HecException(HecStatus.INVALID_TOKEN);
        }
        if (t.disabled()) {
            throw new HecException(HecStatus.TOKEN_DISABLED);
        }
        return t;
    }

    /** A body too large to accept; answered with HTTP 413. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long length, long max) {
            super("Content-Length of " + length + " too large (maximum is " + max + ")");
        }
    }

    /** The request body, gunzipped when sent with {@code Content-Encoding: gzip}, bounded by the limit. */
    private byte[] body(Context ctx) throws IOException {
        long max = config.maxContentBytes();
        long declared = ctx.contentLength();
        if (declared > max) {
            throw new TooLarge(declared, max);
        }
        InputStream in = ctx.bodyInputStream();
        if ("gzip".equalsIgnoreCase(ctx.header("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw new TooLarge(total, max);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
