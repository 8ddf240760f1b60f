package dev.vigil.sensor.conn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Connection uids as Zeek hands them out: "C" + base62(draw() >> 32) + base62(draw()), where each
 * draw is SipHash-2-4 over (pool 1, counter). With Zeek's seed file (ZEEK_SEED_FILE) the key comes
 * from its words 16..19, so the sequence matches Zeek's; otherwise the key is random.
 */
public final class UidGenerator {
    private static final char[] B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    /** Zeek's seed file holds 21 numbers: one PRNG seed, then 20 uint32 hmac/siphash key words. */
    private static final int SEED_WORDS = 21;
    private static final long POOL = 1;

    private final long k0;
    private final long k1;
    private long counter;

    private UidGenerator(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A generator keyed from a Zeek seed file. */
    public static UidGenerator fromSeedFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        long[] v = new long[SEED_WORDS];
        int n = 0;
        for (String line : lines) {
            String s = line.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (n == SEED_WORDS) {
                throw new IOException(file + ": seed file has more than " + SEED_WORDS + " numbers");
            }
            try {
                v[n++] = Long.parseUnsignedLong(s) & 0xffffffffL;
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + n + ": not an unsigned number: " + s);
            }
        }
        if (n != SEED_WORDS) {
            throw new IOException(file + ": seed file has " + n + " numbers, expected " + SEED_WORDS);
        }
        // Words 1..20 are the key buffer; bytes 64..79 of it (words 17..20 of the file) key SipHash.
        return new UidGenerator(v[17] | (v[18] << 32), v[19] | (v[20] << 32));
    }

    /** A generator with a random key: uids differ on every run, as Zeek's do without a seed. */
    public static UidGenerator random() {
        SecureRandom r = new SecureRandom();
        return new UidGenerator(r.nextLong(), r.nextLong());
    }

    /** The next 64-bit draw from pool 1. */
    long draw() {
        counter++;
        return SipHash.hash16(k0, k1, POOL, counter);
    }

    /** The next connection uid. */
    public String nextUid() {
        return next('C');
    }

    /** The next identifier with the given prefix letter (C for connections). */
    public String next(char prefix) {
        long w0 = draw() >>> 32;
        long w1 = draw();
        StringBuilder sb = new StringBuilder(24).append(prefix);
        base62(sb, w0);
        base62(sb, w1);
        return sb.toString();
    }

    /** Appends {@code v}, unsigned, in base 62, least significant digit first (as Zeek's uid encoding). */
    static void base62(StringBuilder sb, long v) {
        if (v < 0) { // one unsigned step, then plain signed arithmetic
            long q = (v >>> 1) / 31; // floor(v / 62) for unsigned v
            sb.append(B62[(int) (v - q * 62)]);
            v = q;
        }
        do {
            sb.append(B62[(int) (v % 62)]);
            v /= 62;
        } while (v != 0);
    }
}
