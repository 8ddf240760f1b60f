package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collector.rule.Ruleset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading whole configurations: Debian's stock file, big rule sets, includes, errors and warnings. */
class RsyslogConfigLoaderTest {
    @TempDir
    Path tmp;
    final List<String> warnings = new ArrayList<>();

    LoaderOptions opts() {
        return LoaderOptions.defaults().warnings(warnings::add)
                .outputPath(p -> p.startsWith("/") ? tmp + "/out" + p : p)
                .includePath(p -> p.startsWith("/etc/") ? tmp + p : p);
    }

    RsyslogConfig load(String text) {
        return RsyslogConfigLoader.load("test.conf", text, opts());
    }

    @Test
    void debianStockConfigurationLoadsWithoutWarning() throws IOException {
        Path conf = tmp.resolve("rsyslog.conf");
        try (InputStream in = getClass().getResourceAsStream("/debian12-rsyslog.conf")) {
            Files.write(conf, in.readAllBytes());
        }
        RsyslogConfig cfg = RsyslogConfigLoader.load(conf, opts());
        assertThat(warnings).isEmpty();
        assertThat(cfg.inputs()).extracting(InputSpec::type).containsExactly("imuxsock", "imklog");
        assertThat(cfg.globals().workDirectory()).isEqualTo("/var/spool/rsyslog");
        assertThat(cfg.actions()).extracting(ActionSpec::type)
                .containsExactly("omfile", "omfile", "omfile", "omfile", "omfile", "omfile", "omusrmsg");
        assertThat(cfg.actions().get(0).params().get("fileowner")).isEqualTo("root");
        assertThat(cfg.actions().get(0).params().get("filecreatemode")).isEqualTo("0640");
        cfg.engine().close();
    }

    @Test
    void tenThousandRulesLoadInUnderTwoSeconds() {
        StringBuilder sb = new StringBuilder();
        String[] fac = {"kern", "user", "mail", "daemon", "auth", "local0", "local7"};
        for (int i = 0; i < 10_000; i++) {
            switch (i % 4) {
                case 0 -> sb.append(fac[i % fac.length]).append(".info;mail.none /var/log/r").append(i % 50).append(".log\n");
                case 1 -> sb.append(":msg, contains, \"needle").append(i).append("\" /var/log/p").append(i % 50).append(".log\n");
                case 2 -> sb.append("if $programname == 'prog").append(i).append("' and $syslogseverity <= 3 then /var/log/e")
                        .append(i % 50).append(".log\n");
                default -> sb.append("*.=crit;kern.none -/var/log/c").append(i % 50).append(".log\n& stop\n");
            }
        }
        // CPU time of this thread, so a machine busy with other builds does not make the test flaky
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RsyslogConfig cfg = load(sb.toString());
        long ms = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
        System.out.println("10,000 rules loaded in " + ms + " ms CPU, " + (System.nanoTime() - t0) / 1_000_000
                + " ms elapsed");
        assertThat(cfg.engine().rulesets().get(Ruleset.DEFAULT).body().statements()).hasSize(10_000);
        assertThat(warnings).isEmpty();
        assertThat(ms).isLessThan(2000);
        cfg.engine().close();
    }

    @Test
    void syntaxErrorNamesFileLineColumnAndWhatWasExpected() {
        assertThatThrownBy(() -> load("*.* /var/log/a\nif $msg contains 'x' /var/log/b\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:2:22: expected 'then' after the condition, found '/var/log/b'");
        assertThatThrownBy(() -> load("ruleset(name=\"r\") {\n  *.* /var/log/a\n"))
                .hasMessage("test.conf:3:1: expected '}' to close the block, found the end of the file");
        assertThatThrownBy(() -> load("action(type=\"omfile\" file=\"/x\"\n"))
                .hasMessage("test.conf:2:1: expected ')' to close the parameter list, found the end of the file");
        assertThatThrownBy(() -> load("if $msg == then /x\n"))
                .hasMessage("test.conf:1:12: expected an expression, found 'then'");
    }

    @Test
    void unsupportedThingsAreReportedAndTheRestRuns() {
        RsyslogConfig cfg = load("""
                module(load="imfile")
                $ActionQueueDiscardMark 10
                $SomethingNew on
                set $.x = "y";
                *.* |/var/run/pipe
                *.* /var/log/kept.log
                action(type="omfile" file="/var/log/kept2.log" fileCreateMode="0600" flie="/typo")
                """);
        assertThat(warnings).containsExactly("test.conf:1: unsupported module imfile (ignored)",
                "test.conf:3: unsupported directive $SomethingNew (ignored)",
                "test.conf:4: unsupported statement 'set' (ignored)",
                "test.conf:5: unsupported named pipe action (ompipe) '|/var/run/pipe' (ignored)",
                "test.conf:7: unsupported parameter 'flie' of omfile (ignored)");
        assertThat(cfg.actions()).extracting(a -> a.params().get("file"))
                .containsExactly("/var/log/kept.log", "/var/log/kept2.log");
        cfg.engine().close();
    }

    @Test
    void linesRsyslogRejectsAreSkippedWithItsReason() {
        RsyslogConfig cfg = load("""
                cron.!info,!debug /var/log/cron.log
                :msg, foo, "x" /var/log/foo.log
                :nosuchprop, contains, "x" /var/log/bar.log
                bogus.* /var/log/bogus.log
                *.* /var/log/ok.log
                """);
        assertThat(warnings).containsExactly(
                "test.conf:1: error: unknown priority name \"\" - selector line ignored",
                "test.conf:2: error: invalid compare operation 'foo' - ignoring selector - filter line ignored",
                "test.conf:3: error: invalid property name 'nosuchprop' - filter line ignored",
                "test.conf:4: error: unknown facility name \"bogus\" - selector line ignored");
        assertThat(cfg.actions()).hasSize(1);
        cfg.engine().close();
    }

    @Test
    void badTemplatesAndRegexesAreReportedAndNothingElseStops() {
        RsyslogConfig cfg = load("""
                $template bad,"%nosuchproperty% %msg%\\n"
                *.* /var/log/a.log;bad
                :msg, ereregex, "(unclosed" /var/log/b.log
                if re_match($msg, '[z-a]') then /var/log/c.log
                *.* /var/log/ok.log
                """);
        assertThat(warnings).hasSize(4);
        // problems found while reading come first, then those found when templates and actions are built
        assertThat(warnings.get(0)).startsWith("test.conf:3: error: regular expression \"(unclosed\" does not compile");
        assertThat(warnings.get(1)).startsWith("test.conf:4: error: regular expression \"[z-a]\" does not compile")
                .endsWith(" - if statement ignored");
        assertThat(warnings.get(2)).startsWith("test.conf:1: error: template 'bad': ").contains("nosuchproperty")
                .endsWith(" - template ignored");
        assertThat(warnings.get(3)).isEqualTo("test.conf:2: error: omfile: template 'bad' not found - action ignored");
        assertThat(cfg.actions()).extracting(a -> a.params().get("file")).containsExactly("/var/log/ok.log");
        cfg.engine().close();
    }

    @Test
    void includeConfigReadsGlobMatchesInNameOrder() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("etc/rsyslog.d"));
        Files.writeString(d.resolve("20-b.conf"), "mail.* /var/log/b.log\n");
        Files.writeString(d.resolve("10-a.conf"), "kern.* /var/log/a.log\n");
        Files.writeString(d.resolve("ignored.txt"), "garbage garbage\n");
        RsyslogConfig cfg = load("$IncludeConfig /etc/rsyslog.d/*.conf\ninclude(file=\"/etc/none/*.conf\")\n");
        assertThat(cfg.actions()).extracting(a -> a.params().get("file")).containsExactly("/var/log/a.log", "/var/log/b.log");
        assertThat(cfg.actions().get(0).location()).endsWith("10-a.conf:1");
        assertThat(warnings).isEmpty();
        cfg.engine().close();
    }

    @Test
    void listenerSettingsAreReturnedForTheInputs() {
        RsyslogConfig cfg = load("""
                $ModLoad imudp
                $UDPServerAddress 127.0.0.1
                $UDPServerRun 1514
                $ModLoad imtcp
                $InputTCPMaxSessions 500
                $DefaultNetstreamDriver gtls
                $DefaultNetstreamDriverCAFile /etc/ssl/ca.pem
                $InputTCPServerStreamDriverMode 1
                $InputTCPServerStreamDriverAuthMode anon
                $InputTCPServerRun 6514
                module(load="imptcp")
                input(type="imptcp" port="10514" address="::1" ruleset="remote")
                ruleset(name="remote") {
                    *.* /var/log/remote.log
                }
                $MaxMessageSize 64k
                $MainMsgQueueSize 100000
                global(workDirectory="/var/spool/vigil")
                """);
        assertThat(warnings).isEmpty();
        assertThat(cfg.inputs()).hasSize(3);
        InputSpec udp = cfg.inputs().get(0);
        assertThat(udp.type()).isEqualTo("imudp");
        assertThat(udp.port(514)).isEqualTo(1514);
        assertThat(udp.address()).isEqualTo("127.0.0.1");
        InputSpec tcp = cfg.inputs().get(1);
        assertThat(tcp.port(514)).isEqualTo(6514);
        assertThat(tcp.tls()).isTrue();
        assertThat(tcp.params().get("maxsessions")).isEqualTo("500");
        assertThat(tcp.params().get("streamdriver.authmode")).isEqualTo("anon");
        assertThat(cfg.inputs().get(2).ruleset()).isEqualTo("remote");
        assertThat(cfg.globals().maxMessageSize()).isEqualTo(64000);
        assertThat(cfg.globals().defaultNetstreamDriver()).isEqualTo("gtls");
        assertThat(cfg.globals().mainQueue().get("queue.size")).isEqualTo("100000");
        assertThat(cfg.globals().workDirectory()).isEqualTo("/var/spool/vigil");
        cfg.engine().close();
    }

    @Test
    void legacyQueueSettingsApplyToTheNextActionOnly() {
        RsyslogConfig cfg = load("""
                $WorkDirectory /var/spool/rsyslog
                $ActionQueueType LinkedList
                $ActionQueueFileName fwdq
                $ActionResumeRetryCount -1
                $ActionQueueSaveOnShutdown on
                *.* @@127.0.0.1:10514
                *.* /var/log/after.log
                """);
        ActionSpec fwd = cfg.actions().get(0);
        assertThat(fwd.type()).isEqualTo("omfwd");
        assertThat(fwd.params().get("queue.type")).isEqualTo("LinkedList");
        assertThat(fwd.params().get("queue.filename")).isEqualTo("fwdq");
        assertThat(fwd.params().get("action.resumeretrycount")).isEqualTo("-1");
        assertThat(fwd.params().get("queue.saveonshutdown")).isEqualTo("on");
        assertThat(cfg.actions().get(1).params().has("queue.type")).isFalse();
        assertThat(warnings).isEmpty();
        cfg.engine().close();
    }
}
