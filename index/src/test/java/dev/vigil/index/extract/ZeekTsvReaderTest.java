package dev.vigil.index.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads Zeek's own baseline logs (resources/zeek, from Zeek's btest suite). */
class ZeekTsvReaderTest {
    private static List<ZeekTsvReader.Row> read(String name) throws Exception {
        ZeekTsvReader r = new ZeekTsvReader();
        List<ZeekTsvReader.Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ZeekTsvReaderTest.class.getResourceAsStream("/zeek/" + name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                ZeekTsvReader.Row row = r.line(line);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void readsHttpLogUnderZeekNames() throws Exception {
        List<ZeekTsvReader.Row> rows = read("http.log");
        assertThat(rows).isNotEmpty();
        ZeekTsvReader.Row first = rows.get(0);
        assertThat(first.sourcetype()).isEqualTo("zeek_http");
        assertThat(first.fields()).containsEntry("uid", "CUM0KZ3MLUfNB0cl11").containsEntry("id.orig_h", "141.142.220.118")
                .containsEntry("id.resp_p", "80").containsEntry("method", "GET").containsEntry("host", "bits.wikimedia.org")
                .containsEntry("status_code", "304").doesNotContainKey("origin");
        assertThat(first.fields().get("tags")).isEqualTo("");
    }

    @Test
    void readsDnsLogAndLoneLinesWithDefaultColumns() throws Exception {
        List<ZeekTsvReader.Row> rows = read("dns.log");
        assertThat(rows).allSatisfy(r -> assertThat(r.sourcetype()).isEqualTo("zeek_dns"));
        ZeekTsvReader.Row first = rows.get(0);
        assertThat(first.fields()).containsKeys("query", "proto", "qtype_name");
        String line = new String(ZeekTsvReaderTest.class.getResourceAsStream("/zeek/dns.log").readAllBytes(),
                StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertThat(FieldExtractor.fields("zeek_dns", line)).isEqualTo(first.fields());
    }
}
