package dev.vigil.server.hec;

import java.util.List;
import java.util.Objects;

/**
 * One HEC token as Splunk's inputs.conf {@code [http://name]} stanza defines it.
 *
 * @param name the input's name (default source is {@code http:<name>})
 * @param token the secret sent as {@code Authorization: Splunk <token>}
 * @param index default index, or null for the store's default
 * @param indexes indexes events may name (empty: any)
 * @param sourcetype default sourcetype, or null
 * @param source default source, or null for {@code http:<name>}
 * @param host default host, or null for the client's address
 * @param ackEnabled whether indexer acknowledgement is on (requires channels)
 * @param disabled a disabled token is refused with code 1
 */
public record HecToken(String name, String token, String index, List<String> indexes, String sourcetype,
                       String source, String host, boolean ackEnabled, boolean disabled) {
    public HecToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        indexes = List.copyOf(indexes);
    }

    /** An enabled token with no defaults. */
    public static HecToken of(String name, String token, boolean ackEnabled) {
        return new HecToken(name, token, null, List.of(), null, null, null, ackEnabled, false);
    }
}
