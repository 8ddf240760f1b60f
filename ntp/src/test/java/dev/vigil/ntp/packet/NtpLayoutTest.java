package dev.vigil.ntp.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NtpLayoutTest {
    static byte[] request(int vn, int mode, int extra) {
        byte[] b = new byte[48 + extra];
        b[0] = (byte) ((vn << 3) | mode);
        return b;
    }

    static int classify(byte[] b) {
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        return NtpLayout.classify(buf, 0, b.length, 1024);
    }

    static byte[] withField(byte[] b, int at, int type, int length) {
        b[at] = (byte) (type >> 8);
        b[at + 1] = (byte) type;
        b[at + 2] = (byte) (length >> 8);
        b[at + 3] = (byte) length;
        return b;
    }

    @Test
    void plainHeaderIsPlain() {
        assertThat(classify(request(4, 3, 0))).isEqualTo(NtpLayout.PLAIN);
    }

    @Test
    void rejectsShortUnalignedAndBadVersions() {
        assertThat(NtpLayout.classify(Unpooled.wrappedBuffer(new byte[47]), 0, 47, 1024)).isEqualTo(NtpLayout.ERR_SHORT);
        assertThat(classify(request(4, 3, 2))).isEqualTo(NtpLayout.ERR_NOT_MULTIPLE_OF_4);
        assertThat(classify(request(0, 3, 0))).isEqualTo(NtpLayout.ERR_VERSION);
        assertThat(classify(request(5, 3, 0))).isEqualTo(NtpLayout.ERR_VERSION);
    }

    @Test
    void trailing20or24BytesAreAMac() {
        assertThat(classify(request(4, 3, 20))).isEqualTo(NtpLayout.SYMMETRIC_MAC);
        assertThat(classify(request(4, 3, 24))).isEqualTo(NtpLayout.SYMMETRIC_MAC);
        assertThat(classify(request(3, 3, 20))).isEqualTo(NtpLayout.SYMMETRIC_MAC);
    }

    @Test
    void unknownExtensionFieldIsPlainAndNtsIsRecognised() {
        assertThat(classify(withField(request(4, 3, 28), 48, 0x2005, 28))).isEqualTo(NtpLayout.PLAIN);
        assertThat(classify(withField(request(4, 3, 36), 48, 0x0104, 36))).isEqualTo(NtpLayout.NTS);
        byte[] efThenMac = withField(request(4, 3, 36), 48, 0x2005, 16);
        assertThat(classify(efThenMac)).isEqualTo(NtpLayout.SYMMETRIC_MAC);
    }

    @Test
    void malformedExtensionFieldsAreErrors() {
        assertThat(classify(withField(request(4, 3, 16), 48, 0x2005, 400))).isEqualTo(NtpLayout.ERR_EXTENSION);
        assertThat(classify(request(4, 3, 960))).isEqualTo(NtpLayout.ERR_EXTENSION); // zero length field
        assertThat(classify(withField(request(4, 3, 28), 48, 0x2005, 18))).isEqualTo(NtpLayout.ERR_EXTENSION);
    }

    @Test
    void recognisesCryptoNakAndMsSntp() {
        assertThat(classify(request(4, 3, 4))).isEqualTo(NtpLayout.CRYPTO_NAK);
        byte[] ms = request(3, 3, 20);
        ms[48] = 0x55;
        ms[49] = 0x04;
        assertThat(classify(ms)).isEqualTo(NtpLayout.MSSNTP);
        byte[] msx = request(3, 3, 72);
        msx[48] = 0x55;
        assertThat(classify(msx)).isEqualTo(NtpLayout.MSSNTP_EXT);
    }

    @Test
    void decodeNamesBothNumbersWhenTooLong() {
        assertThatThrownBy(() -> NtpPacket.decode(request(4, 3, 1000), 1024))
                .isInstanceOf(NtpFormatException.class)
                .hasMessage("packet length 1048 exceeds the maximum 1024");
    }

    @Test
    void encodeDecodeRoundTrip() throws Exception {
        NtpPacket p = new NtpPacket(0, 4, 4, 2, 6, -24, 0x123, 0x456, 0x7F000001, 11L, 22L, 33L, 44L);
        NtpPacket q = NtpPacket.decode(p.toBytes(), 48);
        assertThat(q.toString()).isEqualTo(p.toString());
        assertThat(q.precision).isEqualTo(-24);
    }
}
