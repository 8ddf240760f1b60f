package dev.vigil.index.extract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Windows events as JSON shippers send them, already flattened by {@link Json}, given the names of the XML
 * rendering (which are Sysmon's and Sigma's): Winlogbeat 7/8 ({@code winlog.event_id}, {@code winlog.channel},
 * {@code winlog.computer_name}, {@code winlog.event_data.*}, ECS {@code @timestamp}), Winlogbeat 6
 * ({@code event_id}, {@code log_name}, {@code computer_name}, {@code event_data.*}) and NXLog's im_msvistalog
 * ({@code EventID}, {@code Channel}, {@code Hostname}, {@code SourceName}, EventData keys at the top level,
 * {@code EventTime}). The shipper's own keys stay as they are.
 */
final class WinJson {
    /** Winlogbeat's {@code winlog.*} and the System names they give. */
    private static final String[][] WINLOGBEAT = {
        {"event_id", "EventID"}, {"channel", "Channel"}, {"computer_name", "Computer"},
        {"provider_name", "Provider"}, {"provider_guid", "ProviderGuid"}, {"record_id", "EventRecordID"},
        {"version", "Version"}, {"task", "Task"}, {"opcode", "Opcode"}, {"keywords{}", "Keywords"},
        {"process.pid", "ProcessID"}, {"process.thread.id", "ThreadID"}, {"user.identifier", "UserID"},
        {"activity_id", "ActivityID"}, {"related_activity_id", "RelatedActivityID"},
    };
    /** Winlogbeat 6's top-level keys. */
    private static final String[][] WINLOGBEAT6 = {
        {"event_id", "EventID"}, {"log_name", "Channel"}, {"computer_name", "Computer"},
        {"source_name", "Provider"}, {"provider_guid", "ProviderGuid"}, {"record_number", "EventRecordID"},
        {"version", "Version"}, {"task", "Task"}, {"opcode", "Opcode"}, {"keywords{}", "Keywords"},
        {"process_id", "ProcessID"}, {"thread_id", "ThreadID"}, {"user.identifier", "UserID"},
    };
    /** NXLog im_msvistalog's System keys (EventID and Channel are already the XML names). */
    private static final String[][] NXLOG = {
        {"Hostname", "Computer"}, {"SourceName", "Provider"}, {"RecordNumber", "EventRecordID"},
        {"ExecutionProcessID", "ProcessID"}, {"ExecutionThreadID", "ThreadID"},
    };
    /** Winlogbeat's Sysmon module renames event data to ECS; these give Sysmon's names back. */
    private static final String[][] SYSMON_ECS = {
        {"process.executable", "Image"}, {"process.command_line", "CommandLine"}, {"process.pid", "ProcessId"},
        {"process.entity_id", "ProcessGuid"}, {"process.working_directory", "CurrentDirectory"},
        {"process.parent.executable", "ParentImage"}, {"process.parent.command_line", "ParentCommandLine"},
        {"process.parent.pid", "ParentProcessId"}, {"process.parent.entity_id", "ParentProcessGuid"},
        {"file.path", "TargetFilename"}, {"source.ip", "SourceIp"}, {"source.port", "SourcePort"},
        {"source.domain", "SourceHostname"}, {"destination.ip", "DestinationIp"},
        {"destination.port", "DestinationPort"}, {"destination.domain", "DestinationHostname"},
        {"network.transport", "Protocol"}, {"rule.name", "RuleName"},
    };

    private WinJson() {
    }

    /** Which shipper wrote a flattened object, or null when it is no Windows event. */
    static String form(Map<String, Object> f) {
        if (f.containsKey("winlog.event_id") || f.containsKey("winlog.channel")) {
            return "winlogbeat";
        }
        if (f.containsKey("event_id") && (f.containsKey("log_name") || f.containsKey("computer_name"))) {
            return "winlogbeat6";
        }
        if (f.containsKey("EventID") && (f.containsKey("SourceName") || f.containsKey("Channel"))
                && (f.containsKey("Hostname") || f.containsKey("EventTime") || f.containsKey("SourceModuleType"))) {
            return "nxlog";
        }
        return null;
    }

    /**
     * Adds the XML rendering's names to a flattened Windows event; returns the event's own time, or null
     * (also when the object is no Windows event, see {@link #form}).
     */
    static Instant normalize(String form, Map<String, Object> f) {
        switch (form) {
            case "winlogbeat":
                copy(f, "winlog.", WINLOGBEAT);
                data(f, "winlog.event_data.");
                data(f, "winlog.user_data.");
                auditLevel(f, f.get("winlog.keywords{}"));
                level(f, f.get("log.level"));
                if (WinEvents.SYSMON_CHANNEL.equals(f.get("Channel"))) {
                    sysmonFromEcs(f);
                }
                return Json.time(f);
            case "winlogbeat6":
                copy(f, "", WINLOGBEAT6);
                data(f, "event_data.");
                data(f, "user_data.");
                auditLevel(f, f.get("keywords{}"));
                level(f, f.get("level"));
                return Json.time(f);
            case "nxlog":
                copy(f, "", NXLOG);
                nxlogLevel(f);
                return nxlogTime(f);
            default:
                return null;
        }
    }

    private static void copy(Map<String, Object> f, String prefix, String[][] names) {
        for (String[] n : names) {
            Object v = f.get(prefix + n[0]);
            if (v != null) {
                f.putIfAbsent(n[1], v);
            }
        }
    }

    /** Event data keys under their own names (the XML's Data Name), not replacing what is there. */
    private static void data(Map<String, Object> f, String prefix) {
        Object[] keys = f.keySet().toArray();
        for (Object k : keys) {
            String key = (String) k;
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                f.putIfAbsent(key.substring(prefix.length()), f.get(key));
            }
        }
    }

    /** Windows' numeric Level from a rendered level name (Winlogbeat's {@code log.level}). */
    private static void level(Map<String, Object> f, Object name) {
        if (!(name instanceof String s)) {
            return;
        }
        String n = switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> "1";
            case "error" -> "2";
            case "warning" -> "3";
            case "information", "info" -> "4";
            case "verbose" -> "5";
            default -> null;
        };
        if (n != null) {
            f.putIfAbsent("Level", n);
        }
    }

    /**
     * Windows writes audit events (keyword Audit Success/Failure) with Level 0 (LogAlways), which Winlogbeat
     * renders as "information": the keyword tells them apart.
     */
    private static void auditLevel(Map<String, Object> f, Object keywords) {
        List<?> k = keywords instanceof List<?> l ? l : keywords == null ? List.of() : List.of(keywords);
        if (k.contains("Audit Success") || k.contains("Audit Failure")) {
            f.putIfAbsent("Level", "0");
        }
    }

    /** NXLog's EventType as Windows' Level: audit events are level 0 (LogAlways), as Windows writes them. */
    private static void nxlogLevel(Map<String, Object> f) {
        Object t = f.get("EventType");
        if ("AUDIT_SUCCESS".equals(t) || "AUDIT_FAILURE".equals(t)) {
            f.putIfAbsent("Level", "0");
        } else {
            level(f, "INFO".equals(t) ? "information" : t);
        }
    }

    /**
     * NXLog's EventTime: with an offset it is exact; NXLog CE writes the Windows host's local time without
     * one, so Sysmon's UtcTime is preferred when there, else the time is read in this machine's zone (TZ).
     */
    private static Instant nxlogTime(Map<String, Object> f) {
        Object et = f.get("EventTime");
        String s = et instanceof String x ? x : null;
        if (s != null && hasOffset(s)) {
            Instant t = Times.iso(s);
            if (t != null) {
                return t;
            }
        }
        if (f.get("UtcTime") instanceof String u) {
            Instant t = Times.iso(u);
            if (t != null) {
                return t;
            }
        }
        return s == null ? null : Times.localIso(s);
    }

    private static boolean hasOffset(String s) {
        if (s.endsWith("Z") || s.endsWith("z")) {
            return true;
        }
        int t = Math.max(s.indexOf('T'), s.indexOf(' '));
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }

    /** Sysmon's names from the ECS fields of Winlogbeat's Sysmon module, where the event data lacks them. */
    private static void sysmonFromEcs(Map<String, Object> f) {
        for (String[] n : SYSMON_ECS) {
            Object v = f.get(n[0]);
            if (v != null) {
                f.putIfAbsent(n[1], v);
            }
        }
        if (!f.containsKey("User") && f.get("user.name") instanceof String name) {
            f.put("User", f.get("user.domain") instanceof String d ? d + "\\" + name : name);
        }
        if (!f.containsKey("Initiated") && f.get("network.direction") instanceof String d) {
            switch (d) {
                case "egress", "outbound" -> f.put("Initiated", "true");
                case "ingress", "inbound" -> f.put("Initiated", "false");
                default -> { }
            }
        }
        if (!f.containsKey("Hashes")) {
            StringBuilder h = new StringBuilder();
            for (String algo : List.of("sha1", "md5", "sha256", "imphash")) {
                Object v = first(f, "process.hash." + algo, "file.hash." + algo, "hash." + algo,
                        "process.pe." + algo, "file.pe." + algo);
                if (v instanceof String s) {
                    h.append(h.length() == 0 ? "" : ",").append(algo.toUpperCase(java.util.Locale.ROOT)).append('=')
                            .append(s.toUpperCase(java.util.Locale.ROOT));
                }
            }
            if (h.length() > 0) {
                f.put("Hashes", h.toString());
            }
        }
    }

    private static Object first(Map<String, Object> f, String... keys) {
        for (String k : keys) {
            Object v = f.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
