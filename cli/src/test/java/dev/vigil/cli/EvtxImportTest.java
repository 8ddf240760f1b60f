package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.evtx.EvtxTestFiles;
import dev.vigil.server.ServerSettings;
import dev.vigil.server.VigilServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil import FILE.evtx}: an EVTX file the agent's test writer builds (Sysmon 1/3/11, Security
 * 4624/4625, three chunks, the middle one damaged) lands in a data directory or a running server, each record
 * an event with the Windows fields, found with SPL; the damaged chunk is reported and the others are read.
 */
class EvtxImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run vigil(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            exit = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** The rows of {@code vigil search --format json}, column to value. */
    private static List<Map<String, String>> search(String spl, String... where) throws Exception {
        List<String> args = new ArrayList<>(List.of("search", spl, "--format", "json"));
        args.addAll(List.of(where));
        Run r = vigil(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
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

    private Path damagedFile() throws Exception {
        byte[] file = EvtxTestFiles.lab(3);
        EvtxTestFiles.damageChunk(file, 1);
        Path f = dir.resolve("lab-Sysmon-and-Security.evtx");
        Files.write(f, file);
        return f;
    }

    private static void assertDamagedChunkReported(Run r, Path f) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("(?m)^\\s*vigil import: " + java.util.regex.Pattern.quote(f.toString())
                + ": chunk 1 at offset 69632: event records checksum 0x[0-9a-f]{8} does not match 0x[0-9a-f]{8}, "
                + "chunk skipped$");
        assertThat(r.err()).contains("imported 10 events from 200704 bytes")
                .contains("vigil import: 1 problem reported above; everything else was imported");
    }

    /** What both variants must find: the records of chunks 0 and 2, under their Windows names. */
    private static void assertSearchable(String... where) throws Exception {
        assertThat(search("EventID=1 Image=\"*\\\\powershell.exe\" ParentImage=\"*\\\\cmd.exe\" | stats count", where))
                .containsExactly(Map.of("count", "2"));
        assertThat(search("sourcetype=XmlWinEventLog | stats count by Computer | sort Computer", where)).containsExactly(
                Map.of("Computer", "DC01.lab.example", "count", "4"),
                Map.of("Computer", "WIN-LAB01.lab.example", "count", "6"));
        assertThat(search("* | stats count by EventRecordID | sort EventRecordID", where)).extracting(m -> m.get("EventRecordID"))
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "11", "12", "13", "14", "15");
        assertThat(search("EventCode=4625 TargetUserName=administrator Status=0xc000006d | stats count by IpAddress", where))
                .containsExactly(Map.of("IpAddress", "198.51.100.23", "count", "2"));
        assertThat(search("EventID=3 DestinationPort=443 Initiated=true | stats count by DestinationIp", where))
                .containsExactly(Map.of("DestinationIp", "203.0.113.50", "count", "2"));
        assertThat(search("EventID=11 TargetFilename=\"*\\\\Temp\\\\stage*.ps1\" | stats count", where))
                .containsExactly(Map.of("count", "2"));
        assertThat(search("MD5=7353F60B1739074EB17C5F4DDDEFE239 IMPHASH=741776AACCFC5B71FF59832DCDCACE0F | stats count",
                where)).containsExactly(Map.of("count", "2"));
        // record 1: TimeCreated 2024-03-15T10:22:34.4567890Z (epoch 1710498154), host = Computer, source = channel
        assertThat(search("EventRecordID=1 | eval us=round((_time - 1710498154) * 1000000) "
                + "| table us host source sourcetype User", where)).containsExactly(Map.of("us", "456789",
                "host", "WIN-LAB01.lab.example", "source", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
                "sourcetype", "XmlWinEventLog", "User", "LAB\\alice"));
    }

    @Test
    void importsIntoADataDirectoryReadingEveryGoodChunk() throws Exception {
        Path f = damagedFile();
        Path data = dir.resolve("data");
        Run r = vigil("import", f.toString(), "--data", data.toString());
        assertDamagedChunkReported(r, f);
        assertSearchable("--data", data.toString());
        assertThat(search("EventRecordID=4 | table evtx_file", "--data", data.toString()))
                .containsExactly(Map.of("evtx_file", f.toAbsolutePath().toString()));
    }

    @Test
    void importsIntoARunningServerThroughHec() throws Exception {
        Path f = damagedFile();
        ServerSettings s = new ServerSettings();
        s.data = dir.resolve("server");
        s.syslogPort = 0;
        s.syslogAddress = "127.0.0.1";
        s.httpPort = 0;
        s.httpAddress = "127.0.0.1";
        s.ntpEnabled = false;
        s.hecTokens = List.of(new ServerSettings.HecTokenSetting("import", TOKEN, null, null, false));
        try (VigilServer server = new VigilServer(s)) {
            server.start();
            String url = "http://127.0.0.1:" + server.port("http");
            Run r = vigil("import", f.toString(), "--server", url, "--token", TOKEN);
            assertDamagedChunkReported(r, f);
            for (int i = 0; i < 100 && !search("* | stats count", "--server", url).equals(List.of(Map.of("count", "10"))); i++) {
                Thread.sleep(100);
            }
            assertSearchable("--server", url);
        }
    }

    @Test
    void aFileThatIsNoEvtxIsReportedAndTheOthersImported() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("a-broken.evtx"), "this is no event log\n");
        Files.write(logs.resolve("b-good.evtx"), EvtxTestFiles.lab(1));
        Files.writeString(logs.resolve("c-auth.log"), "Mar  3 08:15:02 gw01 sshd[4121]: Accepted publickey for deploy "
                + "from 10.0.4.17 port 51514 ssh2\n");
        Path data = dir.resolve("data");
        Run r = vigil("import", logs.toString(), "--data", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("vigil import: " + logs.resolve("a-broken.evtx")
                + ": not an EVTX file (no ElfFile signature); file skipped\n").contains("imported 6 events");
        assertThat(search("* | stats count by sourcetype | sort sourcetype", "--data", data.toString())).containsExactly(
                Map.of("sourcetype", "XmlWinEventLog", "count", "5"), Map.of("sourcetype", "linux_secure", "count", "1"));
    }

    @Test
    void theIndexReadsFromEachRecordsXmlEveryFieldTheEvtxReaderGives() throws Exception {
        Path f = dir.resolve("one.evtx");
        Files.write(f, EvtxTestFiles.lab(1));
        var file = dev.vigil.agent.evtx.EvtxReader.readFile(f);
        assertThat(file.records()).hasSize(EvtxTestFiles.PER_CHUNK);
        for (var r : file.records()) {
            Map<String, Object> extracted = dev.vigil.index.extract.FieldExtractor.fields("XmlWinEventLog", r.xml());
            r.fields().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    assertThat(extracted).as(r.recordId() + " " + k).containsEntry(k, v);
                }
            });
        }
    }
}
