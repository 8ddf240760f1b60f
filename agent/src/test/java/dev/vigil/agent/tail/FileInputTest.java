package dev.vigil.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.AgentEvent;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInputTest {
    @TempDir
    Path dir;

    static void append(Path f, String text) throws Exception {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    InputConfig files(String glob) {
        return InputConfig.files(dir.resolve(glob).toString()).withTimes(0, 300_000, 0);
    }

    @Test
    void readsNewLinesWithTheirFieldsAndResumesAfterARestart() throws Exception {
        Path log = dir.resolve("secure");
        append(log, "one\ntwo\nthr");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("secure"))) {
            rig.settle();
            List<AgentEvent> got = rig.take();
            assertThat(TailRig.texts(got)).containsExactly("one", "two");
            assertThat(got.get(0).source()).isEqualTo(log.toString());
            assertThat(got.get(0).host()).isEqualTo("testhost");
            append(log, "ee\nfour\n");
            rig.restart();
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("three", "four");
            append(log, "five\n");
            rig.restart();
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("five");
        }
    }

    @Test
    void picksUpNewFilesMatchingTheGlobWhileRunning() throws Exception {
        Files.createDirectories(dir.resolve("httpd"));
        append(dir.resolve("httpd/access_log"), "a1\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("httpd/*log"))) {
            rig.settle();
            append(dir.resolve("httpd/error_log"), "e1\n");
            append(dir.resolve("httpd/other.txt"), "no\n");
            append(dir.resolve("httpd/ssl_log.gz"), "no\n");
            rig.settle();
            List<AgentEvent> got = rig.take();
            assertThat(TailRig.texts(got)).containsExactly("a1", "e1");
            assertThat(got.get(1).source()).isEqualTo(dir.resolve("httpd/error_log").toString());
        }
    }

    @Test
    void startAtEndSkipsWhatTheFilesHeldOnTheVeryFirstRunOnly() throws Exception {
        Path log = dir.resolve("a.log");
        append(log, "old\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("*.log").withStartAtEnd(true))) {
            rig.settle();
            append(log, "new\n");
            append(dir.resolve("b.log"), "b\n");
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("new", "b");
        }
    }

    @Test
    void aFileThatShrinksIsReportedAndReadAgainFromTheStart() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "first 1\nfirst 2\nfirst 3\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            append(log, "second 1\n");
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("first 1", "first 2", "first 3", "second 1");
            assertThat(rig.stats.filesShrunk.get()).isEqualTo(1);
            assertThat(rig.stats.notices()).anyMatch(n -> n.contains("app.log shrank to")
                    && n.contains("reading it again from the start"));
        }
    }

    @Test
    void aFileRewrittenPastThePositionIsNoticedByItsFirstBytes() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "2024-01-01 a\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            Files.writeString(log, "2024-01-02 b\n2024-01-02 c\n");
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("2024-01-01 a", "2024-01-02 b", "2024-01-02 c");
        }
    }

    @Test
    void aReusedInodeIsReadFromTheStartAfterARestart() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "old content line\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            rig.take();
            rig.close();
            // the same inode, new content longer than the old position: only the first bytes tell
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            append(log, "new content, quite a bit longer\n");
            rig.open();
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("new content, quite a bit longer");
        }
    }

    @Test
    void binaryGarbageIsShippedAsBytes() throws Exception {
        Path log = dir.resolve("app.log");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n' || junk[i] == '\r') {
                junk[i] = 0;
            }
        }
        append(log, "before\n");
        Files.write(log, junk, StandardOpenOption.APPEND);
        Files.write(log, new byte[1000], StandardOpenOption.APPEND);
        append(log, "\nafter\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            List<AgentEvent> got = rig.take();
            assertThat(got).hasSize(3);
            byte[] expect = new byte[5096];
            System.arraycopy(junk, 0, expect, 0, 4096);
            assertThat(got.get(1).body()).isEqualTo(expect);
            assertThat(new String(got.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("after");
        }
    }

    @Test
    void overlongLinesAreSplitAndCounted() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "x".repeat(250) + "\nshort\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log").withLines(100, true))) {
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50),
                    "short");
            assertThat(rig.stats.linesSplit.get()).isEqualTo(1);
        }
    }

    @Test
    void aRenamedFileIsFinishedAndItsSuccessorReadAfterIt() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "a1\na2\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            try (OutputStream old = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
                Files.move(log, dir.resolve("app.log.1"));
                append(log, "b1\n");
                old.write("a3\n".getBytes(StandardCharsets.UTF_8)); // the writer had not reopened yet
                rig.settle();
            }
            List<String> got = TailRig.texts(rig.take());
            assertThat(got).containsExactlyInAnyOrder("a1", "a2", "a3", "b1");
            assertThat(got.subList(0, 2)).containsExactly("a1", "a2");
            rig.settle();
            assertThat(rig.inputs.get(0)).isInstanceOf(FileInput.class);
            assertThat(((FileInput) rig.inputs.get(0)).followed()).isEqualTo(1);
        }
    }

    @Test
    void aFileRenamedWhileTheAgentWasStoppedIsFinished() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "a1\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            rig.close();
            append(log, "a2\n");
            Files.move(log, dir.resolve("app.log-20240101"));
            append(log, "b1\n");
            rig.open();
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("a1", "a2", "b1");
        }
    }

    @Test
    void copytruncateWhileTheAgentLagsIsFinishedFromTheCopy() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "a1\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("app.log"))) {
            rig.settle();
            append(log, "a2\na3\n");
            Files.copy(log, dir.resolve("app.log.1"));
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            append(log, "b1\n");
            rig.settle();
            assertThat(TailRig.texts(rig.take())).containsExactly("a1", "a2", "a3", "b1");
            assertThat(rig.stats.notices()).anyMatch(n -> n.contains("from its copy app.log.1"));
        }
    }

    @Test
    void linesAreNotReadTwiceWhenARenamedFileStillMatchesTheGlob() throws Exception {
        Path log = dir.resolve("conn.log");
        append(log, "c1\n");
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), files("*.log"))) {
            rig.settle();
            Files.move(log, dir.resolve("conn.10-00.log"));
            append(log, "c2\n");
            rig.settle();
            rig.restart();
            rig.settle();
            List<String> all = new ArrayList<>(TailRig.texts(rig.take()));
            assertThat(all).containsExactly("c1", "c2");
        }
    }
}
