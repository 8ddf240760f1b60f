package dev.vigil.agent.evtx;

import dev.vigil.agent.evtx.EvtxWriter.Attr;
import dev.vigil.agent.evtx.EvtxWriter.El;
import dev.vigil.agent.evtx.EvtxWriter.Node;
import dev.vigil.agent.evtx.EvtxWriter.Sub;
import dev.vigil.agent.evtx.EvtxWriter.Txt;
import dev.vigil.agent.evtx.EvtxWriter.Val;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helper: events shaped as Windows writes them. The System part is the outer template; for Sysmon the
 * EventData is a BinXml substitution holding its own template instance, as in real Sysmon logs.
 */
final class SampleEvents {
    static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";
    static final String SYSMON = "Microsoft-Windows-Sysmon";
    static final String SYSMON_GUID = "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}";

    private SampleEvents() {
    }

    /** The System template: 15 substitutions, then slot 15 holds the EventData (BinXml or not used). */
    static El systemTemplate(Node eventData) {
        El system = el("System",
                el("Provider", List.of(new Attr("Name", new Sub(0, 0x01, false)), new Attr("Guid", new Sub(1, 0x0f, true)))),
                el("EventID", new Sub(2, 0x06, false)),
                el("Version", new Sub(3, 0x04, false)),
                el("Level", new Sub(4, 0x04, false)),
                el("Task", new Sub(5, 0x06, false)),
                el("Opcode", new Sub(6, 0x04, false)),
                el("Keywords", new Sub(7, 0x15, false)),
                el("TimeCreated", List.of(new Attr("SystemTime", new Sub(8, 0x11, false)))),
                el("EventRecordID", new Sub(9, 0x0a, false)),
                el("Correlation", List.of()),
                el("Execution", List.of(new Attr("ProcessID", new Sub(10, 0x08, false)),
                        new Attr("ThreadID", new Sub(11, 0x08, false)))),
                el("Channel", new Sub(12, 0x01, false)),
                el("Computer", new Sub(13, 0x01, false)),
                el("Security", List.of(new Attr("UserID", new Sub(14, 0x13, true)))));
        return new El("Event", List.of(new Attr("xmlns", new Txt(NS))), List.of(system, eventData));
    }

    /** System values for the template above. */
    static List<Val> systemValues(String provider, String providerGuid, int eventId, long recordId, Instant t,
                                  String channel, String computer, String sid) {
        List<Val> v = new ArrayList<>();
        v.add(str(provider));
        v.add(providerGuid == null ? new Val(0, new byte[0]) : guid(providerGuid));
        v.add(u16(eventId));
        v.add(u8(5));
        v.add(u8(4));
        v.add(u16(1));
        v.add(u8(0));
        v.add(hex64(0x8000000000000000L));
        v.add(fileTime(t));
        v.add(u64(recordId));
        v.add(u32(2736));
        v.add(u32(3412));
        v.add(str(channel));
        v.add(str(computer));
        v.add(sid == null ? new Val(0, new byte[0]) : sid(sid));
        return v;
    }

    /** A Sysmon event: the outer template's slot 15 is a BinXml value with EventData's own template. */
    static Map<String, Object> sysmon(int eventId, long recordId, Instant t, Map<String, Val> data) {
        El outer = systemTemplate(new Sub(15, 0x21, false));
        List<Node> datas = new ArrayList<>();
        List<Val> dataValues = new ArrayList<>();
        for (String name : data.keySet()) {
            datas.add(new El("Data", List.of(new Attr("Name", new Txt(name))),
                    List.of(new Sub(dataValues.size(), data.get(name).type(), false))));
            dataValues.add(data.get(name));
        }
        El eventData = new El("EventData", List.of(), datas);
        List<Val> values = systemValues(SYSMON, SYSMON_GUID, eventId, recordId, t,
                "Microsoft-Windows-Sysmon/Operational", "WIN-LAB01.lab.example", "S-1-5-18");
        values.add(Val.binXml("sysmon-data-" + eventId, eventData, dataValues));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", "sysmon-" + eventId);
        m.put("template", outer);
        m.put("values", values);
        return m;
    }

    static Map<String, Val> processCreate(String image, String commandLine, String parent, String user,
                                          String hashes, UUID guid, int pid) {
        Map<String, Val> d = new LinkedHashMap<>();
        d.put("RuleName", str("-"));
        d.put("UtcTime", str("2023-11-14 22:13:20.123"));
        d.put("ProcessGuid", guid("{" + guid.toString().toUpperCase() + "}"));
        d.put("ProcessId", u32(pid));
        d.put("Image", str(image));
        d.put("CommandLine", str(commandLine));
        d.put("CurrentDirectory", str("C:\\Windows\\system32\\"));
        d.put("User", str(user));
        d.put("LogonId", hex64(0x3e7));
        d.put("TerminalSessionId", u32(0));
        d.put("IntegrityLevel", str("System"));
        d.put("Hashes", str(hashes));
        d.put("ParentProcessId", u32(4321));
        d.put("ParentImage", str(parent));
        d.put("ParentCommandLine", str(parent + " -k netsvcs"));
        return d;
    }

    static Map<String, Val> networkConnect(String src, int sport, String dst, int dport) {
        Map<String, Val> d = new LinkedHashMap<>();
        d.put("RuleName", str("-"));
        d.put("Image", str("C:\\Windows\\System32\\svchost.exe"));
        d.put("User", str("NT AUTHORITY\\NETWORK SERVICE"));
        d.put("Protocol", str("tcp"));
        d.put("Initiated", new Val(0x0d, le(4).putInt(1).array()));
        d.put("SourceIsIpv6", str("false"));
        d.put("SourceIp", str(src));
        d.put("SourcePort", u16(sport));
        d.put("DestinationIp", str(dst));
        d.put("DestinationHostname", str("-"));
        d.put("DestinationPort", u16(dport));
        return d;
    }

    static El el(String name, Node... children) {
        return new El(name, List.of(), List.of(children));
    }

    static El el(String name, List<Attr> attrs) {
        return new El(name, attrs, List.of());
    }

    static Val str(String s) {
        return new Val(0x01, (s + "\0").getBytes(StandardCharsets.UTF_16LE));
    }

    static Val u8(int v) {
        return new Val(0x04, new byte[] {(byte) v});
    }

    static Val u16(int v) {
        return new Val(0x06, le(2).putShort((short) v).array());
    }

    static Val u32(long v) {
        return new Val(0x08, le(4).putInt((int) v).array());
    }

    static Val u64(long v) {
        return new Val(0x0a, le(8).putLong(v).array());
    }

    static Val hex64(long v) {
        return new Val(0x15, le(8).putLong(v).array());
    }

    static Val fileTime(Instant t) {
        long ft = t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + 116_444_736_000_000_000L;
        return new Val(0x11, le(8).putLong(ft).array());
    }

    static long fileTimeOf(Instant t) {
        return t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + 116_444_736_000_000_000L;
    }

    /** A GUID in its mixed-endian byte order ([MS-DTYP] §2.3.4). */
    static Val guid(String text) {
        UUID u = UUID.fromString(text.substring(1, text.length() - 1));
        ByteBuffer b = le(16);
        long hi = u.getMostSignificantBits();
        b.putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        return new Val(0x0f, b.array());
    }

    /** A SID in binary form ([MS-DTYP] §2.4.2.2). */
    static Val sid(String text) {
        String[] p = text.split("-");
        int subs = p.length - 3;
        ByteBuffer b = le(8 + 4 * subs);
        b.put((byte) Integer.parseInt(p[1])).put((byte) subs);
        long auth = Long.parseLong(p[2]);
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (auth >>> (8 * i)));
        }
        for (int i = 3; i < p.length; i++) {
            b.putInt((int) Long.parseLong(p[i]));
        }
        return new Val(0x13, b.array());
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
