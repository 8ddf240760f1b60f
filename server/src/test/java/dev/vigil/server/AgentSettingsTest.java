package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent section of vigil.yml: defaults, TLS files, and the errors a user sees. */
class AgentSettingsTest {
    @TempDir
    Path dir;

    private ServerSettings load(String yaml) throws Exception {
        Path f = dir.resolve("vigil.yml");
        Files.writeString(f, yaml);
        return ServerSettings.load(f);
    }

    @Test
    void agentSectionWithTlsDefaultsToPort9515() throws Exception {
        ServerSettings s = load("agent:\n  tls:\n    cert: pki/server.pem\n    key: pki/server.key\n    ca: pki/ca.pem\n"
                + "    require_client_cert: true\n");
        assertThat(s.agentPort).isEqualTo(9515);
        assertThat(s.agentTlsCert).isEqualTo(dir.resolve("pki/server.pem"));
        assertThat(s.agentTlsCa).isEqualTo(dir.resolve("pki/ca.pem"));
        assertThat(s.agentRequireClientCert).isTrue();
        assertThat(s.agentPlain).isFalse();
        assertThat(new ServerSettings().agentPort).isEqualTo(-1);
    }

    @Test
    void plainTcpMustBeAskedFor() throws Exception {
        assertThat(load("agent:\n  port: 9600\n  plain: true\n").agentPort).isEqualTo(9600);
        Path f = dir.resolve("vigil.yml");
        assertThatThrownBy(() -> load("data: d\nagent:\n  port: 9600\n")).isInstanceOf(ServerSettings.ConfigError.class)
                .hasMessage(f + ":2: the agent listener needs 'tls: {cert: FILE, key: FILE}', or 'plain: true' for "
                        + "plain TCP (tests and labs only)");
        assertThatThrownBy(() -> load("agent:\n  plain: true\n  prot: 1\n")).hasMessage(f
                + ":3: unknown agent setting 'prot', expected one of [address, max_frame_bytes, plain, port, tls]");
    }

    @Test
    void nodeWithAgentPortButNeitherTlsNorPlainDoesNotStart() {
        ServerSettings s = new ServerSettings();
        s.data = dir;
        s.syslogPort = 0;
        s.httpPort = -1;
        s.ntpEnabled = false;
        s.agentPort = 0;
        try (VigilServer server = new VigilServer(s)) {
            assertThatThrownBy(server::start).hasMessageStartingWith("the agent listener needs TLS");
        }
    }
}
