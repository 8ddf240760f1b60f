package dev.vigil.agent.protocol;

import io.netty.buffer.ByteBuf;

/**
 * One decoded frame: its type and its payload (after the type byte). The receiver owns the payload
 * and releases it.
 */
public record AgentFrame(int type, ByteBuf payload) {
    /** Releases the payload. */
    public void release() {
        payload.release();
    }
}
