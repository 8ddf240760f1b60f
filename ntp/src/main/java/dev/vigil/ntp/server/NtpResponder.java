package dev.vigil.ntp.server;

import dev.vigil.ntp.packet.NtpLayout;
import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.packet.NtpTimestamp;
import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;

import java.net.InetAddress;

/**
 * Turns one request datagram into its reply, in place in the same buffer, allocating nothing.
 * Answers mode 3 with mode 4 and mode 1 with mode 2 (RFC 5905 §9.2 table: unauthenticated
 * symmetric active is answered passively), echoing version and poll and copying the client's
 * transmit timestamp into origin untouched; NTPv1 mode 0 counts as a client (RFC 1059 has no
 * mode field). Everything else is ignored: modes 2 and 4–7 (no control or private answers, so no
 * amplification), bad lengths and versions, malformed extension fields, MACs and NTS (we hold
 * no keys), as chronyd without keys does.
 */
public final class NtpResponder {
    /** Largest request accepted by default: header plus generous extension fields. */
    public static final int DEFAULT_MAX_LENGTH = 1024;
    /** A normal reply is in the buffer. */
    public static final int REPLIED = 0;
    /** A KoD RATE is in the buffer. */
    public static final int KOD_SENT = 1;
    /** Not an answerable request; send nothing. */
    public static final int IGNORED = 2;
    /** Answerable but over the client's rate; send nothing. */
    public static final int RATE_DROPPED = 3;

    private final TimeSource source;
    private final WallClock clock;
    private final RateLimiter limiter;
    private final int precision;
    private final int maxLength;

    /**
     * @param limiter null to answer every client (the default, as in chronyd)
     * @param precision the exponent advertised, from {@link dev.vigil.ntp.source.PrecisionMeter}
     * @param maxLength the largest datagram considered; longer ones are ignored
     */
    public NtpResponder(TimeSource source, WallClock clock, RateLimiter limiter, int precision, int maxLength) {
        this.source = source;
        this.clock = clock;
        this.limiter = limiter;
        this.precision = precision;
        this.maxLength = maxLength;
    }

    TimeSource source() {
        return source;
    }

    WallClock clock() {
        return clock;
    }

    boolean rateLimited() {
        return limiter != null;
    }

    int maxLength() {
        return maxLength;
    }

    /** The precision advertised. */
    public int precision() {
        return precision;
    }

    /**
     * Answers the readable bytes of {@code buf}, received at system time {@code rxNanos}: on
     * {@link #REPLIED} or {@link #KOD_SENT} the buffer's readable bytes are the 48-byte reply.
     */
    public int respond(ByteBuf buf, InetAddress client, long rxNanos) {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        if (NtpLayout.classify(buf, off, len, maxLength) != NtpLayout.PLAIN) {
            return IGNORED;
        }
        int b0 = buf.getUnsignedByte(off);
        int vn = (b0 >> 3) & 7;
        int mode = b0 & 7;
        if (vn == 1 && mode == NtpPacket.MODE_RESERVED) {
            mode = NtpPacket.MODE_CLIENT; // RFC 1059: NTPv1 had no mode field
        }
        int replyMode;
        if (mode == NtpPacket.MODE_CLIENT) {
            replyMode = NtpPacket.MODE_SERVER;
        } else if (mode == NtpPacket.MODE_SYMMETRIC_ACTIVE) {
            replyMode = NtpPacket.MODE_SYMMETRIC_PASSIVE; // RFC 5905 §9.2: no association, reply passively
        } else {
            return IGNORED;
        }
        long requestXmt = buf.getLong(off + 40);
        if (limiter != null) {
            int decision = limiter.check(client, System.nanoTime());
            if (decision == RateLimiter.DROP) {
                return RATE_DROPPED;
            }
            if (decision == RateLimiter.KOD) {
                writeKod(buf, off, vn, replyMode, requestXmt);
                return KOD_SENT;
            }
        }
        ServedTime st = source.current(rxNanos);
        long rx = rxNanos + st.offsetNanos;
        buf.setByte(off, (st.leap << 6) | (vn << 3) | replyMode);
        buf.setByte(off + 1, st.stratum);
        // off + 2: the client's poll stays, echoed as chronyd does
        buf.setByte(off + 3, precision);
        buf.setInt(off + 4, st.rootDelayShort());
        buf.setInt(off + 8, st.rootDispersionShort(rx));
        buf.setInt(off + 12, st.referenceId);
        buf.setLong(off + 16, st.referenceRaw());
        buf.setLong(off + 24, requestXmt); // RFC 5905 §8: origin = the request's transmit, untouched
        buf.setLong(off + 32, NtpTimestamp.fromEpochNanos(rx));
        long tx = Math.max(rx, clock.epochNanos() + st.offsetNanos);
        buf.setLong(off + 40, NtpTimestamp.fromEpochNanos(tx));
        buf.writerIndex(off + NtpLayout.HEADER_LENGTH);
        return REPLIED;
    }

    /** KoD RATE (RFC 5905 §7.4): stratum 0, LI 3, the kiss code as refid, and no usable time. */
    private void writeKod(ByteBuf buf, int off, int vn, int replyMode, long requestXmt) {
        buf.setByte(off, (NtpPacket.LEAP_UNSYNCHRONIZED << 6) | (vn << 3) | replyMode);
        buf.setByte(off + 1, NtpPacket.STRATUM_KISS);
        buf.setByte(off + 3, precision);
        buf.setInt(off + 4, 0);
        buf.setInt(off + 8, 0);
        buf.setInt(off + 12, NtpPacket.KISS_RATE);
        buf.setLong(off + 16, 0);
        buf.setLong(off + 24, requestXmt);
        buf.setLong(off + 32, requestXmt);
        buf.setLong(off + 40, requestXmt);
        buf.writerIndex(off + NtpLayout.HEADER_LENGTH);
    }
}
