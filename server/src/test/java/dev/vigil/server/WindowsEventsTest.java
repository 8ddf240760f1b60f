package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sysmon and Security events as Windows shippers send them reach a running node and are found with
 * Sigma-style SPL: the XML rendering, Winlogbeat JSON and NXLog JSON over HEC (index {@code hec}) and over the
 * TCP syslog input (index {@code main}: NXLog om_tcp's bare JSON lines, XML lines, and NXLog's syslog-wrapped
 * JSON). The events are the index module's fixtures ({@code index/src/test/resources/windows}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowsEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "0c2b7a6e-7f4e-4a11-9a3e-5d6c7b8a9f01";
    private static final Path FIXTURES = Path.of("../index/src/test/resources/windows");
    private static final List<String> EVENTS = List.of("sysmon-1", "sysmon-3", "sysmon-11", "security-4624",
            "security-4625");
    private static final List<String> FORMS = List.of(".xml", ".winlogbeat.json", ".nxlog.json");

    private RunningServer server;
    private String base;

    @BeforeAll
    void sendEverything(@TempDir Path dir) throws Exception {
        server = new RunningServer(dir, s -> {
            s.maxMessageSize = 65536; // Windows events exceed rsyslog's 8096-byte default
            s.hecTokens = List.of(new ServerSettings.HecTokenSetting("winlog", TOKEN, "hec", null, false));
        });
        base = "http://127.0.0.1:" + server.port("http");
        StringBuilder hec = new StringBuilder();
        StringBuilder tcp = new StringBuilder();
        for (String event : EVENTS) {
            for (String form : FORMS) {
                String text = Files.readString(FIXTURES.resolve(event + form), StandardCharsets.UTF_8);
                ObjectNode o = JSON.createObjectNode();
                if (form.equals(".winlogbeat.json")) {
                    o.set("event", JSON.readTree(text)); // as Logstash's HEC output sends it: the object itself
                } else {
                    o.put("event", text); // the XML indented over several lines, as Event Viewer copies it
                }
                if (form.equals(".xml") && event.startsWith("sysmon")) {
                    o.put("sourcetype", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
                }
                hec.append(o).append('\n');
                tcp.append(oneLine(form, text)).append('\n');
            }
            String nx = oneLine(".nxlog.json", Files.readString(FIXTURES.resolve(event + ".nxlog.json")));
            String program = event.startsWith("sysmon") ? "Microsoft-Windows-Sysmon[3104]" : "Microsoft-Windows-Security-Auditing[668]";
            tcp.append("<14>Mar 15 11:21:33 ").append(event.startsWith("sysmon") ? "WIN10-LAB" : "DC01").append(' ')
                    .append(program).append(": ").append(nx).append('\n');
        }
        HttpResponse<String> r = post("/services/collector/event", "Splunk " + TOKEN, hec.toString());
        assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
        SyslogClients.tcp(server.port("tcp"), tcp.toString());
        server.settle();
        // (the node adds its own vigil:clock events about the wrapped lines' skewed syslog stamps to main)
        assertThat(searchUntil("index=main EventID=* | stats count", 20)).containsExactly(Map.of("count", "20"));
        assertThat(searchUntil("index=hec | stats count", 15)).containsExactly(Map.of("count", "15"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String oneLine(String form, String text) throws Exception {
        return form.endsWith(".json") ? JSON.readTree(text).toString() : text.strip().replaceAll(">\\s+<", "><");
    }

    private HttpResponse<String> post(String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of an SPL search as maps, column to value. */
    private List<Map<String, String>> search(String spl) throws Exception {
        ObjectNode req = JSON.createObjectNode().put("query", spl).put("earliest", "0").put("format", "json");
        HttpResponse<String> r = post("/api/search", null, req.toString());
        assertThat(r.statusCode()).as(spl + ": " + r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < body.get("columns").size(); i++) {
                m.put(body.get("columns").get(i).asText(), row.get(i).isNull() ? null : row.get(i).asText());
            }
            rows.add(m);
        }
        return rows;
    }

    private List<Map<String, String>> searchUntil(String spl, int count) throws Exception {
        List<Map<String, String>> rows = List.of();
        for (int i = 0; i < 100; i++) {
            rows = search(spl);
            if (!rows.isEmpty() && String.valueOf(count).equals(rows.get(0).get("count"))) {
                return rows;
            }
            Thread.sleep(100);
        }
        return rows;
    }

    @Test
    void sigmaProcessCreationSearchFindsPowershellInEveryFormAndInput() throws Exception {
        for (String index : List.of("hec", "main")) {
            List<Map<String, String>> rows = search("index=" + index
                    + " EventID=1 Image=\"*\\\\powershell.exe\" | stats count by sourcetype | sort sourcetype");
            // main: XML and the NXLog JSON line, and the syslog-wrapped one, plus Winlogbeat's line
            assertThat(rows).as(index).extracting(m -> m.get("sourcetype"))
                    .containsExactlyElementsOf(index.equals("hec")
                            ? List.of("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "_json")
                            : List.of("XmlWinEventLog", "_json", "syslog"));
            assertThat(search("index=" + index + " EventID=1 Image=\"*\\\\powershell.exe\" "
                    + "ParentImage=\"*\\\\cmd.exe\" CommandLine=\"* -EncodedCommand *\" | stats count"))
                    .containsExactly(Map.of("count", index.equals("hec") ? "3" : "4"));
        }
    }

    @Test
    void statsByComputerCountsEveryEventUnderItsWindowsHost() throws Exception {
        assertThat(search("index=hec | stats count by Computer | sort Computer")).containsExactly(
                Map.of("Computer", "DC01.lab.local", "count", "6"),
                Map.of("Computer", "WIN10-LAB.lab.local", "count", "9"));
        assertThat(search("index=main EventID=* | stats count by Computer | sort Computer")).containsExactly(
                Map.of("Computer", "DC01.lab.local", "count", "8"),
                Map.of("Computer", "WIN10-LAB.lab.local", "count", "12"));
        // host: the Computer for HEC events without a host and for bare TCP lines; the syslog HOSTNAME when wrapped
        assertThat(search("index=hec | stats count by host | sort host")).containsExactly(
                Map.of("host", "DC01.lab.local", "count", "6"), Map.of("host", "WIN10-LAB.lab.local", "count", "9"));
        assertThat(search("index=main EventID=* | stats count by host | sort host")).containsExactly(
                Map.of("host", "DC01", "count", "2"), Map.of("host", "DC01.lab.local", "count", "6"),
                Map.of("host", "WIN10-LAB", "count", "3"), Map.of("host", "WIN10-LAB.lab.local", "count", "9"));
    }

    @Test
    void networkFileAndLogonSearchesUseSysmonAndSecurityNames() throws Exception {
        assertThat(search("EventID=3 Initiated=true DestinationPort=443 DestinationIp=203.0.113.50 "
                + "| stats count by SourceIp, Protocol")).containsExactly(
                Map.of("SourceIp", "10.0.20.15", "Protocol", "tcp", "count", "7"));
        assertThat(search("EventID=11 TargetFilename=\"*\\\\Temp\\\\*.ps1\" | stats count")).containsExactly(Map.of("count", "7"));
        assertThat(search("MD5=7353F60B1739074EB17C5F4DDDEFE239 IMPHASH=741776AACCFC5B71FF59832DCDCACE0F | stats count"))
                .containsExactly(Map.of("count", "7"));
        assertThat(search("EventCode=4625 TargetUserName=administrator LogonType=3 | stats count by IpAddress, Channel"))
                .containsExactly(Map.of("IpAddress", "198.51.100.23", "Channel", "Security", "count", "7"));
        assertThat(search("EventID=4624 Provider_Name=Microsoft-Windows-Security-Auditing | stats count by TargetUserName"))
                .containsExactly(Map.of("TargetUserName", "alice", "count", "7"));
    }

    @Test
    void eachEventKeepsItsOwnTime() throws Exception {
        // 4624's TimeCreated is 2024-03-15T10:22:01.9876543Z (epoch 1710498121): the XML's and NXLog's
        // EventTime (+01:00) to the microsecond, Winlogbeat's @timestamp to the millisecond
        List<Map<String, String>> rows = search("EventID=4624 | eval us=round((_time - 1710498121) * 1000000) "
                + "| stats count by us | sort us");
        assertThat(rows).containsExactly(Map.of("us", "987000", "count", "2"), Map.of("us", "987654", "count", "5"));
        // Sysmon through NXLog: UtcTime (EventTime has no zone); through a syslog wrapper, still the event's own
        assertThat(search("EventID=1 sourcetype=syslog | eval us=round((_time - 1710498093) * 1000000) | table us"))
                .containsExactly(Map.of("us", "452000"));
    }
}
