package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.queue.QueueSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("agent.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsEveryDocumentedSetting() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "x");
        Path f = write("""
                host: web01
                server:
                  host: siem.example
                  port: 6514
                  tls: {ca: ca.pem}
                queue:
                  dir: q
                  max_bytes: 64MiB
                  segment_bytes: 4MiB
                  sync: batch
                inputs:
                  - path: /var/log/secure
                    sourcetype: linux_secure
                  - paths: [/var/log/httpd/*log, /opt/zeek/logs/current/*.log]
                    host: web01-httpd
                    index: web
                    max_line_bytes: 16KiB
                    long_lines: truncate
                    start_at: end
                    multiline: {pattern: '^\\s', match: after, timeout: 2s}
                  - type: wtmp
                  - type: lastlog
                    passwd: /etc/passwd
                    interval: 30s
                ntp: {interval: 5m}
                metrics: {port: 9145}
                """);
        AgentConfig c = AgentConfig.load(f);
        assertThat(c.host()).isEqualTo("web01");
        assertThat(c.server().host()).isEqualTo("siem.example");
        assertThat(c.server().port()).isEqualTo(6514);
        assertThat(c.server().ca()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(c.queue()).isEqualTo(new QueueSettings(dir.resolve("q"), 64L << 20, 4L << 20,
                QueueSettings.Sync.BATCH, 1000));
        assertThat(c.inputs()).hasSize(4);
        InputConfig web = c.inputs().get(1);
        assertThat(web.paths()).containsExactly("/var/log/httpd/*log", "/opt/zeek/logs/current/*.log");
        assertThat(web.maxLineBytes()).isEqualTo(16 << 10);
        assertThat(web.splitLongLines()).isFalse();
        assertThat(web.startAtEnd()).isTrue();
        assertThat(web.multiline()).isEqualTo(new MultilineConfig("^\\s", false, true, 500, 1 << 20, 2000));
        assertThat(c.inputs().get(2).paths()).containsExactly("/var/log/wtmp");
        assertThat(c.inputs().get(3).intervalMs()).isEqualTo(30_000);
        assertThat(c.ntp()).isEqualTo(new AgentConfig.NtpConfig(true, "siem.example", 123, 300_000));
        assertThat(c.metrics()).isEqualTo(new AgentConfig.MetricsConfig("127.0.0.1", 9145));
    }

    @Test
    void acceptsAServerUrl() throws Exception {
        AgentConfig c = AgentConfig.load(write("server: {url: 'tls://[::1]:7000'}\ninputs: [{path: /x}]\n"));
        assertThat(c.server().host()).isEqualTo("::1");
        assertThat(c.server().port()).isEqualTo(7000);
    }

    @Test
    void anUnknownSettingNamesItsLineAndTheSettingsExpected() throws Exception {
        Path f = write("inputs:\n  - path: /var/log/secure\n    sourcetyp: linux_secure\n");
        assertThatThrownBy(() -> AgentConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":3:5: unknown setting 'sourcetyp' in inputs[0], expected one of [close_inactive, "
                        + "close_renamed, exclude, host, index, interval, long_lines, max_line_bytes, multiline, "
                        + "passwd, path, paths, scan_interval, source, sourcetype, start_at, type]");
    }

    @Test
    void badValuesNameTheirPlaceAndWhatWasExpected() throws Exception {
        assertError("queue:\n  max_bytes: lots\ninputs: [{path: /x}]\n",
                ":2:14: 'max_bytes' expects a size such as 65536, 64KiB, 256MiB or 1GiB, found 'lots'");
        assertError("queue: {sync: sometimes}\ninputs: [{path: /x}]\n",
                ":1:15: 'sync' expects one of interval, batch, none, found 'sometimes'");
        assertError("inputs:\n  - path: /x\n    multiline:\n      pattern: '(unclosed'\n",
                ":4:16: invalid pattern: error parsing regexp: missing closing ): `(unclosed`");
        assertError("inputs:\n  - type: syslog\n", ":2:11: unknown input type 'syslog', expected one of file, wtmp,"
                + " btmp, lastlog, pacct");
        assertError("inputs:\n  - sourcetype: x\n", ":2:5: inputs[0] needs a 'path' (a file or a glob such as"
                + " /var/log/httpd/*log)");
        assertError("server: {host: a}\ninputs: [{path: /x}]\n", ":1:9: server needs a 'port' (1..65535)");
        assertError("inputs: [{path: /x, scan_interval: soon}]\n",
                ":1:36: 'scan_interval' expects a duration such as 500ms, 1s, 5m or 2h, found 'soon'");
        assertError("host: a\n", ":1:1: no 'inputs': expected a list of files to read");
        assertError("inputs:\n  - path: /x\n  path: /y\n", ":3:3: ");
        assertError("queue: {max_bytes: 1MiB, segment_bytes: 1MiB}\ninputs: [{path: /x}]\n",
                ":1:8: queue max_bytes 1048576 must be at least twice the segment size 1048576");
    }

    private void assertError(String yaml, String message) throws Exception {
        Path f = write(yaml);
        assertThatThrownBy(() -> AgentConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + message.substring(0, message.indexOf(' ') < 0 ? message.length()
                        : message.indexOf(' ')))
                .hasMessageContaining(message);
    }
}
