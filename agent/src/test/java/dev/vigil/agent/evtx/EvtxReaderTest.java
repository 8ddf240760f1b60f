package dev.vigil.agent.evtx;

import dev.vigil.agent.evtx.EvtxWriter.Attr;
import dev.vigil.agent.evtx.EvtxWriter.El;
import dev.vigil.agent.evtx.EvtxWriter.Node;
import dev.vigil.agent.evtx.EvtxWriter.Sub;
import dev.vigil.agent.evtx.EvtxWriter.Txt;
import dev.vigil.agent.evtx.EvtxWriter.Val;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvtxReaderTest {
    private static final Instant T0 = Instant.parse("2023-11-14T22:13:20.1234567Z");

    @TempDir Path dir;

    /** Sysmon 1 and 3 events (nested EventData templates) and Security 4624 events (flat), over several chunks. */
    @SuppressWarnings("unchecked")
    static EvtxWriter sample(int perChunk, int chunks) {
        EvtxWriter w = new EvtxWriter();
        long id = 1;
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < perChunk; i++, id++) {
                Instant t = T0.plusSeconds(id * 61);
                Map<String, Object> e;
                if (i % 3 == 0) {
                    e = SampleEvents.sysmon(1, id, t, SampleEvents.processCreate(
                            "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c whoami & echo <" + id + ">",
                            "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM",
                            "SHA256=" + "AB".repeat(32) + ",IMPHASH=" + "CD".repeat(16),
                            new UUID(0x1234_5678_9abc_def0L, id), 1000 + (int) id));
                } else if (i % 3 == 1) {
                    e = SampleEvents.sysmon(3, id, t, SampleEvents.networkConnect("10.0.2.15", 49000 + (int) id,
                            "2001:db8::42", 443));
                } else {
                    e = security4624(id, t);
                }
                w.record((String) e.get("key"), (El) e.get("template"), (List<Val>) e.get("values"),
                        SampleEvents.fileTimeOf(t));
            }
            w.newChunk();
        }
        return w;
    }

    static Map<String, Object> security4624(long id, Instant t) {
        List<Node> datas = new ArrayList<>();
        String[] names = {"TargetUserName", "TargetDomainName", "LogonType", "IpAddress", "IpPort"};
        for (int k = 0; k < names.length; k++) {
            datas.add(new El("Data", List.of(new Attr("Name", new Txt(names[k]))),
                    List.of(new Sub(15 + k, 0x01, false))));
        }
        El tmpl = SampleEvents.systemTemplate(new El("EventData", List.of(), datas));
        List<Val> v = SampleEvents.systemValues("Microsoft-Windows-Security-Auditing",
                "{54849625-5478-4994-A5BA-3E3B0328C30D}", 4624, id, t, "Security", "DC01.lab.example", null);
        v.add(SampleEvents.str("alice"));
        v.add(SampleEvents.str("LAB"));
        v.add(SampleEvents.str("10"));
        v.add(SampleEvents.str("192.168.56.1"));
        v.add(SampleEvents.str("50123"));
        return Map.of("key", "security-4624", "template", tmpl, "values", v);
    }

    @Test
    void readsSysmonAndSecurityEventsWithTemplatesAndSubstitutions() throws Exception {
        Path f = dir.resolve("lab.evtx");
        Files.write(f, sample(6, 2).bytes());
        EvtxFile file = new EvtxReader(100).read(f);
        assertThat(file.problems()).isEmpty();
        assertThat(file.records()).hasSize(12);
        assertThat(file.records()).extracting(EvtxRecord::recordId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
                9L, 10L, 11L, 12L);
        assertThat(file.records()).extracting(EvtxRecord::chunk).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);

        EvtxRecord p = file.records().get(3);
        Map<String, String> f4 = p.fields();
        assertThat(f4).containsEntry("EventID", "1").containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "WIN-LAB01.lab.example").containsEntry("Provider", SampleEvents.SYSMON)
                .containsEntry("ProviderGuid", SampleEvents.SYSMON_GUID)
                .containsEntry("Image", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("CommandLine", "cmd.exe /c whoami & echo <4>")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\services.exe")
                .containsEntry("User", "NT AUTHORITY\\SYSTEM")
                .containsEntry("Hashes", "SHA256=" + "AB".repeat(32) + ",IMPHASH=" + "CD".repeat(16))
                .containsEntry("ProcessGuid", "{12345678-9ABC-DEF0-0000-000000000004}")
                .containsEntry("ProcessId", "1004").containsEntry("LogonId", "0x3e7")
                .containsEntry("EventRecordID", "4").containsEntry("UserID", "S-1-5-18")
                .containsEntry("Keywords", "0x8000000000000000").containsEntry("ProcessID", "2736")
                .containsEntry("ThreadID", "3412");
        Instant t4 = T0.plusSeconds(4 * 61);
        assertThat(p.written()).isEqualTo(t4);
        assertThat(f4.get("TimeCreated")).isEqualTo(t4.toString().replace(".123456700Z", ".1234567Z"));

        Map<String, String> net = file.records().get(4).fields();
        assertThat(net).containsEntry("EventID", "3").containsEntry("SourceIp", "10.0.2.15")
                .containsEntry("SourcePort", "49005").containsEntry("DestinationIp", "2001:db8::42")
                .containsEntry("DestinationPort", "443").containsEntry("Initiated", "true")
                .containsEntry("Protocol", "tcp");

        Map<String, String> sec = file.records().get(5).fields();
        assertThat(sec).containsEntry("EventID", "4624").containsEntry("Channel", "Security")
                .containsEntry("TargetUserName", "alice").containsEntry("IpAddress", "192.168.56.1")
                .containsEntry("LogonType", "10").doesNotContainKey("UserID").doesNotContainKey("Image");
    }

    @Test
    void arraysRepeatTheirElementAndBareBinXmlElementsNeedNoDependencyIdentifier() throws Exception {
        El classic = SampleEvents.systemTemplate(new El("EventData", List.of(),
                List.of(new El("Data", List.of(), List.of(new Sub(15, 0x81, false))),
                        new El("Binary", List.of(), List.of(new Sub(16, 0x0e, false))))));
        List<Val> v = SampleEvents.systemValues("Service Control Manager", null, 7036, 1, T0, "System",
                "WIN-LAB01", null);
        v.add(new Val(0x81, "SessionEnv\0running\0".getBytes(StandardCharsets.UTF_16LE)));
        v.add(new Val(0x0e, new byte[] {(byte) 0xd9, 6, 0, 0}));
        El user = SampleEvents.systemTemplate(new Sub(15, 0x21, false));
        List<Val> u = SampleEvents.systemValues("LoadPerf", null, 1000, 2, T0, "Application", "WIN-LAB01", null);
        u.add(Val.binXmlElement(new El("UserData", List.of(), List.of(new El("EventXML",
                List.of(new Attr("xmlns", new Txt("LoadPerf"))),
                List.of(new El("param1", List.of(), List.of(new Txt("WmiApRpl"))),
                        new El("binaryDataSize", List.of(), List.of(new Txt("4")))))))));
        Path f = dir.resolve("classic.evtx");
        Files.write(f, new EvtxWriter().record("classic", classic, v, SampleEvents.fileTimeOf(T0))
                .record("user", user, u, SampleEvents.fileTimeOf(T0)).bytes());
        EvtxFile r = new EvtxReader(10).read(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.records().get(0).fields()).containsEntry("param1", "SessionEnv")
                .containsEntry("param2", "running").containsEntry("Binary", "D9060000")
                .doesNotContainKey("ProviderGuid");
        assertThat(r.records().get(0).xml()).contains("<Provider Name=\"Service Control Manager\"/>");
        assertThat(r.records().get(1).fields()).containsEntry("param1", "WmiApRpl")
                .containsEntry("binaryDataSize", "4").containsEntry("EventID", "1000");
    }

    @Test
    void xmlRenderingIsWellFormedAndCarriesEveryValue() throws Exception {
        Path f = dir.resolve("lab.evtx");
        Files.write(f, sample(3, 1).bytes());
        for (EvtxRecord r : new EvtxReader(10).read(f).records()) {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(r.xml().getBytes(StandardCharsets.UTF_8)));
            Element root = d.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("Event");
            assertThat(root.getNamespaceURI()).isEqualTo(SampleEvents.NS);
            assertThat(root.getElementsByTagName("EventID").item(0).getTextContent()).isEqualTo(r.fields().get("EventID"));
            assertThat(((Element) root.getElementsByTagName("TimeCreated").item(0)).getAttribute("SystemTime"))
                    .isEqualTo(r.fields().get("TimeCreated"));
            NodeList data = root.getElementsByTagName("Data");
            assertThat(data.getLength()).isGreaterThan(4);
            for (int i = 0; i < data.getLength(); i++) {
                Element e = (Element) data.item(i);
                assertThat(r.fields()).containsEntry(e.getAttribute("Name"), e.getTextContent());
            }
        }
    }

    @Test
    void damagedChunkIsReportedAndTheOtherChunksAreRead() throws Exception {
        byte[] file = sample(4, 3).bytes();
        int chunk1 = EvtxReader.FILE_HEADER_SIZE + EvtxReader.CHUNK_SIZE;
        file[chunk1 + EvtxReader.CHUNK_DATA + 200] ^= 0x55;
        Path f = dir.resolve("damaged.evtx");
        Files.write(f, file);
        EvtxFile r = new EvtxReader(10).read(f);
        assertThat(r.records()).extracting(EvtxRecord::chunk).containsOnly(0, 2);
        assertThat(r.records()).hasSize(8);
        assertThat(r.problems()).singleElement().asString()
                .startsWith(f + ": chunk 1 at offset 69632: event records checksum").endsWith(", chunk skipped");

        byte[] header = sample(4, 3).bytes();
        header[EvtxReader.FILE_HEADER_SIZE + 2 * EvtxReader.CHUNK_SIZE + 20] ^= 1;
        Files.write(f, header);
        EvtxFile r2 = new EvtxReader(10).read(f);
        assertThat(r2.records()).extracting(EvtxRecord::chunk).containsOnly(0, 1);
        assertThat(r2.problems()).singleElement().asString().startsWith(f + ": chunk 2 at offset 135168: header checksum");
    }

    @Test
    void truncatedFileKeepsItsCompleteChunks() throws Exception {
        byte[] file = sample(4, 2).bytes();
        Path f = dir.resolve("cut.evtx");
        Files.write(f, Arrays.copyOf(file, file.length - 1000));
        EvtxFile r = new EvtxReader(10).read(f);
        assertThat(r.records()).hasSize(4);
        assertThat(r.problems()).containsExactly(f + ": truncated chunk 1 at offset 69632: 64536 of 65536 bytes, skipped");
    }

    @Test
    void malformedRecordsAreReportedNeverThrown() throws Exception {
        Random rnd = new Random(11);
        byte[] clean = sample(6, 1).bytes();
        int chunk = EvtxReader.FILE_HEADER_SIZE;
        int free = java.nio.ByteBuffer.wrap(clean).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(chunk + 48);
        for (int n = 0; n < 300; n++) {
            byte[] file = clean.clone();
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                int at = chunk + EvtxReader.CHUNK_DATA + rnd.nextInt(free - EvtxReader.CHUNK_DATA);
                file[at] = (byte) rnd.nextInt(256);
            }
            EvtxWriter.fixChunkChecksums(file, chunk);
            Path f = dir.resolve("fuzz.evtx");
            Files.write(f, file);
            EvtxFile r = new EvtxReader(10).read(f);
            assertThat(r.records().size() + r.problems().size()).isGreaterThan(0);
        }
    }

    @Test
    void emptyGarbageAndOversizedFilesAreRefusedWithTheReason() throws Exception {
        Path empty = dir.resolve("empty.evtx");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> new EvtxReader(10).read(empty)).isInstanceOf(EvtxFormatException.class)
                .hasMessage(empty + ": not an EVTX file (no ElfFile signature)");
        Path garbage = dir.resolve("garbage.evtx");
        byte[] g = new byte[EvtxReader.FILE_HEADER_SIZE + 2 * EvtxReader.CHUNK_SIZE];
        new Random(5).nextBytes(g);
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 0, g, 0, 8);
        g[40] = 0;
        g[41] = 0x10;
        Files.write(garbage, g);
        EvtxFile r = new EvtxReader(10).read(garbage);
        assertThat(r.records()).isEmpty();
        assertThat(r.problems()).hasSize(3).first().asString().contains("file header checksum");
        Path big = dir.resolve("big.evtx");
        Files.write(big, sample(1, 3).bytes());
        assertThatThrownBy(() -> new EvtxReader(2).read(big)).isInstanceOf(EvtxFormatException.class)
                .hasMessage(big + ": 3 chunks exceed the maximum 2");
    }
}
