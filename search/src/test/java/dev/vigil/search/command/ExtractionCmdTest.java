package dev.vigil.search.command;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.search.Spl;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rex, regex, spath, lookup, inputlookup, transaction per the Search Reference. */
class ExtractionCmdTest {
    static Path lookups() throws URISyntaxException {
        return Path.of(ExtractionCmdTest.class.getResource("/lookups/users.csv").toURI()).getParent();
    }

    @Test
    void rexExtractsNamedGroupsAndMaxMatchMakesMultivalue() {
        var events = List.of(ev(T0, "Failed password for root from 10.1.2.3 port 22 ssh2 also 10.9.9.9"));
        assertThat(lines(run(events, "* | rex \"for (?<user>\\w+) from (?<ip>[\\d.]+)\" | table user ip")))
                .containsExactly("user=root ip=10.1.2.3");
        assertThat(column(run(events, "* | rex max_match=0 \"(?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+)\""), "ip"))
                .containsExactly("10.1.2.3|10.9.9.9");
        assertThat(column(run(events, "* | eval f=\"a-b-c\" | rex field=f \"(?<first>\\w)-\""), "first")).containsExactly("a");
    }

    @Test
    void rexSedModeRewritesTheField() {
        var events = List.of(ev(T0, "ssn=123-45-6789 card=4111-1111-1111-1111"));
        // Search Reference, rex: mode=sed "s/(\d{4}-){3}/XXXX-XXXX-XXXX-/g"
        assertThat(column(run(events, "* | rex mode=sed \"s/(\\d{4}-){3}/XXXX-XXXX-XXXX-/g\""), "_raw"))
                .containsExactly("ssn=123-45-6789 card=XXXX-XXXX-XXXX-1111");
        assertThat(column(run(events, "* | rex field=_raw mode=sed \"y/0123456789/##########/\""), "_raw"))
                .containsExactly("ssn=###-##-#### card=####-####-####-####");
    }

    @Test
    void regexCommandKeepsOrDropsMatches() {
        var events = List.of(ev(T0, "GET /index.html", "uri", "/index.html"), ev(T0 - 1, "POST /login", "uri", "/login"));
        assertThat(column(run(events, "* | regex uri=\"^/log\""), "uri")).containsExactly("/login");
        assertThat(column(run(events, "* | regex uri!=\"^/log\""), "uri")).containsExactly("/index.html");
        assertThat(column(run(events, "* | regex \"GET\""), "uri")).containsExactly("/index.html");
    }

    @Test
    void userRegexesAreRe2SoBackreferencesAreRejectedAtParseTime() {
        assertThatThrownBy(() -> Spl.parse("* | rex \"(?<a>x)\\1\"")).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> Spl.parse("* | regex _raw=\"(?=x)\"")).hasMessageContaining("invalid regular expression");
        // a classic catastrophic-backtracking pattern runs in linear time under RE2
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5000; i++) s.append('a');
        long t = System.nanoTime();
        assertThat(run(List.of(ev(T0, s + "!")), "* | regex \"^(a+)+$\"").rows()).isEmpty();
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(2000);
    }

    @Test
    void spathExtractsJsonAndXml() {
        String json = "{\"user\": {\"name\": \"alice\", \"roles\": [\"admin\", \"dev\"]}, \"n\": 3, "
                + "\"items\": [{\"id\": 1}, {\"id\": 2}]}";
        var r = run(List.of(ev(T0, json)), "* | spath | table user.name user.roles{} n items{}.id");
        assertThat(lines(r)).containsExactly("user.name=alice user.roles{}=admin|dev n=3 items{}.id=1|2");
        assertThat(column(run(List.of(ev(T0, json)), "* | spath output=r path=user.roles{1}"), "r")).containsExactly("dev");
        assertThat(column(run(List.of(ev(T0, json)), "* | eval r=spath(_raw, \"user.name\")"), "r")).containsExactly("alice");
        String xml = "<event id=\"7\"><user>bob</user><tags><tag>a</tag><tag>b</tag></tags></event>";
        assertThat(lines(run(List.of(ev(T0, xml)), "* | spath | table event{@id} event.user event.tags.tag")))
                .containsExactly("event{@id}=7 event.user=bob event.tags.tag=a|b");
        assertThat(run(List.of(ev(T0, "not json {")), "* | spath | table x").rows()).hasSize(1);
    }

    @Test
    void lookupAddsOutputFieldsAndMultivalueForSeveralMatches() throws Exception {
        var events = List.of(ev(T0, "a", "u", "alice"), ev(T0 - 1, "b", "u", "bob"), ev(T0 - 2, "c", "u", "dave"));
        var r = run(events, "* | lookup users user AS u OUTPUT dept office AS where | table u dept where", null, null, lookups());
        assertThat(lines(r)).containsExactly("u=alice dept=sec where=Paris, FR", "u=bob dept=ops|dev where=Lyon", "u=dave dept= where=");
        var all = run(events, "* | lookup users.csv user AS u | table u dept office", null, null, lookups());
        assertThat(column(all, "office")).containsExactly("Paris, FR", "Lyon", null);
        var nu = run(List.of(ev(T0, "a", "user", "alice", "dept", "mine")), "* | lookup users user OUTPUTNEW dept | table dept",
                null, null, lookups());
        assertThat(column(nu, "dept")).containsExactly("mine");
    }

    @Test
    void inputlookupReadsTheTableAndRefusesPathsOutsideTheLookupsDir() throws Exception {
        var r = run(List.of(), "| inputlookup users.csv | where isnull(dept) | table user office", null, null, lookups());
        assertThat(lines(r)).containsExactly("user=carol office=Nice");
        assertThatThrownBy(() -> run(List.of(), "| inputlookup \"../../etc/passwd\"", null, null, lookups()))
                .hasMessageContaining("cannot leave the lookups directory");
    }

    @Test
    void transactionGroupsWithDurationAndEventcount() {
        var events = List.of(
                ev(T0, "session opened", "sid", "1"), ev(T0 + 5, "work", "sid", "1"), ev(T0 + 9, "session closed", "sid", "1"),
                ev(T0 + 2, "session opened", "sid", "2"), ev(T0 + 100, "session closed", "sid", "2"),
                ev(T0 + 3, "work", "sid", "3"));
        var r = run(events, "* | transaction sid startswith=\"opened\" endswith=\"closed\" | table sid duration eventcount");
        assertThat(lines(r)).containsExactly("sid=2 duration=98 eventcount=2", "sid=1 duration=9 eventcount=3");
        var spans = run(events, "* | transaction sid maxpause=10s | table sid eventcount");
        assertThat(lines(spans)).containsExactly("sid=2 eventcount=1", "sid=3 eventcount=1", "sid=2 eventcount=1",
                "sid=1 eventcount=3");
        var raw = run(events, "* | transaction sid maxspan=6s | search sid=1 | table _raw");
        assertThat(column(raw, "_raw")).containsExactly("session closed", "session opened\nwork");
    }
}
