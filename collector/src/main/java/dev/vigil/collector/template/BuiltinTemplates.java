package dev.vigil.collector.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** rsyslog 8's built-in templates, by name, with their exact definitions. */
public final class BuiltinTemplates {
    private static final Map<String, Template> ALL = new LinkedHashMap<>();

    static {
        add("RSYSLOG_TraditionalFileFormat",
                "%TIMESTAMP% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\\n", Escaping.NONE);
        add("RSYSLOG_FileFormat", "%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%"
                + "%msg:::drop-last-lf%\\n", Escaping.NONE);
        add("RSYSLOG_TraditionalForwardFormat",
                "<%PRI%>%TIMESTAMP% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%", Escaping.NONE);
        add("RSYSLOG_ForwardFormat", "<%PRI%>%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag:1:32%"
                + "%msg:::sp-if-no-1st-sp%%msg%", Escaping.NONE);
        add("RSYSLOG_SyslogProtocol23Format", "<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% "
                + "%MSGID% %STRUCTURED-DATA% %msg%\\n", Escaping.NONE);
        add("RSYSLOG_DebugFormat", "Debug line with all properties:\\nFROMHOST: '%FROMHOST%', fromhost-ip: "
                + "'%fromhost-ip%', HOSTNAME: '%HOSTNAME%', PRI: %PRI%,\\nsyslogtag '%syslogtag%', programname: "
                + "'%programname%', APP-NAME: '%APP-NAME%', PROCID: '%PROCID%', MSGID: '%MSGID%',\\nTIMESTAMP: "
                + "'%TIMESTAMP%', STRUCTURED-DATA: '%STRUCTURED-DATA%',\\nmsg: '%msg%'\\nescaped msg: "
                + "'%msg:::drop-cc%'\\ninputname: %inputname% rawmsg: '%rawmsg%'\\n$!:%$!%\\n$.:%$.%\\n$/:%$/%\\n\\n",
                Escaping.NONE);
        add("RSYSLOG_SysklogdFileFormat", "%TIMESTAMP% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg%\\n",
                Escaping.NONE);
        add("RSYSLOG_WallFmt", "\\r\\n\\7Message from syslogd@%HOSTNAME% at %timegenerated% ...\\r\\n "
                + "%syslogtag%%msg%\\n\\r", Escaping.NONE);
        add("RSYSLOG_StdUsrMsgFmt", " %syslogtag%%msg%\\n\\r", Escaping.NONE);
        add("RSYSLOG_StdDBFmt", "insert into SystemEvents (Message, Facility, FromHost, Priority, "
                + "DeviceReportedTime, ReceivedAt, InfoUnitID, SysLogTag) values ('%msg%', %syslogfacility%, "
                + "'%HOSTNAME%', %syslogpriority%, '%timereported:::date-mysql%', '%timegenerated:::date-mysql%', "
                + "%iut%, '%syslogtag%')", Escaping.SQL);
        add("RSYSLOG_StdPgSQLFmt", "insert into SystemEvents (Message, Facility, FromHost, Priority, "
                + "DeviceReportedTime, ReceivedAt, InfoUnitID, SysLogTag) values ('%msg%', %syslogfacility%, "
                + "'%HOSTNAME%', %syslogpriority%, '%timereported:::date-pgsql%', '%timegenerated:::date-pgsql%', "
                + "%iut%, '%syslogtag%')", Escaping.STDSQL);
        add("RSYSLOG_spoofadr", "%fromhost-ip%", Escaping.NONE);
        add("RSYSLOG_StdJSONFmt", "{\\\"message\\\":\\\"%msg:::json%\\\",\\\"fromhost\\\":\\\"%HOSTNAME:::json%\\\","
                + "\\\"facility\\\":\\\"%syslogfacility-text%\\\",\\\"priority\\\":\\\"%syslogpriority-text%\\\","
                + "\\\"timereported\\\":\\\"%timereported:::date-rfc3339%\\\",\\\"timegenerated\\\":"
                + "\\\"%timegenerated:::date-rfc3339%\\\"}", Escaping.NONE);
    }

    private BuiltinTemplates() {
    }

    private static void add(String name, String text, Escaping escaping) {
        ALL.put(name, Template.fromString(name, text, escaping));
    }

    /** The built-in template of that name, or null. */
    public static Template get(String name) {
        return ALL.get(name);
    }

    /** All built-in templates by name. */
    public static Map<String, Template> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }
}
