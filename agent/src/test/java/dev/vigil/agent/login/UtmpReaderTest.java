package dev.vigil.agent.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtmpReaderTest {
    @TempDir Path dir;

    @Test
    void readsEveryFieldOfARecord() throws Exception {
        Path f = dir.resolve("wtmp");
        Files.write(f, new UtmpWriter().login(1_700_000_123L, 4242, "pts/7", "alice", "2001:db8::42", "2001:db8::42")
                .bytes());
        UtmpFile u = new UtmpReader(10).read(f);
        assertThat(u.problems()).isEmpty();
        UtmpRecord r = u.records().get(0);
        assertThat(r.type()).isEqualTo(UtmpType.USER_PROCESS);
        assertThat(r.pid()).isEqualTo(4242);
        assertThat(r.line()).isEqualTo("pts/7");
        assertThat(r.id()).isEqualTo("ts/7");
        assertThat(r.user()).isEqualTo("alice");
        assertThat(r.host()).isEqualTo("2001:db8::42");
        assertThat(r.session()).isEqualTo(4242);
        assertThat(r.seconds()).isEqualTo(1_700_000_123L);
        assertThat(Addresses.numeric(r.addrV6())).isEqualTo("2001:db8::42");
        assertThat(u.endOffset()).isEqualTo(384);
    }

    @Test
    void reportsAndSkipsATruncatedTrailingRecord() throws Exception {
        byte[] two = new UtmpWriter().boot(1_700_000_000L, "6.1").bytes();
        Path f = dir.resolve("wtmp");
        Files.write(f, Arrays.copyOf(two, two.length - 100));
        UtmpFile u = new UtmpReader(10).read(f);
        assertThat(u.records()).hasSize(1);
        assertThat(u.records().get(0).user()).isEqualTo("reboot");
        assertThat(u.problems()).containsExactly(f + ": truncated record at offset 384: 284 of 384 bytes, skipped");
        assertThat(u.endOffset()).isEqualTo(384);
    }

    @Test
    void emptyFileHasNoRecordsAndNoProblems() throws Exception {
        Path f = dir.resolve("empty");
        Files.write(f, new byte[0]);
        UtmpFile u = new UtmpReader(10).read(f);
        assertThat(u.records()).isEmpty();
        assertThat(u.problems()).isEmpty();
    }

    @Test
    void garbageNeverCrashesTheReaderTheListingOrTheEvents() throws Exception {
        Random r = new Random(42);
        for (int n = 0; n < 50; n++) {
            byte[] g = new byte[r.nextInt(384 * 8)];
            r.nextBytes(g);
            Path f = dir.resolve("g" + n);
            Files.write(f, g);
            UtmpFile u = new UtmpReader(100).read(f);
            assertThat(u.records()).hasSize(g.length / 384);
            LoginEvents.fromWtmp(u.records(), "g");
            LoginEvents.fromBtmp(u.records(), "g");
            LastOptions o = new LastOptions();
            o.extended = true;
            new Last(o, java.time.ZoneOffset.UTC, 0, SystemView.live(), new CarefulOutput(true),
                    java.io.OutputStream.nullOutputStream()).list(u, "g");
        }
    }

    @Test
    void refusesMoreRecordsThanTheMaximum() throws Exception {
        Path f = dir.resolve("wtmp");
        Files.write(f, new byte[384 * 3]);
        assertThatThrownBy(() -> new UtmpReader(2).read(f)).isInstanceOf(LoginRecordException.class)
                .hasMessage(f + ": 3 records exceed the maximum 2");
    }

    @Test
    void resumesFromAnOffset() throws Exception {
        Path f = dir.resolve("wtmp");
        Files.write(f, new UtmpWriter().boot(1_700_000_000L, "6.1").login(1_700_000_100L, 5, "pts/0", "bob", "", null)
                .bytes());
        UtmpFile u = new UtmpReader(10).read(f, 768);
        assertThat(u.records()).extracting(UtmpRecord::user).containsExactly("bob");
        assertThat(u.records().get(0).offset()).isEqualTo(768);
    }

    @Test
    void wtmpBecomesLoginLogoutBootAndShutdownEvents() throws Exception {
        Path f = dir.resolve("wtmp");
        Files.write(f, new UtmpWriter().boot(1_700_000_000L, "6.1.0-13-amd64")
                .login(1_700_000_100L, 77, "pts/0", "alice", "alice-mbp.lan", "192.168.1.33")
                .logout(1_700_000_200L, 77, "pts/0")
                .shutdown(1_700_000_300L, "6.1.0-13-amd64", '0').bytes());
        List<LoginEvent> ev = LoginEvents.fromWtmp(new UtmpReader(10).read(f).records(), "wtmp");
        assertThat(ev).extracting(LoginEvent::kind).containsExactly(LoginEvent.Kind.BOOT, LoginEvent.Kind.RUNLEVEL,
                LoginEvent.Kind.LOGIN, LoginEvent.Kind.LOGOUT, LoginEvent.Kind.SHUTDOWN, LoginEvent.Kind.SHUTDOWN);
        LoginEvent logout = ev.get(3);
        assertThat(logout.user()).isEqualTo("alice");
        assertThat(logout.tty()).isEqualTo("pts/0");
        assertThat(ev.get(2).address()).isEqualTo("192.168.1.33");
        assertThat(ev.get(2).host()).isEqualTo("alice-mbp.lan");
        assertThat(ev.get(0).host()).isEqualTo("6.1.0-13-amd64");
    }

    @Test
    void btmpRecordsAreFailedLogins() throws Exception {
        Path f = dir.resolve("btmp");
        Files.write(f, new UtmpWriter().add(UtmpType.LOGIN_PROCESS, 3000, "ssh:notty", "", "oracle", "45.95.147.230",
                1_700_000_000L, "45.95.147.230").bytes());
        List<LoginEvent> ev = LoginEvents.fromBtmp(new UtmpReader(10).read(f).records(), "btmp");
        assertThat(ev).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(LoginEvent.Kind.FAILED_LOGIN);
            assertThat(e.user()).isEqualTo("oracle");
            assertThat(e.address()).isEqualTo("45.95.147.230");
            assertThat(e.tty()).isEqualTo("ssh:notty");
        });
    }
}
