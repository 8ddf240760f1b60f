package dev.vigil.sensor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built DNS messages for tests (RFC 1035 §4.1): an A query and its answer. */
final class DnsWire {
    private DnsWire() {
    }

    /** A standard query with recursion desired for {@code name}, type A, class IN. */
    static byte[] queryA(int id, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >> 8);
        b.write(id);
        b.write(0x01); // RD
        b.write(0x00);
        b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // QDCOUNT 1
        for (String label : name.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            b.write(l.length);
            b.writeBytes(l);
        }
        b.write(0);
        b.writeBytes(new byte[] {0, 1, 0, 1}); // QTYPE A, QCLASS IN
        return b.toByteArray();
    }

    /** The answer to {@code query}: QR, RA, NOERROR, one A record (TTL 60) pointing at the question's name. */
    static byte[] answerA(byte[] query, byte[] address) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(query[0]);
        b.write(query[1]);
        b.write(0x81); // QR, RD
        b.write(0x80); // RA, NOERROR
        b.writeBytes(new byte[] {0, 1, 0, 1, 0, 0, 0, 0}); // QDCOUNT 1, ANCOUNT 1
        b.write(query, 12, query.length - 12); // the question as asked
        b.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4}); // name pointer, A, IN, TTL 60
        b.writeBytes(address);
        return b.toByteArray();
    }
}
