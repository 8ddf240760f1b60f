package dev.vigil.ntp.packet;

/** A datagram that is not a well-formed NTP packet; the message names the rule and the numbers involved. */
public final class NtpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NtpFormatException(String message) {
        super(message);
    }
}
