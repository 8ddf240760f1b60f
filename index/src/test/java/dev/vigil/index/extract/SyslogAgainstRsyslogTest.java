package dev.vigil.index.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The syslog sourcetype reads the header of ordinary RFC 3164 and RFC 5424 lines as rsyslogd does:
 * host = rsyslog's hostname, process = programname, pid = procid, the same wall-clock time.
 * Expected values come from rsyslogd 8.2302.0 (resources/rsyslog/props-tcp.json).
 */
class SyslogAgainstRsyslogTest {
    /** Corpus lines in the forms Splunk's syslog sourcetype is meant for (quirky variants left to the collector). */
    private static final Set<String> ORDINARY = Set.of("3164/pid-tag", "3164/tag-no-pid", "3164/double-space-day",
            "3164/zero-padded-day", "3164/lowercase-month", "3164/iso-timestamp-z", "3164/iso-timestamp-offset-frac",
            "3164/iso-timestamp-frac-leading-zeros", "3164/ipv4-host", "3164/underscore-uppercase-host",
            "3164/dash-dot-tag", "3164/kernel-brackets", "5424/full-sd", "5424/multiple-sd", "5424/some-nil",
            "5424/frac-1-3-digits", "5424/frac-5-6-digits", "5424/timezones");

    @Test
    void readsHostProcessPidAndTimeAsRsyslogDoes() throws Exception {
        JsonNode props;
        List<String> labels;
        try (InputStream in = getClass().getResourceAsStream("/rsyslog/props-tcp.json");
             InputStream l = getClass().getResourceAsStream("/rsyslog/messages.labels")) {
            props = new ObjectMapper().readTree(in);
            labels = new String(l.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int checked = 0;
        for (JsonNode m : props.get("messages")) {
            String label = labels.get(m.get("index").asInt());
            if (!ORDINARY.contains(label)) {
                continue;
            }
            JsonNode r = m.get("records").get(0);
            String line = r.get("rawmsg").asText();
            Extraction x = FieldExtractor.extract("syslog", line);
            assertThat(x.host()).as(label).isEqualTo(r.get("hostname").asText());
            String programname = r.get("programname").asText();
            Map<String, Object> f = x.fields();
            if (!programname.isEmpty() && !programname.equals("-")) {
                assertThat(f.get("process")).as(label).isEqualTo(programname);
            }
            String procid = r.get("procid").asText();
            if (!procid.equals("-")) {
                assertThat(f.get("pid")).as(label).isEqualTo(procid);
            }
            OffsetDateTime reported = OffsetDateTime.parse(r.get("timereported").asText());
            if (label.startsWith("3164/") && !label.contains("iso")) {
                // year-less: the current year, the local zone; rsyslog ran in UTC under faketime
                LocalDateTime wall = LocalDateTime.ofInstant(x.time(), ZoneId.systemDefault());
                assertThat(wall.withYear(reported.getYear()).withNano(0)).as(label)
                        .isEqualTo(reported.toLocalDateTime().withNano(0));
                assertThat(wall.getYear()).isEqualTo(java.time.Year.now().getValue());
            } else {
                assertThat(x.time()).as(label).isEqualTo(reported.toInstant());
            }
            checked++;
        }
        assertThat(checked).isEqualTo(ORDINARY.size());
    }
}
