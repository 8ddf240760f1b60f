package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.FrameSink;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.TcpFrameDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters against the real rsyslogd: the same rules run by a private rsyslogd and by Vigil on the same
 * messages must select exactly the same messages into the same files, and reject the same lines.
 */
class FilterDifferentialTest {
    static final String TEMPLATE = "$template m,\"%pri-text% %hostname% %syslogtag%%msg%\\n\"\n";
    static final List<String> SELECTORS = List.of("*.*", "*.none", "*.=debug", "*.!debug", "*.!=debug", "kern.*",
            "user.err", "*.=crit;kern.none", "cron.!info,!debug", "mail.*;mail.!=info", "uucp,news.crit",
            "daemon.warn", "local0,local1.=notice", "*.*;*.!=debug", "*.!err", "security.*", "*.panic",
            "local7.*;local7.!crit", "ftp.none", "*.=debug;*.=info", "*.error", "auth,authpriv.none",
            "*.info;mail.none;authpriv.none;cron.none", "mail.info,kern.err", "mail.=!info", "*.=warn;*.=err",
            "local3.!*", "LOCAL4.NOTICE", "ntp.*", "mark.*", "kern.3", "kern.=6", "kern.foo", "foo.*",
            "*.emerg;*.alert;*.crit", "invld.*", "*.*;local5,local6.none", "syslog,lpr,news.!=err");

    @TempDir
    Path tmp;

    @Test
    void selectorsPickWhatRsyslogdPicks() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        StringBuilder rules = new StringBuilder(TEMPLATE);
        for (int i = 0; i < SELECTORS.size(); i++) {
            rules.append(SELECTORS.get(i)).append(" /OUT/sel-").append(i).append(".log;m\n");
        }
        List<byte[]> msgs = new ArrayList<>();
        for (int pri = 0; pri < 192; pri++) {
            msgs.add(("<" + pri + ">Feb  5 07:08:09 host-b prog[" + pri + "]: pri " + pri).getBytes(StandardCharsets.US_ASCII));
        }
        msgs.add("<192>Feb  5 07:08:09 host-b app: PRI 192".getBytes(StandardCharsets.US_ASCII));
        msgs.add("<>Feb  5 07:08:09 host-b app: empty PRI".getBytes(StandardCharsets.US_ASCII));
        compare(tmp, rules.toString(), RsyslogdPeer.stream(msgs));
    }

    @Test
    void propertyFiltersAndExpressionsPickWhatRsyslogdPicks() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        String rules = TEMPLATE + """
                :msg, contains, "fail" /OUT/p01.log;m
                :programname, startswith, "ss" /OUT/p02.log;m
                :hostname, !isequal, "localhost" /OUT/p03.log;m
                :msg, !regex, "^ [a-z]" /OUT/p04.log;m
                :syslogtag, ereregex, "^[a-z]+\\\\[[0-9]+\\\\]:$" /OUT/p05.log;m
                :msg, regex, "[0-9]\\{4\\}" /OUT/p06.log;m
                :programname, isempty, "" /OUT/p07.log;m
                :pri-text, startswith, "local" /OUT/p08.log;m
                :syslogseverity-text, isequal, "err" /OUT/p09.log;m
                if $syslogfacility-text == 'local0' or $syslogseverity > 5 then /OUT/e01.log;m
                if not ($msg contains 'e') then /OUT/e02.log;m
                if not $msg contains 'e' then /OUT/e03.log;m
                if $msg startswith ' f' and $programname != '' then /OUT/e04.log;m
                if re_match($msg, '[0-9]{4}') then /OUT/e05.log;m
                if $syslogseverity-text == ['err', 'crit'] then /OUT/e06.log;m
                if $pri > 100 then /OUT/e07.log;m
                if $hostname < 'h' then /OUT/e08.log;m
                if $syslogseverity + 1 == 4 then /OUT/e09.log;m
                if $programname & '-' == 'sshd-' then /OUT/e10.log;m
                if $msg contains_i 'ERROR' or $syslogtag startswith_i 'SSHD' then /OUT/e11.log;m
                if tolower($hostname) == 'my_host' then /OUT/e12.log;m
                if $fromhost-ip == '127.0.0.1' and $inputname == 'imtcp' and $syslogfacility < 2 then /OUT/e13.log;m
                if prifilt('mail.*') then /OUT/e14.log;m
                if strlen($msg) > 40 then /OUT/e15.log;m
                if $syslogfacility-text == 'user' or $syslogfacility-text == 'mail' and $syslogseverity == 3 then /OUT/e16.log;m
                if $msg contains 'severity' then {
                    if $syslogseverity <= 2 then /OUT/e17.log;m else /OUT/e18.log;m
                }
                if $programname startswith 'sshdX' then /OUT/e19.log;m
                if $programname startswith_i 'SSHDX' then /OUT/e20.log;m
                if $programname contains_i 'SHD' then /OUT/e21.log;m
                :programname, startswith, "sshdX" /OUT/p10.log;m
                ruleset(name="sub") {
                    if $syslogseverity <= 2 then {
                        action(type="omfile" file="/OUT/sub.log" template="m")
                        stop
                    }
                    action(type="omfile" file="/OUT/sub-rest.log" template="m")
                }
                *.* call sub
                :programname, isequal, "sshd" /OUT/a01.log;m
                & /OUT/a02.log;m
                & ~
                :msg, contains, "severity" /OUT/a03.log;m
                & stop
                *.* /OUT/last.log;m
                """;
        compare(tmp, rules, RsyslogCorpusDifferentialTest.resource("messages.txt"));
    }

    /** Runs {@code rules} in a private rsyslogd and in Vigil on the same TCP stream; the files must be equal. */
    static void compare(Path tmp, String rules, byte[] stream) throws Exception {
        RsyslogdPeer.Result peer = RsyslogdPeer.run(tmp.resolve("rsyslogd"), rules, stream);
        Path mine = tmp.resolve("vigil");
        List<String> warnings = new ArrayList<>();
        RsyslogConfig cfg = RsyslogConfigLoader.load("rules.conf", rules, LoaderOptions.defaults()
                .outputPath(p -> p.replace("/OUT/", mine + "/")).warnings(warnings::add));
        SyslogParser parser = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        SyslogParser.Origin origin = new SyslogParser.Origin(RsyslogCorpusDifferentialTest.RECEIVED, "localhost",
                "127.0.0.1", "imtcp");
        FrameSink sink = (b, off, len) -> {
            Event e = parser.parse(b, off, len, origin);
            if (e != null) {
                cfg.engine().process(e);
            }
        };
        TcpFrameDecoder d = new TcpFrameDecoder(parser.options().maxMessageSize());
        d.feed(stream, 0, stream.length, sink);
        d.endOfStream(sink);
        cfg.engine().close();

        Map<String, String> want = files(peer.out());
        Map<String, String> got = files(mine);
        System.out.println("rsyslogd wrote " + want.keySet() + "; its console: " + peer.console().trim()
                + "; Vigil's warnings: " + warnings);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        List<String> diffs = new ArrayList<>();
        for (String f : want.keySet()) {
            String[] w = want.get(f).split("\n", -1);
            String[] g = got.get(f).split("\n", -1);
            for (int i = 0; i < Math.max(w.length, g.length); i++) {
                String a = i < w.length ? w[i] : "<none>";
                String b = i < g.length ? g[i] : "<none>";
                if (!a.equals(b)) {
                    diffs.add(f + " line " + (i + 1) + ": Vigil [" + abbreviate(b) + "] rsyslogd [" + abbreviate(a) + "]");
                }
            }
        }
        assertThat(diffs).isEmpty();
        TreeSet<String> rsyslogErrors = new TreeSet<>();
        for (String line : peer.console().split("\n")) {
            if (line.contains("unknown priority name") || line.contains("unknown facility name")) {
                rsyslogErrors.add(line.replaceAll(".*(unknown (priority|facility) name \"[^\"]*\").*", "$1"));
            }
        }
        TreeSet<String> ours = new TreeSet<>();
        for (String w : warnings) {
            if (w.contains("unknown priority name") || w.contains("unknown facility name")) {
                ours.add(w.replaceAll(".*(unknown (priority|facility) name \"[^\"]*\").*", "$1"));
            }
        }
        assertThat(ours).isEqualTo(rsyslogErrors);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
    }
}
