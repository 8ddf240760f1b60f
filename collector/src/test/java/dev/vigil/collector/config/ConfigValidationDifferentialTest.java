package dev.vigil.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which configurations are in error: {@code rsyslogd -N1} (its config check) and Vigil's loader must agree
 * on every snippet, valid or not. Vigil counts a {@link ConfigException} or an {@code error:} warning as
 * an error; rsyslogd an error message in its check output (its deprecation warnings are not errors).
 */
class ConfigValidationDifferentialTest {
    static final List<String> SNIPPETS = List.of(
            "if $msg contains \"a\" then { /OUT/a.log } else if $msg contains \"b\" then { /OUT/b.log } else { stop }",
            "if ($syslogseverity <= 3 and not ($msg contains \"x\")) then action(type=\"omfile\" file=\"/OUT/c.log\")",
            "*.* {\n  /OUT/e.log\n  stop\n}",
            "if $msg == [\"a\", \"b\"] then /OUT/f.log",
            "action(type=\"omfile\" # comment\n  file=\"/OUT/g.log\")",
            "if $msg contains \"a\" then /OUT/h.log\n& stop",
            "*.* /OUT/i.log;RSYSLOG_NoSuchTemplate",
            "if $msg startswith \"a\" then",
            "action(type=\"omfile\")",
            "if 1 then call nosuch",
            "template(name=\"t\" type=\"string\")",
            ":msg, contains, \"a\"",
            "*.info;;mail.none /OUT/j.log",
            "kern.* @@[::1]:514;RSYSLOG_ForwardFormat",
            "if $msg contains \"a\" then /OUT/k.log else /OUT/l.log",
            "*.* /OUT/x.log # comment",
            "*.* /OUT/x.log;RSYSLOG_FileFormat trailing",
            "*.* @@127.0.0.1:514 trailing",
            "*.* -/OUT/x.log ;RSYSLOG_FileFormat",
            "cron.!info,!debug /OUT/cron.log",
            "nosuchfacility.* /OUT/y.log",
            "*.nosuchpriority /OUT/y.log",
            ":nosuchproperty, contains, \"a\" /OUT/y.log",
            ":msg, nosuchop, \"a\" /OUT/y.log",
            "$template t,\"%msg%\\n\"\n*.* /OUT/z.log;t",
            "ruleset(name=\"r\") {\n  *.* /OUT/r.log\n}\n*.* call r",
            "if re_match($msg, \"(unclosed\") then /OUT/re.log",
            "if nosuchfunction($msg) then /OUT/fn.log",
            "*.* :omusrmsg:root,alice",
            "mail.* @(z9)127.0.0.1:514",
            "ruleset(name=\"rs\") {\n  *.* /OUT/r.log\n}\n*.* call rs",
            "/OUT/bare.log",
            ":omusrmsg:root",
            "*.* /OUT/a.log\n/OUT/b.log",
            "$ModLoad imudp\n$UDPServerRun 514",
            "module(load=\"imtcp\" MaxSessions=\"500\")",
            "input(type=\"imtcp\" port=\"514\" ruleset=\"nosuch\")",
            "global(workDirectory=\"/tmp\")",
            "main_queue(queue.size=\"1000\")",
            "$MaxMessageSize 64k",
            "$WorkDirectory /tmp\n$ActionQueueType LinkedList\n$ActionQueueFileName q\n*.* @@127.0.0.1:514",
            "template(name=\"l\" type=\"list\") { property(name=\"msg\") constant(value=\"\\n\") }\n*.* /OUT/l.log;l",
            "template(name=\"l\" type=\"list\") { property(name=\"nosuch\") }\n*.* /OUT/l.log;l",
            "$template x,\"%nosuchprop%\\n\"\n*.* /OUT/x.log;x",
            "if $nosuchvar == \"a\" then /OUT/v.log",
            "& /OUT/amp.log",
            "stop",
            "$RuleSet other\n*.* /OUT/o.log",
            "if $fromhost-ip startswith \"10.\" then /OUT/f.log",
            "*.* @@(o)127.0.0.1:514",
            "*.=info;*.=notice;*.!=debug /OUT/p.log",
            "$FileCreateMode 0640\n$Umask 0022\n*.* /OUT/m.log",
            "*.* ?nosuchtemplate",
            "if $msg contains 'a' then /OUT/a.log;RSYSLOG_TraditionalFileFormat");

    @TempDir
    Path tmp;

    @Test
    void rsyslogdAndVigilFindErrorsInTheSameConfigurations() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        List<String> disagreements = new ArrayList<>();
        Path out = Files.createDirectories(tmp.resolve("out"));
        for (int i = 0; i < SNIPPETS.size(); i++) {
            String text = SNIPPETS.get(i).replace("/OUT/", out + "/") + "\n";
            Path conf = tmp.resolve("c" + i + ".conf");
            Files.writeString(conf, text);
            Process p = new ProcessBuilder(RsyslogdPeer.BINARY.toString(), "-N1", "-f", conf.toString())
                    .redirectErrorStream(true).start();
            String check = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            boolean rsyslogError = false;
            for (String line : check.split("\n")) {
                String l = line.toLowerCase(Locale.ROOT);
                if (l.contains("version") || l.contains("end of config") || l.contains("no active actions")
                        || l.contains("run failed") || l.contains("warnings occurred") || l.contains("treated as")) {
                    continue;
                }
                rsyslogError |= !l.isBlank();
            }
            boolean vigilError;
            String vigil;
            List<String> warnings = new ArrayList<>();
            try {
                RsyslogConfig cfg = RsyslogConfigLoader.load(conf.toString(), text,
                        LoaderOptions.defaults().warnings(warnings::add));
                cfg.engine().close();
                vigilError = warnings.stream().anyMatch(w -> w.contains(": error: "));
                vigil = warnings.toString();
            } catch (ConfigException e) {
                vigilError = true;
                vigil = e.getMessage();
            }
            if (rsyslogError != vigilError) {
                disagreements.add(SNIPPETS.get(i) + "\n  rsyslogd: " + check.trim() + "\n  Vigil: " + vigil);
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
