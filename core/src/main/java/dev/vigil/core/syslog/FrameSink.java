package dev.vigil.core.syslog;

/** Receives complete frames from a {@link TcpFrameDecoder}. The bytes are only valid during the call. */
@FunctionalInterface
public interface FrameSink {
    void frame(byte[] buf, int off, int len);
}
