package dev.vigil.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.index.StoredEvent;
import dev.vigil.index.query.Segmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The byte-level encoders used at ingest give what the character-level definitions give: the terms of
 * {@link Segmenter#segment}, {@code name=lowercased value} field terms, and blobs identical to Lucene's
 * {@code DataOutput} encoding that {@link StoredCodec#decode} reads.
 */
class DocumentEncodingTest {
    private static final String ALPHABET = "abcXYZ019 \t[]<>(){}|!;,'\"*&?+/:=@.-$#%\\_éÉßİ\u2003\u00a0日本";

    private static String randomText(Random r, int max) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(max);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(ALPHABET.length() + 3);
            if (k == ALPHABET.length()) {
                b.append("\uD83D\uDE00"); // a surrogate pair
            } else if (k == ALPHABET.length() + 1) {
                b.append("x".repeat(250 + r.nextInt(20))); // around the term length limit
            } else if (k == ALPHABET.length() + 2) {
                b.append('\uD800'); // an unpaired surrogate
            } else {
                b.append(ALPHABET.charAt(k));
            }
        }
        return b.toString();
    }

    private static List<String> terms(TokenStream ts) throws IOException {
        List<String> out = new ArrayList<>();
        TermToBytesRefAttribute t = ts.getAttribute(TermToBytesRefAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
            out.add(t.getBytesRef().utf8ToString());
        }
        ts.end();
        return out;
    }

    private static String utf8RoundTrip(String s) {
        return new BytesRef(s).utf8ToString(); // what Lucene stores for a term (unpaired surrogates replaced)
    }

    @Test
    void rawTermsEqualSplunkSegmentation() throws IOException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("DocumentEncodingTest seed: -Dtests.seed=" + seed);
        Random r = new Random(seed);
        RawTokenStream ts = new RawTokenStream();
        for (int round = 0; round < 2000; round++) {
            String text = randomText(r, 60);
            List<String> expected = new ArrayList<>();
            Segmenter.segment(text, s -> expected.add(utf8RoundTrip(s)));
            assertThat(terms(ts.setText(text))).as("text path: %s", text).isEqualTo(expected);
            String ascii = text.replaceAll("[^\\x00-\\x7f]", "q");
            List<String> expectedAscii = new ArrayList<>();
            Segmenter.segment(ascii, expectedAscii::add);
            byte[] b = ("pre" + ascii + "post").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(terms(ts.setAscii(b, 3, 3 + ascii.length()))).as("byte path: %s", ascii).isEqualTo(expectedAscii);
        }
    }

    @Test
    void fieldTermsAreNameEqualsLowercasedValue() throws IOException {
        Random r = new Random(Long.getLong("tests.seed", 7));
        FieldTermsStream ts = new FieldTermsStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = i % 7 == 0 ? "nämé" : "f" + i;
            String value = randomText(r, 30);
            ts.add(name, value);
            StringBuilder lowered = new StringBuilder();
            for (char c : value.toCharArray()) {
                lowered.append(Segmenter.lowerChar(c));
            }
            expected.add(utf8RoundTrip(name + "=" + lowered));
        }
        assertThat(terms(ts)).isEqualTo(expected);
    }

    @Test
    void blobsAreLuceneDataOutputBytesAndDecodeBack() throws IOException {
        Random r = new Random(Long.getLong("tests.seed", 11));
        for (int i = 0; i < 500; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("a", randomText(r, 20).replace("\uD800", ""));
            fields.put("multi", List.of(randomText(r, 5).replace("\uD800", ""), "two"));
            StoredEvent e = new StoredEvent(r.nextLong() >> r.nextInt(64), randomText(r, 300).replace("\uD800", ""), "h",
                    "src", "st", "main", fields);
            ByteScratch scratch = new ByteScratch(8);
            long raw = StoredCodec.encode(e, scratch);
            ByteBuffersDataOutput lucene = new ByteBuffersDataOutput();
            lucene.writeByte((byte) 1);
            lucene.writeZLong(e.timeMicros());
            lucene.writeString(e.host());
            lucene.writeString(e.source());
            lucene.writeString(e.sourcetype());
            lucene.writeString(e.raw());
            lucene.writeVInt(2);
            lucene.writeString("a");
            lucene.writeByte((byte) 0);
            lucene.writeString((String) fields.get("a"));
            lucene.writeString("multi");
            lucene.writeByte((byte) 1);
            lucene.writeVInt(2);
            for (Object o : (List<?>) fields.get("multi")) {
                lucene.writeString((String) o);
            }
            byte[] mine = java.util.Arrays.copyOf(scratch.bytes(), scratch.size());
            assertThat(mine).isEqualTo(lucene.toArrayCopy());
            int rawStart = (int) (raw >>> 32);
            assertThat(new String(mine, rawStart, (int) raw, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(e.raw());
            assertThat(StoredCodec.decode(new BytesRef(mine), "main")).isEqualTo(e);
        }
    }
}
