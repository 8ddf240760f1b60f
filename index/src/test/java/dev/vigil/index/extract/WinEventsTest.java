package dev.vigil.index.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Windows events in the three forms shippers send (the XML rendering, Winlogbeat JSON, NXLog JSON) give the
 * same fields under the XML's names. The fixtures under {@code src/test/resources/windows/} are the same five
 * events (Sysmon 1, 3, 11; Security 4624, 4625) in each form; the expected values are read from the XML
 * with the JDK's own XML parser, so this extractor is checked against an independent reader.
 */
class WinEventsTest {
    static final List<String> EVENTS = List.of("sysmon-1", "sysmon-3", "sysmon-11", "security-4624", "security-4625");
    private static final List<String> SYSTEM = List.of("EventID", "Channel", "Computer", "Provider", "Level",
            "EventRecordID", "ProcessID", "ThreadID", "Version");

    static String resource(String name) throws IOException {
        try (InputStream in = WinEventsTest.class.getResourceAsStream("/windows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A fixture on one line: JSON compacted, XML with the layout between elements removed. */
    static String oneLine(String name) throws IOException {
        String s = resource(name);
        if (name.endsWith(".json")) {
            return new ObjectMapper().readTree(s).toString();
        }
        return s.strip().replaceAll(">\\s+<", "><");
    }

    /** System values and every EventData Data by Name, as the JDK's DOM parser reads the XML fixture. */
    static Map<String, String> expected(String event) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(resource(event + ".xml")
                .getBytes(StandardCharsets.UTF_8)));
        Map<String, String> m = new LinkedHashMap<>();
        Element system = (Element) doc.getElementsByTagName("System").item(0);
        for (String name : List.of("EventID", "Channel", "Computer", "Level", "EventRecordID", "Version")) {
            m.put(name, system.getElementsByTagName(name).item(0).getTextContent());
        }
        m.put("Provider", ((Element) system.getElementsByTagName("Provider").item(0)).getAttribute("Name"));
        Element exec = (Element) system.getElementsByTagName("Execution").item(0);
        m.put("ProcessID", exec.getAttribute("ProcessID"));
        m.put("ThreadID", exec.getAttribute("ThreadID"));
        NodeList data = doc.getElementsByTagName("Data");
        for (int i = 0; i < data.getLength(); i++) {
            Element d = (Element) data.item(i);
            m.put(d.getAttribute("Name"), d.getTextContent());
        }
        return m;
    }

    @Test
    void everyFormGivesTheXmlNamesAndValues() throws Exception {
        for (String event : EVENTS) {
            Map<String, String> want = expected(event);
            for (String form : List.of(".xml", ".winlogbeat.json", ".nxlog.json")) {
                for (String text : List.of(resource(event + form), oneLine(event + form))) {
                    String st = Sourcetypes.detect(text, null);
                    assertThat(st).as(event + form).isEqualTo(form.equals(".xml") ? "XmlWinEventLog" : "_json");
                    Extraction x = FieldExtractor.extract(null, text);
                    assertThat(x.ownRecord()).isTrue();
                    assertThat(x.host()).isEqualTo(want.get("Computer"));
                    for (Map.Entry<String, String> e : want.entrySet()) {
                        assertThat(x.fields().get(e.getKey())).as(event + form + " " + e.getKey()).isEqualTo(e.getValue());
                    }
                    assertThat(x.fields()).as(event + form).containsEntry("EventCode", want.get("EventID"))
                            .containsEntry("Provider_Name", want.get("Provider"))
                            .containsEntry("SourceName", want.get("Provider"));
                }
            }
        }
    }

    @Test
    void sysmonProcessCreateHasTheSigmaFieldsAndSplitHashes() throws Exception {
        for (String form : List.of(".xml", ".winlogbeat.json", ".nxlog.json")) {
            Map<String, Object> f = FieldExtractor.fields(null, resource("sysmon-1" + form));
            assertThat(f).as(form)
                    .containsEntry("Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
                    .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                    .containsEntry("ParentCommandLine", "\"C:\\Windows\\system32\\cmd.exe\" /c \"start.bat & exit\"")
                    .containsEntry("User", "LAB\\alice").containsEntry("ProcessId", "7420")
                    .containsEntry("ParentProcessId", "5532").containsEntry("Product", "Microsoft® Windows® Operating System")
                    .containsEntry("SHA1", "6CBCE4A295C163791B60FC23D285E6D84F28EE4C")
                    .containsEntry("MD5", "7353F60B1739074EB17C5F4DDDEFE239")
                    .containsEntry("SHA256", "DE96A6E69944335375DC1AC238336066889D9FFC7D73628EF4FE1B1B160AB32C")
                    .containsEntry("IMPHASH", "741776AACCFC5B71FF59832DCDCACE0F");
            assertThat((String) f.get("CommandLine")).startsWith("powershell.exe -NoProfile -ExecutionPolicy Bypass");
        }
        Map<String, Object> net = FieldExtractor.fields("XmlWinEventLog", resource("sysmon-3.xml"));
        assertThat(net).containsEntry("SourceIp", "10.0.20.15").containsEntry("SourcePort", "49822")
                .containsEntry("DestinationIp", "203.0.113.50").containsEntry("DestinationPort", "443")
                .containsEntry("DestinationHostname", "cdn.example-updates.net").containsEntry("Protocol", "tcp")
                .containsEntry("Initiated", "true");
        Map<String, Object> file = FieldExtractor.fields("XmlWinEventLog", resource("sysmon-11.xml"));
        assertThat(file).containsEntry("TargetFilename", "C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.ps1")
                .containsEntry("Message", "File created:\r\nRuleName: -\r\nTargetFilename: "
                        + "C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.ps1")
                .containsEntry("Level", "4"); // RenderingInfo's "Information" does not replace System's Level
    }

    @Test
    void eachFormTakesItsOwnTime() throws Exception {
        assertThat(FieldExtractor.extract(null, resource("sysmon-1.xml")).time())
                .isEqualTo(Instant.parse("2024-03-15T10:21:33.456789Z"));
        assertThat(FieldExtractor.extract(null, resource("sysmon-1.winlogbeat.json")).time())
                .isEqualTo(Instant.parse("2024-03-15T10:21:33.456Z"));
        // NXLog CE's EventTime has no zone: Sysmon's UtcTime is taken instead
        assertThat(FieldExtractor.extract(null, resource("sysmon-1.nxlog.json")).time())
                .isEqualTo(Instant.parse("2024-03-15T10:21:33.452Z"));
        // an EventTime with an offset is exact
        assertThat(FieldExtractor.extract(null, resource("security-4624.nxlog.json")).time())
                .isEqualTo(Instant.parse("2024-03-15T10:22:01.987654Z"));
        // no offset and no UtcTime: this machine's zone, as for year-less syslog stamps
        Extraction local = FieldExtractor.extract(null, "{\"EventTime\":\"2024-03-15 11:23:10\",\"Hostname\":\"DC01\","
                + "\"EventID\":4625,\"SourceName\":\"Microsoft-Windows-Security-Auditing\",\"Channel\":\"Security\"}");
        assertThat(LocalDateTime.ofInstant(local.time(), ZoneId.systemDefault()))
                .isEqualTo(LocalDateTime.of(2024, 3, 15, 11, 23, 10));
    }

    @Test
    void explicitSourcetypesAndChannelNamedOnesExtractEveryForm() throws Exception {
        for (String st : List.of("XmlWinEventLog", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "WinEventLog",
                "wineventlog:security", "_json", "syslog")) {
            for (String form : List.of(".xml", ".winlogbeat.json", ".nxlog.json")) {
                if (st.equals("_json") && form.equals(".xml")) {
                    continue; // XML is no JSON object
                }
                Map<String, Object> f = FieldExtractor.fields(st, oneLine("sysmon-3" + form));
                assertThat(f).as(st + form).containsEntry("EventID", "3").containsEntry("DestinationPort", "443");
            }
        }
    }

    @Test
    void syslogWrappedJsonAndXmlAreRead() throws Exception {
        String nx = "Mar 15 11:21:33 WIN10-LAB Microsoft-Windows-Sysmon[3104]: " + oneLine("sysmon-1.nxlog.json");
        assertThat(Sourcetypes.detect(nx, null)).isEqualTo("syslog");
        Extraction x = FieldExtractor.extract(null, nx);
        assertThat(x.ownRecord()).isTrue();
        assertThat(x.host()).isEqualTo("WIN10-LAB.lab.local");
        assertThat(x.time()).isEqualTo(Instant.parse("2024-03-15T10:21:33.452Z"));
        assertThat(x.fields()).containsEntry("EventID", "1").containsEntry("process", "Microsoft-Windows-Sysmon")
                .containsEntry("User", "LAB\\alice").doesNotContainKey("technique_id"); // no KV pairs from JSON
        Extraction xml = FieldExtractor.extract("syslog", "Mar 15 10:22:01 DC01 eventlog: " + oneLine("security-4624.xml"));
        assertThat(xml.fields()).containsEntry("EventID", "4624").containsEntry("TargetUserName", "alice")
                .doesNotContainKey("Name");
        assertThat(xml.time()).isEqualTo(Instant.parse("2024-03-15T10:22:01.9876543Z"));
    }

    @Test
    void winlogbeatSysmonModuleEcsFieldsGiveSysmonNames() {
        String ecs = "{\"@timestamp\":\"2024-03-15T10:21:33.456Z\",\"event\":{\"code\":\"1\"},"
                + "\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,"
                + "\"computer_name\":\"WIN10-LAB.lab.local\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"event_data\":{\"IntegrityLevel\":\"Medium\"}},"
                + "\"process\":{\"executable\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"pid\":812,"
                + "\"command_line\":\"rundll32.exe x.dll,Start\",\"hash\":{\"sha256\":\"ab12\",\"md5\":\"cd34\"},"
                + "\"parent\":{\"executable\":\"C:\\\\Windows\\\\explorer.exe\",\"pid\":4}},"
                + "\"user\":{\"domain\":\"LAB\",\"name\":\"bob\"},\"network\":{\"direction\":\"egress\",\"transport\":\"udp\"}}";
        Map<String, Object> f = FieldExtractor.fields(null, ecs);
        assertThat(f).containsEntry("Image", "C:\\Windows\\System32\\rundll32.exe").containsEntry("ProcessId", "812")
                .containsEntry("CommandLine", "rundll32.exe x.dll,Start").containsEntry("ParentImage", "C:\\Windows\\explorer.exe")
                .containsEntry("ParentProcessId", "4").containsEntry("User", "LAB\\bob").containsEntry("Initiated", "true")
                .containsEntry("Protocol", "udp").containsEntry("Hashes", "MD5=CD34,SHA256=AB12")
                .containsEntry("MD5", "CD34").containsEntry("IntegrityLevel", "Medium").containsEntry("EventID", "1");
    }

    @Test
    void winlogbeat6AndClassicTextAreReadToo() {
        Map<String, Object> six = FieldExtractor.fields(null, "{\"@timestamp\":\"2019-01-02T03:04:05.000Z\","
                + "\"event_id\":4625,\"log_name\":\"Security\",\"computer_name\":\"DC01.lab.local\",\"level\":\"Information\","
                + "\"source_name\":\"Microsoft-Windows-Security-Auditing\",\"keywords\":[\"Audit Failure\"],"
                + "\"event_data\":{\"TargetUserName\":\"administrator\",\"IpAddress\":\"198.51.100.23\"}}");
        assertThat(six).containsEntry("EventID", "4625").containsEntry("Channel", "Security")
                .containsEntry("Computer", "DC01.lab.local").containsEntry("TargetUserName", "administrator")
                .containsEntry("Level", "0").containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing");
        String classic = "03/15/2024 10:21:33 AM\nLogName=Microsoft-Windows-Sysmon/Operational\nEventCode=1\nEventType=4\n"
                + "ComputerName=WIN10-LAB.lab.local\nUser=NOT_TRANSLATED\nSid=S-1-5-18\nSidType=0\n"
                + "SourceName=Microsoft-Windows-Sysmon\nType=Information\nRecordNumber=48213\nKeywords=None\n"
                + "TaskCategory=Process Create (rule: ProcessCreate)\nOpCode=Info\nMessage=Process Create:\n"
                + "RuleName: -\nImage: C:\\Windows\\System32\\cmd.exe\nCommandLine: cmd.exe /c \"whoami: all\"\n"
                + "User: LAB\\alice\n";
        assertThat(Sourcetypes.detect(classic, null)).isEqualTo("WinEventLog");
        Extraction x = FieldExtractor.extract(null, classic);
        assertThat(x.fields()).containsEntry("EventID", "1").containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "WIN10-LAB.lab.local").containsEntry("Image", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("CommandLine", "cmd.exe /c \"whoami: all\"")
                .containsEntry("User", List.of("NOT_TRANSLATED", "LAB\\alice"));
        assertThat(LocalDateTime.ofInstant(x.time(), ZoneId.systemDefault()))
                .isEqualTo(LocalDateTime.of(2024, 3, 15, 10, 21, 33));
        Map<String, Object> sec = FieldExtractor.fields("WinEventLog", "03/15/2024 10:22:01 AM\nLogName=Security\n"
                + "EventCode=4624\nComputerName=DC01.lab.local\nMessage=An account was successfully logged on.\n\n"
                + "New Logon:\n\tSecurity ID:\t\tS-1-5-21-1\n\tAccount Name:\t\talice\n\tAccount Domain:\t\tLAB\n");
        assertThat(sec).containsEntry("Account_Name", "alice").containsEntry("Security_ID", "S-1-5-21-1")
                .containsEntry("EventID", "4624");
    }

    @Test
    void otherJsonAndXmlAreNotWindowsEvents() {
        Extraction plain = FieldExtractor.extract(null, "{\"EventID\":1,\"app\":\"x\"}");
        assertThat(plain.ownRecord()).isFalse();
        assertThat(plain.fields()).doesNotContainKey("EventCode");
        assertThat(Sourcetypes.detect("<Events><Event/></Events>", null)).isNotEqualTo("XmlWinEventLog");
        assertThat(Sourcetypes.detect("<Eventful>x</Eventful>", null)).isNotEqualTo("XmlWinEventLog");
    }

    @Test
    void damagedXmlNeverThrowsAndKeepsWhatWasRead() throws Exception {
        String xml = oneLine("sysmon-1.xml");
        Map<String, Object> cut = FieldExtractor.fields("XmlWinEventLog", xml.substring(0, xml.indexOf("Name='User'")));
        assertThat(cut).containsEntry("EventID", "1").containsEntry("Image",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe").doesNotContainKey("User");
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        System.out.println("damagedXmlNeverThrowsAndKeepsWhatWasRead: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            char[] c = xml.toCharArray();
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                c[rnd.nextInt(c.length)] = "<>/='\"&;! x".charAt(rnd.nextInt(11));
            }
            String bad = new String(c);
            assertThat(FieldExtractor.extract("XmlWinEventLog", bad)).as("seed " + seed).isNotNull();
            assertThat(FieldExtractor.extract(null, bad)).as("seed " + seed).isNotNull();
        }
        String deep = "<Event><UserData>" + "<a>".repeat(500) + "x" + "</a>".repeat(500) + "</UserData></Event>";
        assertThat(FieldExtractor.fields("XmlWinEventLog", deep)).isEmpty();
        assertThat(FieldExtractor.fields("XmlWinEventLog", "<Event><System><EventID>4&#x31;&amp;&bogus;</EventID>"
                + "<!-- c --><Channel><![CDATA[A<B]]></Channel></System></Event>"))
                .containsEntry("EventID", "41&&bogus;").containsEntry("Channel", "A<B");
    }
}
