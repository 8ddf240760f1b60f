package dev.vigil.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.core.syslog.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which time and host an event is stored with, when a Windows event's own ones meet a transport's. */
class EventPreparerTest {
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678901Z");
    private static final String SYSMON = "{\"EventTime\":\"2024-03-15T11:21:33.452+01:00\",\"Hostname\":\"WIN10-LAB.lab.local\","
            + "\"EventID\":1,\"SourceName\":\"Microsoft-Windows-Sysmon\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}";
    private static final Instant OWN = Instant.parse("2024-03-15T10:21:33.452Z");
    private final EventPreparer preparer = new EventPreparer("main");

    private static Event tcp(String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        return new SyslogParser().parse(b, 0, b.length, new SyslogParser.Origin(NOW, "relay01", "192.0.2.7", "imtcp"));
    }

    @Test
    void bareJsonFrameTakesTheWindowsTimeAndComputerOverReceptionAndSender() {
        StoredEvent s = preparer.prepare(tcp(SYSMON));
        assertThat(s.time()).isEqualTo(OWN);
        assertThat(s.host()).isEqualTo("WIN10-LAB.lab.local");
        assertThat(s.get("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
    }

    @Test
    void syslogWrapperKeepsItsHostnameButNotItsCoarserTime() {
        StoredEvent s = preparer.prepare(tcp("<14>Mar 15 11:21:33 WIN10 Microsoft-Windows-Sysmon[3104]: " + SYSMON));
        assertThat(s.time()).isEqualTo(OWN);
        assertThat(s.host()).isEqualTo("WIN10");
        assertThat(s.get("programname")).isEqualTo("Microsoft-Windows-Sysmon");
    }

    @Test
    void anExplicitTimeAndHostFromTheSenderAreKept() {
        Instant given = Instant.parse("2024-03-15T10:21:40Z");
        Event hec = Event.builder().received(NOW).reported(SyslogTime.ofInstant(given, ZoneOffset.UTC))
                .raw(SYSMON.getBytes(StandardCharsets.UTF_8)).msg(SYSMON).hostname("given-host").fromHost("192.0.2.7")
                .build();
        StoredEvent s = preparer.prepare(hec);
        assertThat(s.time()).isEqualTo(given);
        assertThat(s.host()).isEqualTo("given-host");
        Event noHost = hec.toBuilder().hostname("192.0.2.7").reported(null).build();
        assertThat(preparer.prepare(noHost).host()).isEqualTo("WIN10-LAB.lab.local");
        assertThat(preparer.prepare(noHost).time()).isEqualTo(OWN);
    }

    @Test
    void otherEventsWithoutATimestampOfTheirOwnKeepTheReceptionTime() {
        StoredEvent s = preparer.prepare(tcp("<13>{\"app\":\"billing\",\"EventID\":7}"));
        assertThat(s.time()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678901Z"));
        assertThat(s.host()).isEqualTo("relay01");
    }
}
