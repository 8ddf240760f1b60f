package dev.vigil.search.expr;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** eval functions per the Search Reference "Evaluation functions"; hashes and strftime checked against coreutils. */
class EvalFunctionsTest {
    static String eval(String expr, String... kv) {
        var r = run(List.of(ev(T0, "raw text", kv)), "* | eval out=" + expr + " | table out");
        Object v = r.rows().get(0).get("out");
        return v == null ? null : v instanceof List<?> l ? String.join("|", dev.vigil.search.value.Values.strings(l))
                : dev.vigil.search.value.Values.toStr(v);
    }

    static String sh(String cmd) throws Exception {
        try {
            Process p = new ProcessBuilder("sh", "-c", cmd).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void conditionalsAndNulls() {
        assertThat(eval("if(n>5, \"big\", \"small\")", "n", "10")).isEqualTo("big");
        assertThat(eval("case(n=1, \"one\", n=10, \"ten\", true(), \"other\")", "n", "10")).isEqualTo("ten");
        assertThat(eval("case(n=1, \"one\")", "n", "10")).isNull();
        assertThat(eval("coalesce(missing, n, 3)", "n", "10")).isEqualTo("10");
        assertThat(eval("if(isnull(missing) AND isnotnull(n), 1, 0)", "n", "1")).isEqualTo("1");
        assertThat(eval("missing + 1")).isNull();
    }

    @Test
    void stringFunctions() {
        assertThat(eval("len(\"héllo\")")).isEqualTo("5");
        assertThat(eval("lower(\"AbC\") . upper(\"dEf\")")).isEqualTo("abcDEF");
        // substr is 1-based; a negative start counts from the end
        assertThat(eval("substr(\"splunk\", 2, 3)")).isEqualTo("plu");
        assertThat(eval("substr(\"splunk\", -3)")).isEqualTo("unk");
        assertThat(eval("replace(\"1/14/2017\", \"^(\\d{1,2})/(\\d{1,2})/\", \"\\2/\\1/\")")).isEqualTo("14/1/2017");
        assertThat(eval("trim(\"  x  \") . ltrim(\"zzab\", \"z\") . rtrim(\"abzz\", \"z\")")).isEqualTo("xabab");
        assertThat(eval("urldecode(\"http%3A%2F%2Fa.b%2Fc%3Fx%3D1\")")).isEqualTo("http://a.b/c?x=1");
        assertThat(eval("\"a\" . 1 . \"b\"")).isEqualTo("a1b");
        assertThat(eval("tostring(1234567, \"commas\") . \" \" . tostring(255, \"hex\") . \" \" . tostring(3725, \"duration\")"))
                .isEqualTo("1,234,567 0xFF 01:02:05");
    }

    @Test
    void multivalueFunctions() {
        assertThat(eval("split(\"a,b,c\", \",\")")).isEqualTo("a|b|c");
        assertThat(eval("mvcount(split(\"a,b,c\", \",\"))")).isEqualTo("3");
        // mvindex is 0-based, negative from the end, end inclusive
        assertThat(eval("mvindex(split(\"a,b,c,d\", \",\"), 1, 2)")).isEqualTo("b|c");
        assertThat(eval("mvindex(split(\"a,b,c,d\", \",\"), -1)")).isEqualTo("d");
        assertThat(eval("mvjoin(split(\"a,b\", \",\"), \";\")")).isEqualTo("a;b");
    }

    @Test
    void mathFunctions() {
        assertThat(eval("round(2.555, 2)")).isEqualTo("2.56");
        assertThat(eval("round(2.5)")).isEqualTo("3");
        assertThat(eval("floor(-1.5) . \",\" . ceil(1.2) . \",\" . abs(-3)")).isEqualTo("-2,2,3");
        assertThat(eval("tonumber(\"0x1F\", 16) + tonumber(\"12\")")).isEqualTo("43");
        assertThat(eval("tonumber(\"abc\")")).isNull();
        assertThat(eval("10 / 4")).isEqualTo("2.5");
        assertThat(eval("7 % 3")).isEqualTo("1");
        assertThat(eval("1 / 0")).isNull();
    }

    @Test
    void matchLikeAndCidrmatch() {
        assertThat(eval("if(match(s, \"^\\d{3}-\\d{4}$\"), 1, 0)", "s", "555-1234")).isEqualTo("1");
        assertThat(eval("if(like(s, \"10.%\"), 1, 0)", "s", "10.9.8.7")).isEqualTo("1");
        assertThat(eval("if(s LIKE \"1_.%\", 1, 0)", "s", "10.9.8.7")).isEqualTo("1");
        assertThat(eval("if(cidrmatch(\"192.168.0.0/16\", ip), 1, 0)", "ip", "192.168.3.4")).isEqualTo("1");
        assertThat(eval("if(cidrmatch(\"192.168.0.0/24\", ip), 1, 0)", "ip", "192.168.3.4")).isEqualTo("0");
        assertThat(eval("if(cidrmatch(\"2001:db8::/32\", ip), 1, 0)", "ip", "2001:db8::1")).isEqualTo("1");
        assertThat(eval("cidrmatch(\"10.0.0.0/8\", ip)", "ip", "not-an-ip")).isNull(); // booleans are not stored
    }

    @Test
    void hashesEqualCoreutils() throws Exception {
        String md5 = sh("printf %s 'vigil search' | md5sum | cut -d' ' -f1");
        String sha = sh("printf %s 'vigil search' | sha256sum | cut -d' ' -f1");
        Assumptions.assumeTrue(md5 != null && sha != null, "skipped: coreutils md5sum/sha256sum not installed");
        assertThat(eval("md5(\"vigil search\")")).isEqualTo(md5);
        assertThat(eval("sha256(\"vigil search\")")).isEqualTo(sha);
    }

    @Test
    void strftimeAndStrptimeAgreeWithGnuDate() throws Exception {
        String fmt = "%Y-%m-%d %H:%M:%S %a %b %j %p %I %y %e";
        String date = sh("TZ=UTC date -d @1710072000 '+" + fmt + "'");
        Assumptions.assumeTrue(date != null, "skipped: date not installed");
        assertThat(eval("strftime(1710072000, \"" + fmt + "\")")).isEqualTo(date);
        assertThat(eval("strftime(1710072000.123, \"%H:%M:%S.%3N\")")).isEqualTo("12:00:00.123");
        String back = sh("TZ=UTC date -d '2024-03-10 13:14:15' +%s");
        assertThat(eval("strptime(\"2024-03-10 13:14:15\", \"%Y-%m-%d %H:%M:%S\")")).isEqualTo(back);
        assertThat(eval("strptime(\"10/Mar/2024:13:14:15 +0100\", \"%d/%b/%Y:%H:%M:%S %z\")"))
                .isEqualTo(sh("date -d '2024-03-10 13:14:15 +0100' +%s"));
        assertThat(eval("strptime(\"garbage\", \"%Y-%m-%d\")")).isNull();
    }

    @Test
    void relativeTimeSnapsInTheSearchZone() throws Exception {
        String expected = sh("TZ=UTC date -d '2024-03-09 00:00:00' +%s");
        Assumptions.assumeTrue(expected != null, "skipped: date not installed");
        assertThat(eval("relative_time(1710072000, \"-1d@d\")")).isEqualTo(expected);
        assertThat(eval("now() - now()")).isEqualTo("0");
    }
}
