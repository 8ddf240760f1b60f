package dev.vigil.collector.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rendering the corpus with rsyslog's built-in and legacy templates gives exactly the lines rsyslogd 8.2302
 * wrote (files-tcp.json): RSYSLOG_FileFormat is Debian's default, RSYSLOG_TraditionalFileFormat the old one.
 */
class BuiltinTemplatesTest {
    static List<String> expected(String ruleFile, String path) throws Exception {
        JsonNode root = new ObjectMapper().readTree(CorpusFeed.resource("files-tcp.json"));
        List<String> out = new ArrayList<>();
        for (JsonNode l : root.get("cases").get(ruleFile).get("files").get(path)) {
            out.add(l.isObject() ? new String(Base64.getDecoder().decode(l.get("base64").asText()),
                    StandardCharsets.ISO_8859_1) : new String(l.asText().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    static List<String> render(Template t) throws Exception {
        List<String> out = new ArrayList<>();
        for (Event e : CorpusFeed.tcpEvents()) {
            OutBuffer b = new OutBuffer();
            t.render(e, b);
            String s = new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
            assertThat(s).endsWith("\n");
            out.add(CorpusFeed.normalize(s.substring(0, s.length() - 1)));
        }
        return out;
    }

    @Test
    void fileFormatMatchesRsyslogLineForLine() throws Exception {
        assertThat(render(BuiltinTemplates.get("RSYSLOG_FileFormat")))
                .containsExactlyElementsOf(expected("00-catchall.conf", "/var/log/all.log"));
    }

    @Test
    void traditionalFileFormatMatchesRsyslogLineForLine() throws Exception {
        assertThat(render(BuiltinTemplates.get("RSYSLOG_TraditionalFileFormat")))
                .containsExactlyElementsOf(expected("60-templates.conf", "/var/log/traditional.log"));
    }

    @Test
    void legacyStringTemplateMatchesRsyslog() throws Exception {
        Template t = Template.fromString("detailed",
                "%HOSTNAME%|%syslogfacility-text%.%syslogseverity-text%|%syslogtag%|%programname%|%msg%\\n",
                Escaping.NONE);
        assertThat(render(t)).containsExactlyElementsOf(expected("60-templates.conf", "/var/log/detailed.log"));
    }
}
