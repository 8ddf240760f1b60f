package dev.vigil.collector.config;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates as the configuration defines them (legacy $template with options, RainerScript string and
 * list templates, option.sql / stdsql / json / jsonf, property() parameters) rendered by Vigil and by a
 * private rsyslogd on the corpus messages: the files must be equal. Only properties that do not depend
 * on the reception time are used.
 */
class TemplateDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void templatesRenderAsRsyslogdRendersThem() throws Exception {
        assumeTrue(RsyslogdPeer.available(), "skipped: rsyslogd not installed");
        String rules = """
                $template t1,"%syslogtag:1:10%|%msg:::drop-cc%|%programname:::uppercase%|%hostname:2:$%\\n"
                $template t2,"'%msg%' '%hostname%'\\n",sql
                $template t3,"'%msg%' '%syslogtag%'\\n",stdsql
                $template t4,"{\\"m\\":\\"%msg%\\",\\"h\\":\\"%hostname%\\"}\\n",json
                template(name="t5" type="string" string="%pri%,%syslogfacility-text%,%syslogseverity%,%msg:R,ERE,1,FIELD:([0-9]+)--end%\\n")
                template(name="t6" type="list") {
                    constant(value="[")
                    property(name="hostname" caseconversion="upper")
                    constant(value="] ")
                    property(name="msg" position.from="2" position.to="20" controlcharacters="escape")
                    constant(value="|")
                    property(name="timereported" dateformat="rfc3339")
                    constant(value="\\n")
                }
                template(name="t7" type="list" option.jsonf="on") {
                    property(outname="host" name="hostname" format="jsonf")
                    property(outname="tag" name="syslogtag" format="jsonf")
                    property(outname="message" name="msg" format="jsonf")
                }
                template(name="t8" type="list") {
                    property(name="msg" field.delimiter="32" field.number="3")
                    constant(value="|")
                    property(name="msg" regex.expression="([a-z]+) ([0-9]+)" regex.type="ERE" regex.submatch="2" regex.nomatchmode="BLANK")
                    constant(value="\\n")
                }
                *.* /OUT/t1.log;t1
                *.* /OUT/t2.log;t2
                *.* /OUT/t3.log;t3
                *.* /OUT/t4.log;t4
                *.* /OUT/t5.log;t5
                *.* /OUT/t6.log;t6
                *.* /OUT/t7.log;t7
                *.* /OUT/t8.log;t8
                """;
        // This test found three template differences, since fixed: positions count bytes, option.json
        // leaves '/' alone, and option.jsonf separates fields with ", " and ends with a newline.
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            // messages without a timestamp of their own get the reception time: leave those out of t6
            FilterDifferentialTest.compare(tmp, rules.replace("*.* /OUT/t6.log;t6",
                    "if not ($timereported startswith 'Jun 15') then /OUT/t6.log;t6"),
                    RsyslogCorpusDifferentialTest.resource("messages.txt"));
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
