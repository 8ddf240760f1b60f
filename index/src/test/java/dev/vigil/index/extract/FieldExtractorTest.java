package dev.vigil.index.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldExtractorTest {

    @Test
    void linuxSecureSshdFailureGivesActionUserSrcPortAndMethod() {
        String line = "Mar  3 08:15:02 gw01 sshd[4121]: Failed password for invalid user admin from 203.0.113.9 port 51514 ssh2";
        assertThat(Sourcetypes.detect(line, null)).isEqualTo("linux_secure");
        Map<String, Object> f = FieldExtractor.fields("linux_secure", line);
        assertThat(f).containsEntry("process", "sshd").containsEntry("pid", "4121").containsEntry("action", "failure")
                .containsEntry("user", "admin").containsEntry("src", "203.0.113.9").containsEntry("src_port", "51514")
                .containsEntry("authentication_method", "password");
    }

    @Test
    void linuxSecureAcceptedInvalidSuSudoAndPam() {
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 sshd[1]: Accepted publickey for deploy from 10.0.4.17 port 51514 ssh2"))
                .containsEntry("action", "success").containsEntry("user", "deploy")
                .containsEntry("authentication_method", "publickey");
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 sshd[1]: Invalid user oracle from 198.51.100.4 port 40000"))
                .containsEntry("action", "failure").containsEntry("user", "oracle").containsEntry("src", "198.51.100.4");
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 su[9]: FAILED su for root by alice"))
                .containsEntry("action", "failure").containsEntry("user", "root").containsEntry("src_user", "alice");
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id"))
                .containsEntry("user", "alice").containsEntry("run_as", "root").containsEntry("command", "/usr/bin/id")
                .containsEntry("tty", "pts/0").containsEntry("action", "success");
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 sudo: alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/sh"))
                .containsEntry("action", "failure").containsEntry("reason", "3 incorrect password attempts");
        assertThat(FieldExtractor.fields("linux_secure",
                "Mar  3 08:15:02 gw01 su[9]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)"))
                .containsEntry("user", "root").containsEntry("src_user", "alice").containsEntry("action", "success");
        assertThat(FieldExtractor.fields("linux_secure", "Mar  3 08:15:02 gw01 sshd[7]: pam_unix(sshd:auth): "
                + "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root"))
                .containsEntry("action", "failure").containsEntry("src", "192.0.2.1").containsEntry("user", "root")
                .containsEntry("tty", "ssh");
    }

    @Test
    void accessCombinedGivesSplunkAndW3cNames() {
        String line = "192.0.2.9 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif?x=1 HTTP/1.0\" 200 2326 "
                + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
        assertThat(Sourcetypes.detect(line, null)).isEqualTo("access_combined");
        Extraction x = FieldExtractor.extract("access_combined", line);
        assertThat(x.fields()).containsEntry("clientip", "192.0.2.9").containsEntry("user", "frank")
                .containsEntry("method", "GET").containsEntry("cs-method", "GET")
                .containsEntry("uri", "/apache_pb.gif?x=1").containsEntry("c-uri", "/apache_pb.gif?x=1")
                .containsEntry("uri_path", "/apache_pb.gif").containsEntry("cs-uri-query", "x=1")
                .containsEntry("c-uri-extension", "gif").containsEntry("status", "200").containsEntry("sc-status", "200")
                .containsEntry("bytes", "2326").containsEntry("referer", "http://www.example.com/start.html")
                .containsEntry("useragent", "Mozilla/4.08 [en] (Win98; I ;Nav)")
                .containsEntry("c-useragent", "Mozilla/4.08 [en] (Win98; I ;Nav)")
                .doesNotContainKey("ident");
        assertThat(x.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(Sourcetypes.detect("192.0.2.9 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 -", null))
                .isEqualTo("access_common");
    }

    @Test
    void apacheErrorGivesLevelModulePidClientAndCode() {
        String line = "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328] [client 192.0.2.4:5678] "
                + "AH00037: Symbolic link not allowed or link target not accessible: /usr/local/apache2/htdocs/x";
        assertThat(Sourcetypes.detect(line, null)).isEqualTo("apache_error");
        assertThat(FieldExtractor.fields("apache_error", line)).containsEntry("module", "core")
                .containsEntry("log_level", "error").containsEntry("pid", "35708").containsEntry("tid", "4328")
                .containsEntry("clientip", "192.0.2.4").containsEntry("client_port", "5678")
                .containsEntry("error_code", "AH00037");
        assertThat(FieldExtractor.fields("apache_error",
                "[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration"))
                .containsEntry("log_level", "error").containsEntry("clientip", "127.0.0.1");
    }

    @Test
    void vsftpdAndXferlog() {
        String v = "Mon Oct 16 14:11:22 2023 [pid 1234] [ftpuser] OK DOWNLOAD: Client \"::ffff:192.0.2.5\", "
                + "\"/pub/file.txt\", 1234 bytes, 56.78Kbyte/sec";
        assertThat(Sourcetypes.detect(v, null)).isEqualTo("vsftpd");
        assertThat(FieldExtractor.fields("vsftpd", v)).containsEntry("pid", "1234").containsEntry("user", "ftpuser")
                .containsEntry("status", "OK").containsEntry("command", "DOWNLOAD").containsEntry("src", "192.0.2.5")
                .containsEntry("file", "/pub/file.txt").containsEntry("bytes", "1234");
        assertThat(FieldExtractor.fields("vsftpd", "Mon Oct 16 14:11:22 2023 [pid 99] [bob] FAIL LOGIN: Client \"192.0.2.6\""))
                .containsEntry("action", "failure").containsEntry("command", "LOGIN");
        String x = "Mon Oct 16 14:11:22 2023 1 192.0.2.5 1234 /pub/my file.txt b _ o r ftpuser ftp 0 * c";
        assertThat(Sourcetypes.detect(x, null)).isEqualTo("xferlog");
        assertThat(FieldExtractor.fields("xferlog", x)).containsEntry("transfer_time", "1")
                .containsEntry("remote_host", "192.0.2.5").containsEntry("file_size", "1234")
                .containsEntry("filename", "/pub/my file.txt").containsEntry("direction", "o")
                .containsEntry("username", "ftpuser").containsEntry("completion_status", "c");
    }

    @Test
    void postfixAndSendmail() {
        String p = "Mar  3 08:15:02 mx1 postfix/smtp[2231]: 3F2A1C0042: to=<bob@example.com>, "
                + "relay=mx.example.net[192.0.2.25]:25, delay=0.52, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)";
        assertThat(Sourcetypes.detect(p, null)).isEqualTo("postfix_syslog");
        assertThat(FieldExtractor.fields("postfix_syslog", p)).containsEntry("qid", "3F2A1C0042")
                .containsEntry("to", "bob@example.com").containsEntry("relay", "mx.example.net[192.0.2.25]:25")
                .containsEntry("delay", "0.52").containsEntry("dsn", "2.0.0").containsEntry("status", "sent");
        assertThat(FieldExtractor.fields("postfix_syslog",
                "Mar  3 08:15:02 mx1 postfix/qmgr[11]: 3F2A1C0042: from=<alice@example.com>, size=1234, nrcpt=2 (queue active)"))
                .containsEntry("from", "alice@example.com").containsEntry("size", "1234");
        String s = "Mar  3 08:15:02 mx2 sendmail[977]: x23FF2aB000977: to=<a@example.com>,<b@example.com>, "
                + "delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.com. [192.0.2.30], dsn=2.0.0, stat=Sent (ok)";
        assertThat(Sourcetypes.detect(s, null)).isEqualTo("sendmail_syslog");
        assertThat(FieldExtractor.fields("sendmail_syslog", s)).containsEntry("to", List.of("a@example.com", "b@example.com"))
                .containsEntry("status", "Sent").containsEntry("delay", "00:00:01")
                .containsEntry("relay", "mx.example.com. [192.0.2.30]");
    }

    @Test
    void sambaLogAndFullAudit() {
        String s = "[2023/10/11 22:14:15.123456,  2] ../../source3/smbd/service.c:1195(make_connection_snum)\n"
                + "  host1 (ipv4:192.0.2.7:50432) connect to service share initially as user bob (uid=1000, gid=1000) (pid 4242)";
        assertThat(Sourcetypes.detect(s, null)).isEqualTo("samba");
        assertThat(FieldExtractor.fields("samba", s)).containsEntry("log_level", "2")
                .containsEntry("function", "make_connection_snum").containsEntry("src", "192.0.2.7")
                .containsEntry("service", "share").containsEntry("user", "bob").containsEntry("pid", "4242");
        assertThat(FieldExtractor.fields("syslog",
                "Mar  3 08:15:02 fs1 smbd_audit: alice|192.0.2.8|PC01|share|openat|ok|r|report.docx"))
                .containsEntry("user", "alice").containsEntry("src", "192.0.2.8").containsEntry("operation", "openat")
                .containsEntry("action", "success");
    }

    @Test
    void jsonFlattensNestedKeysArraysAndFindsTime() {
        String j = "{\"@timestamp\":\"2024-02-05T07:08:09.123Z\",\"user\":{\"name\":\"bob\",\"id\":7},"
                + "\"tags\":[\"a\",\"b\"],\"ok\":true,\"n\":null}";
        assertThat(Sourcetypes.detect(j, null)).isEqualTo("_json");
        Extraction x = FieldExtractor.extract("_json", j);
        assertThat(x.fields()).containsEntry("user.name", "bob").containsEntry("user.id", "7")
                .containsEntry("tags{}", List.of("a", "b")).containsEntry("ok", "true");
        assertThat(x.time()).isEqualTo(Instant.parse("2024-02-05T07:08:09.123Z"));
        assertThat(FieldExtractor.extract("_json", "{\"UtcTime\":\"2024-02-05 07:08:09.123\"}").time())
                .isEqualTo(Instant.parse("2024-02-05T07:08:09.123Z"));
        assertThat(FieldExtractor.extract("_json", "{\"TimeCreated\":{\"SystemTime\":\"2024-02-05T07:08:09.1234567Z\"}}").time())
                .isEqualTo(Instant.parse("2024-02-05T07:08:09.1234567Z"));
        assertThat(FieldExtractor.extract("_json", "{\"ts\":1707116889.5}").time())
                .isEqualTo(Instant.parse("2024-02-05T07:08:09.5Z"));
        assertThat(FieldExtractor.extract("_json", "{\"broken\": ").fields()).isEmpty();
    }

    @Test
    void zeekJsonKeepsZeekNamesAndPath() {
        String z = "{\"ts\":1707116889.25,\"uid\":\"CHhAvVGS1DHFjwGM9\",\"id.orig_h\":\"192.0.2.1\",\"id.orig_p\":5353,"
                + "\"id.resp_h\":\"224.0.0.251\",\"id.resp_p\":5353,\"proto\":\"udp\",\"_path\":\"dns\"}";
        assertThat(Sourcetypes.detect(z, null)).isEqualTo("zeek_dns");
        assertThat(Sourcetypes.detect(z.replace(",\"_path\":\"dns\"", ""), "/var/zeek/conn.log")).isEqualTo("zeek_conn");
        Extraction x = FieldExtractor.extract("zeek_dns", z);
        assertThat(x.fields()).containsEntry("id.orig_h", "192.0.2.1").containsEntry("id.resp_p", "5353");
        assertThat(x.time()).isEqualTo(Instant.parse("2024-02-05T07:08:09.25Z"));
    }

    @Test
    void kvModeAutoFindsPairsQuotedValuesAndRepeats() {
        assertThat(FieldExtractor.kv("user=alice action=\"log in\" n=1, n=2; empty= x"))
                .containsEntry("user", "alice").containsEntry("action", "log in").containsEntry("n", List.of("1", "2"))
                .doesNotContainKey("empty");
        assertThat(FieldExtractor.fields("syslog", "Mar  3 08:15:02 h app[1]: status=ok latency_ms=12"))
                .containsEntry("status", "ok").containsEntry("latency_ms", "12").containsEntry("process", "app");
    }

    @Test
    void badInputYieldsNoFieldsAndNoException() {
        for (String s : new String[] {"", "[", "{", "<999999>", "Mar", "1 - - - - -", "\u0000\u0001", "x".repeat(200_000),
            "[2023/10/11 22:14:15", "Mon Oct 16 14:11:22 2023 [pid x]"}) {
            for (String st : new String[] {null, "syslog", "linux_secure", "access_combined", "apache_error", "vsftpd",
                "xferlog", "postfix_syslog", "samba", "_json", "zeek_conn", "zeek_unknown"}) {
                FieldExtractor.extract(st, s);
            }
        }
    }
}
