package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.util.HashSet;
import java.util.Set;

/** x509.log (base/files/x509/main.zeek): one row per distinct certificate seen in the run. */
final class X509Log {
    static final LogSchema SCHEMA = LogSchema.of("x509",
            "ts", "time", "fingerprint", "string", "certificate.version", "count", "certificate.serial", "string",
            "certificate.subject", "string", "certificate.issuer", "string", "certificate.not_valid_before", "time",
            "certificate.not_valid_after", "time", "certificate.key_alg", "string", "certificate.sig_alg", "string",
            "certificate.key_type", "string", "certificate.key_length", "count", "certificate.exponent", "string",
            "certificate.curve", "string", "san.dns", "vector[string]", "san.uri", "vector[string]",
            "san.email", "vector[string]", "san.ip", "vector[addr]", "basic_constraints.ca", "bool",
            "basic_constraints.path_len", "count", "host_cert", "bool", "client_cert", "bool");

    private final ZeekLogWriter logs;
    private final Set<String> seen = new HashSet<>();

    X509Log(ZeekLogWriter logs) {
        this.logs = logs;
    }

    void certificate(Double ts, String fp, X509Cert c, boolean hostCert, boolean clientCert) {
        if (c == null || !seen.add(fp)) {
            return;
        }
        logs.write(SCHEMA, ts, fp, c.version, c.serial, c.subject, c.issuer, c.notBefore, c.notAfter, c.keyAlg,
                c.sigAlg, c.keyType, c.keyLength, c.exponent, c.curve, c.sanDns, c.sanUri, c.sanEmail, c.sanIp,
                c.ca, c.pathLen, hostCert, clientCert);
    }
}
