package dev.vigil.server.hec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HEC settings.
 *
 * @param tokens the accepted tokens
 * @param maxContentBytes largest request body accepted (after gzip decompression); larger is refused with 413
 * @param maxEventsPerRequest most events one request may carry
 * @param allowQueryStringAuth whether {@code ?token=} is accepted (off by default, as in Splunk)
 */
public record HecConfig(List<HecToken> tokens, long maxContentBytes, int maxEventsPerRequest,
                        boolean allowQueryStringAuth) {
    /** Default body limit: 32 MiB. */
    public static final long DEFAULT_MAX_CONTENT_BYTES = 32L << 20;

    public HecConfig {
        tokens = List.copyOf(tokens);
        if (maxContentBytes < 1 || maxEventsPerRequest < 1) {
            throw new IllegalArgumentException("HEC limits must be positive");
        }
    }

    /** The given tokens with default limits. */
    public static HecConfig of(HecToken... tokens) {
        return new HecConfig(List.of(tokens), DEFAULT_MAX_CONTENT_BYTES, 100_000, false);
    }

    /** Tokens by secret. */
    Map<String, HecToken> bySecret() {
        Map<String, HecToken> m = new LinkedHashMap<>();
        for (HecToken t : tokens) {
            m.put(t.token(), t);
        }
        return m;
    }
}
