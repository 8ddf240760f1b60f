package dev.vigil.agent.evtx;

import dev.vigil.agent.evtx.EvtxWriter.Attr;
import dev.vigil.agent.evtx.EvtxWriter.El;
import dev.vigil.agent.evtx.EvtxWriter.Node;
import dev.vigil.agent.evtx.EvtxWriter.Sub;
import dev.vigil.agent.evtx.EvtxWriter.Txt;
import dev.vigil.agent.evtx.EvtxWriter.Val;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * EVTX files of a lab's events for other modules' tests (the agent's test jar; {@code vigil import} tests):
 * each chunk holds five records, Sysmon 1 (PowerShell started by cmd.exe), 3 (its HTTPS connection) and 11
 * (a script it wrote) from {@code WIN-LAB01.lab.example}, Security 4624 and 4625 from {@code DC01.lab.example}.
 */
public final class EvtxTestFiles {
    /** The first record's time; record {@code n} (from 1) is written {@code 61 * n} seconds later. */
    public static final Instant T0 = Instant.parse("2024-03-15T10:21:33.4567890Z");
    /** Records per chunk. */
    public static final int PER_CHUNK = 5;
    public static final String POWERSHELL = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    public static final String HASHES = "SHA1=6CBCE4A295C163791B60FC23D285E6D84F28EE4C,MD5=7353F60B1739074EB17C5F4DDDEFE239,"
            + "SHA256=DE96A6E69944335375DC1AC238336066889D9FFC7D73628EF4FE1B1B160AB32C,IMPHASH=741776AACCFC5B71FF59832DCDCACE0F";

    private EvtxTestFiles() {
    }

    /** A whole file of {@code chunks} chunks. */
    @SuppressWarnings("unchecked")
    public static byte[] lab(int chunks) {
        EvtxWriter w = new EvtxWriter();
        long id = 1;
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < PER_CHUNK; i++, id++) {
                Instant t = T0.plusSeconds(id * 61);
                Map<String, Object> e = switch (i) {
                    case 0 -> SampleEvents.sysmon(1, id, t, SampleEvents.processCreate(POWERSHELL,
                            "powershell.exe -NoProfile -EncodedCommand SQBFAFgA & exit <" + id + ">",
                            "C:\\Windows\\System32\\cmd.exe", "LAB\\alice", HASHES,
                            new UUID(0x6b1b_5f3c_1e2d_65f4L, id), 7000 + (int) id));
                    case 1 -> SampleEvents.sysmon(3, id, t, SampleEvents.networkConnect("10.0.20.15", 49000 + (int) id,
                            "203.0.113.50", 443));
                    case 2 -> SampleEvents.sysmon(11, id, t, fileCreate(id));
                    case 3 -> security(4624, id, t, Map.of("TargetUserName", "alice", "TargetDomainName", "LAB",
                            "LogonType", "3", "IpAddress", "10.0.20.15", "IpPort", "49830"));
                    default -> security(4625, id, t, Map.of("TargetUserName", "administrator",
                            "TargetDomainName", "LAB", "Status", "0xc000006d", "SubStatus", "0xc000006a",
                            "LogonType", "3", "IpAddress", "198.51.100.23", "IpPort", "51234"));
                };
                w.record((String) e.get("key"), (El) e.get("template"), (List<Val>) e.get("values"),
                        SampleEvents.fileTimeOf(t));
            }
            w.newChunk();
        }
        return w.bytes();
    }

    /** Where chunk {@code n} (from 0) starts in a file {@link #lab} wrote. */
    public static int chunkOffset(int n) {
        return EvtxReader.FILE_HEADER_SIZE + n * EvtxReader.CHUNK_SIZE;
    }

    /** Changes one byte of chunk {@code n}'s event records, so that their checksum no longer matches. */
    public static void damageChunk(byte[] file, int n) {
        file[chunkOffset(n) + EvtxReader.CHUNK_DATA + 100] ^= 0x5a;
    }

    private static Map<String, Val> fileCreate(long id) {
        Map<String, Val> d = new LinkedHashMap<>();
        d.put("RuleName", SampleEvents.str("-"));
        d.put("UtcTime", SampleEvents.str("2024-03-15 10:21:36.004"));
        d.put("ProcessGuid", SampleEvents.guid("{6B1B5F3C-1E2D-65F4-3A04-000000000F00}"));
        d.put("ProcessId", SampleEvents.u32(7420));
        d.put("Image", SampleEvents.str(POWERSHELL));
        d.put("TargetFilename", SampleEvents.str("C:\\Users\\alice\\AppData\\Local\\Temp\\stage" + id + ".ps1"));
        d.put("CreationUtcTime", SampleEvents.str("2024-03-15 10:21:36.004"));
        d.put("User", SampleEvents.str("LAB\\alice"));
        return d;
    }

    /** A Security event with flat EventData (its Data are substitutions 15, 16… of the one template). */
    private static Map<String, Object> security(int eventId, long id, Instant t, Map<String, String> data) {
        List<Node> datas = new ArrayList<>();
        List<Val> v = SampleEvents.systemValues("Microsoft-Windows-Security-Auditing",
                "{54849625-5478-4994-A5BA-3E3B0328C30D}", eventId, id, t, "Security", "DC01.lab.example", null);
        for (String name : new java.util.TreeSet<>(data.keySet())) {
            datas.add(new El("Data", List.of(new Attr("Name", new Txt(name))), List.of(new Sub(v.size(), 0x01, false))));
            v.add(SampleEvents.str(data.get(name)));
        }
        El tmpl = SampleEvents.systemTemplate(new El("EventData", List.of(), datas));
        return Map.of("key", "security-" + eventId, "template", tmpl, "values", v);
    }
}
