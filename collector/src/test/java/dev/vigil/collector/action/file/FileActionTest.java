package dev.vigil.collector.action.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.template.BuiltinTemplates;
import dev.vigil.collector.template.Escaping;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileActionTest {
    @TempDir
    Path dir;

    static Event parse(String line) {
        SyslogParser p = new SyslogParser(ParserOptions.DEFAULTS, ZoneOffset.UTC);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length, new SyslogParser.Origin(Instant.parse("2025-06-15T12:00:00Z"), "localhost",
                "127.0.0.1", "test"));
    }

    Template perHost() {
        return Template.fromString("perhost", dir + "/logs/%HOSTNAME:::secpath-replace%/"
                + "%PROGRAMNAME:::secpath-replace%.log", Escaping.NONE);
    }

    @Test
    void writesEachHostAndProgramToItsOwnFile() throws Exception {
        try (FileAction a = FileAction.dynamicFile(perHost(), BuiltinTemplates.get("RSYSLOG_FileFormat"),
                FileOptions.DEFAULTS.confinedTo(dir.resolve("logs")))) {
            a.process(parse("<13>Feb  5 07:08:09 web01 nginx: one"));
            a.process(parse("<13>Feb  5 07:08:10 web01 sshd[1]: two"));
            a.process(parse("<13>Feb  5 07:08:11 web01 nginx: three"));
        }
        assertThat(Files.readAllLines(dir.resolve("logs/web01/nginx.log"))).containsExactly(
                "2025-02-05T07:08:09+00:00 web01 nginx: one", "2025-02-05T07:08:11+00:00 web01 nginx: three");
        assertThat(Files.readAllLines(dir.resolve("logs/web01/sshd.log")))
                .containsExactly("2025-02-05T07:08:10+00:00 web01 sshd[1]: two");
    }

    @Test
    void senderCannotWriteOutsideTheLogDirectory() throws Exception {
        try (FileAction a = FileAction.dynamicFile(perHost(), BuiltinTemplates.get("RSYSLOG_FileFormat"),
                FileOptions.DEFAULTS.confinedTo(dir.resolve("logs")))) {
            a.process(parse("<13>1 2025-02-05T07:08:09Z ../../etc evil/../../x - - - traversal"));
            a.process(parse("<13>1 2025-02-05T07:08:09Z .. .. - - - dots"));
            a.process(parse("<13>1 2025-02-05T07:08:09Z /etc passwd - - - absolute"));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertThat(files).isNotEmpty().allSatisfy(p -> assertThat(p.normalize()).startsWith(dir.resolve("logs")));
        }
        assertThat(dir.resolve("logs/.._.._etc/evil.log")).exists();
        assertThat(dir.resolve("logs/_/_.log")).exists();
        assertThat(dir.resolve("logs/_etc/passwd.log")).exists();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfFilesOpen() throws Exception {
        try (FileAction a = FileAction.dynamicFile(perHost(), BuiltinTemplates.get("RSYSLOG_FileFormat"),
                FileOptions.DEFAULTS.withCacheSize(3))) {
            for (int i = 0; i < 20; i++) {
                a.process(parse("<13>Feb  5 07:08:09 h" + i + " app: m" + i));
                assertThat(a.openFiles()).isLessThanOrEqualTo(3);
            }
            assertThat(a.written()).isEqualTo(20);
        }
        assertThat(Files.readAllLines(dir.resolve("logs/h0/app.log"))).hasSize(1);
    }

    @Test
    void createsFilesAndDirectoriesWithTheConfiguredModes() throws Exception {
        Path f = dir.resolve("a/b/c.log");
        try (FileAction a = FileAction.staticFile(f, BuiltinTemplates.get("RSYSLOG_TraditionalFileFormat"),
                FileOptions.DEFAULTS.withModes(0640, 0755))) {
            a.process(parse("<13>Feb  5 07:08:09 web01 nginx: x"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(f)).isEqualTo("Feb  5 07:08:09 web01 nginx: x\n");
    }

    @Test
    void unwritablePathIsCountedAndOtherFilesGoOn() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Template t = Template.fromString("t", dir + "/%HOSTNAME%/x.log", Escaping.NONE);
        try (FileAction a = FileAction.dynamicFile(t, BuiltinTemplates.get("RSYSLOG_FileFormat"),
                FileOptions.DEFAULTS)) {
            a.process(parse("<13>Feb  5 07:08:09 blocker app: lost"));
            a.process(parse("<13>Feb  5 07:08:09 fine app: kept"));
            assertThat(a.failed()).isEqualTo(1);
            assertThat(a.written()).isEqualTo(1);
        }
        assertThat(dir.resolve("fine/x.log")).exists();
    }
}
