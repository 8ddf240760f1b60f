package dev.vigil.sensor.analyzer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The SHA-256 fingerprints and parsed forms of recently seen certificates. A site's certificates
 * come back in every handshake with it; hashing and parsing each once (per this many distinct
 * certificates) instead of every time saved a few percent of the sensor's CPU. Keys are the DER bytes
 * themselves (a CRC-32C picks the bucket, equality is byte for byte), so a collision cannot mix certificates.
 */
final class CertCache {
    /** Distinct certificates kept (least recently used dropped first): about 1.5 MB. */
    static final int SIZE = 1024;

    /** A certificate's fingerprint and parse (null when the DER could not be parsed). */
    record Entry(String sha256, X509Cert cert) {
    }

    private record Key(int crc, byte[] der) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.crc == crc && Arrays.equals(k.der, der);
        }

        @Override
        public int hashCode() {
            return crc;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > SIZE;
        }
    };
    private final CRC32C crc = new CRC32C();

    Entry get(byte[] der) {
        crc.reset();
        crc.update(der, 0, der.length);
        Key k = new Key((int) crc.getValue(), der);
        Entry e = entries.get(k);
        if (e == null) {
            e = new Entry(TlsAnalyzer.sha256(der), X509Cert.parse(der));
            entries.put(k, e);
        }
        return e;
    }
}
