package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.action.forward.WireFormat;
import dev.vigil.collector.action.usrmsg.Utmp;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.FrameSink;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.SyslogText;
import dev.vigil.core.syslog.TcpFrameDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3 point 5: every rule file of the rsyslog corpus, loaded with the oracle's preamble, fed with
 * every message of messages.txt as the oracle sent them (one TCP connection with LF framing, or one
 * datagram per line), must write exactly the files, forwarded frames and terminal output that
 * rsyslogd 8.2302 wrote (expected/files-tcp.json, files-udp.json).
 */
class RsyslogCorpusDifferentialTest {
    static final Instant RECEIVED = Instant.parse("2025-06-15T12:00:00Z");
    static final List<String> RULES = List.of("00-catchall.conf", "10-debian-default.conf", "20-selectors.conf",
            "30-remote-dynafile.conf", "40-forward-users.conf", "50-filters.conf", "60-templates.conf");
    static final List<String> USERS = List.of("root", "gildong", "alice");
    private static TimeZone saved;

    @TempDir
    Path tmp;

    @BeforeAll
    static void utc() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void restore() {
        TimeZone.setDefault(saved);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String t : List.of("tcp", "udp")) {
            for (String r : RULES) {
                out.add(Arguments.of(r, t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void writesWhatRsyslogWrote(String rules, String transport) throws Exception {
        JsonNode expected = json("expected/files-" + transport + ".json").get("cases").get(rules);
        Path out = tmp.resolve("out");
        Path ttys = tmp.resolve("ttys");
        Files.createDirectories(ttys);
        Path utmp = tmp.resolve("utmp");
        ByteArrayBuilder u = new ByteArrayBuilder();
        for (String user : USERS) {
            Files.write(ttys.resolve("pts-" + user), new byte[0]);
            u.add(Utmp.record(user, "pts-" + user, 100));
        }
        Files.write(utmp, u.bytes());

        Map<String, ForwardCapture> captures = new LinkedHashMap<>();
        Map<String, String> redirect = new LinkedHashMap<>();
        JsonNode fwd = expected.path("forwards");
        for (var it = fwd.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            ForwardCapture c = new ForwardCapture(key.startsWith("@@"));
            captures.put(key, c);
            redirect.put(hostPort(key), "127.0.0.1:" + c.port());
        }
        List<String> warnings = new ArrayList<>();
        String conf = preamble() + text("rules/" + rules);
        LoaderOptions opts = LoaderOptions.defaults()
                .outputPath(p -> p.startsWith("/") ? out + p : p)
                .forwardTarget(hp -> redirect.getOrDefault(hp, hp))
                .utmp(utmp.toString(), ttys.toString())
                .warnings(warnings::add);
        RsyslogConfig cfg = RsyslogConfigLoader.load(rules, conf, opts);
        for (Event e : events(transport)) {
            cfg.engine().process(e);
        }
        cfg.engine().close();

        List<String> diffs = new ArrayList<>();
        compareFiles(expected.path("files"), out, diffs);
        for (Map.Entry<String, ForwardCapture> c : captures.entrySet()) {
            JsonNode want = fwd.get(c.getKey());
            c.getValue().settle(want.size());
            compareForwards(c.getKey(), want, c.getValue(), diffs);
            c.getValue().close();
        }
        for (String user : USERS) {
            String want = expected.path("ttys").path(user).asText("");
            String got = normalize(Files.readString(ttys.resolve("pts-" + user), StandardCharsets.ISO_8859_1));
            if (!want.equals(got)) {
                diffs.add("tty " + user + ": got\n" + got + "\nexpected\n" + want);
            }
        }
        System.out.println(rules + " over " + transport + ": " + (diffs.isEmpty() ? "identical" : diffs.size()
                + " differences") + "; warnings " + warnings);
        assertThat(diffs).as(rules + " over " + transport).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void framingStreamThroughCatchallWritesWhatRsyslogWrote() throws Exception {
        JsonNode expected = json("expected/framing-files-tcp.json").get("cases").get("00-catchall.conf");
        Path out = tmp.resolve("out");
        RsyslogConfig cfg = RsyslogConfigLoader.load("00-catchall.conf", preamble() + text("rules/00-catchall.conf"),
                LoaderOptions.defaults().outputPath(p -> p.startsWith("/") ? out + p : p));
        for (Event e : events("tcp", "framing.txt")) {
            cfg.engine().process(e);
        }
        cfg.engine().close();
        List<String> diffs = new ArrayList<>();
        compareFiles(expected.path("files"), out, diffs);
        System.out.println("framing.txt over tcp: " + (diffs.isEmpty() ? "identical" : diffs));
        assertThat(diffs).isEmpty();
    }

    private static void compareFiles(JsonNode files, Path out, List<String> diffs) throws IOException {
        Map<String, List<byte[]>> got = new LinkedHashMap<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    got.put("/" + out.relativize(p).toString(), lines(Files.readAllBytes(p), diffs, p));
                }
            }
        }
        for (var it = files.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            List<byte[]> mine = got.remove(name);
            if (mine == null) {
                diffs.add("missing file " + name);
                continue;
            }
            JsonNode want = files.get(name);
            if (want.size() != mine.size()) {
                diffs.add(name + ": " + mine.size() + " lines, expected " + want.size());
            }
            for (int i = 0; i < Math.min(want.size(), mine.size()); i++) {
                byte[] w = bytes(want.get(i));
                byte[] g = SyslogText.encode(normalize(SyslogText.decode(mine.get(i))));
                if (!java.util.Arrays.equals(w, g)) {
                    diffs.add(name + " line " + (i + 1) + ": got [" + SyslogText.decode(g) + "] expected ["
                            + SyslogText.decode(w) + "]");
                }
            }
        }
        got.keySet().forEach(n -> diffs.add("unexpected file " + n));
    }

    private static List<byte[]> lines(byte[] data, List<String> diffs, Path p) {
        List<byte[]> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(data, s, i));
                s = i + 1;
            }
        }
        if (s < data.length) {
            diffs.add(p + ": last line without LF");
            out.add(java.util.Arrays.copyOfRange(data, s, data.length));
        }
        return out;
    }

    private static void compareForwards(String key, JsonNode want, ForwardCapture c, List<String> diffs) {
        List<String> got = new ArrayList<>();
        if (c.tcp) {
            String all = SyslogText.decode(c.bytes());
            for (String l : all.split("\n", -1)) {
                got.add(normalize(l));
            }
            if (!got.isEmpty() && got.get(got.size() - 1).isEmpty()) {
                got.remove(got.size() - 1);
            }
        } else {
            for (byte[] d : new ArrayList<>(c.datagrams)) {
                boolean z = d.length > 0 && d[0] == 'z';
                String text = SyslogText.decode(WireFormat.decompress(d, 1 << 20));
                got.add(normalize(z ? "{compressed}" + text : text));
            }
        }
        if (got.size() != want.size()) {
            diffs.add(key + ": " + got.size() + " frames, expected " + want.size());
        }
        for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
            JsonNode w = want.get(i);
            String ws = w.isObject() && w.has("compressed") ? "{compressed}" + SyslogText.decode(bytes(w.get("data")))
                    : SyslogText.decode(bytes(w));
            if (!ws.equals(got.get(i))) {
                diffs.add(key + " frame " + (i + 1) + ": got [" + got.get(i) + "] expected [" + ws + "]");
            }
        }
    }

    /** "@@loghost:6514" -> "loghost:6514"; "@(z9)ziphost" -> "ziphost:514". */
    static String hostPort(String action) {
        String a = action.replaceFirst("^@@?", "").replaceFirst("^\\([^)]*\\)", "");
        return a.contains(":") ? a : a + ":514";
    }

    /** The messages as the oracle sent them: one LF-framed TCP stream, or one datagram per line. */
    static List<Event> events(String transport) throws IOException {
        return events(transport, "messages.txt");
    }

    static List<Event> events(String transport, String file) throws IOException {
        byte[] all = resource(file);
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        SyslogParser.Origin origin = new SyslogParser.Origin(RECEIVED, "localhost", "127.0.0.1", "im" + transport);
        List<Event> events = new ArrayList<>();
        FrameSink sink = (b, off, len) -> {
            Event e = parser.parse(b, off, len, origin);
            if (e != null) {
                events.add(e);
            }
        };
        if (transport.equals("tcp")) {
            TcpFrameDecoder d = new TcpFrameDecoder(parser.options().maxMessageSize());
            d.feed(all, 0, all.length, sink);
            d.endOfStream(sink);
        } else {
            int s = 0;
            for (int i = 0; i <= all.length; i++) {
                if (i == all.length || all[i] == '\n') {
                    int n = Math.min(i - s, parser.options().maxMessageSize());
                    if (n > 0) {
                        sink.frame(all, s, n);
                    }
                    s = i + 1;
                }
            }
        }
        return events;
    }

    /** The oracle's generated preamble (see ../shared/tools/rsyslog-oracle), with its paths under /oracle. */
    static String preamble() {
        return String.join("\n", "$FileOwner root", "$FileGroup adm", "$FileCreateMode 0640",
                "$DirCreateMode 0755", "$Umask 0022", "$WorkDirectory /oracle/work", "$MainMsgQueueWorkerThreads 1",
                "module(load=\"imtcp\")", "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"15514\")",
                ":inputname, isequal, \"rsyslogd\" /oracle/internal.log", "& stop",
                ":programname, isequal, \"rsyslog-oracle-end\" /oracle/control.log", "& stop", "");
    }

    static String normalize(String v) {
        return v.replace("2025-06-15T12:00:00.000000+00:00", "<RCVD>.######+00:00")
                .replace("Jun 15 12:00:00", "<RCVD3164>");
    }

    static byte[] bytes(JsonNode v) {
        if (v.isObject()) {
            return Base64.getDecoder().decode(v.get("base64").asText());
        }
        return v.asText().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(String name) throws IOException {
        return new ObjectMapper().readTree(resource(name));
    }

    static String text(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RsyslogCorpusDifferentialTest.class.getResourceAsStream("/rsyslog-corpus/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource rsyslog-corpus/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** Concatenates byte arrays. */
    static final class ByteArrayBuilder {
        private final java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();

        void add(byte[] x) {
            b.write(x, 0, x.length);
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}
