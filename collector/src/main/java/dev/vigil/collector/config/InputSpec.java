package dev.vigil.collector.config;

/**
 * A listener the configuration asks for: {@code input(type="imtcp" port="514")}, {@code $UDPServerRun
 * 514}, {@code $InputTCPServerRun 514}, and the local inputs imuxsock / imklog that Debian loads.
 * Module-wide settings ({@code module(load="imtcp" maxSessions=...)}, {@code $InputTCPMaxSessions},
 * {@code $InputTCPServerStreamDriverMode}...) are already merged into {@link #params()}; the input's own
 * parameters win.
 *
 * @param type the input module: imudp, imtcp, imptcp, imuxsock, imklog, ...
 * @param params rsyslog's parameter names in lower case: {@code port}, {@code address},
 *     {@code ruleset}, {@code maxsessions}, {@code streamdriver.mode} ("1" = TLS),
 *     {@code streamdriver.authmode}, {@code permittedpeer}, {@code supportoctetcountedframing}, ...
 * @param location {@code file:line}
 */
public record InputSpec(String type, Params params, String location) {
    /** The port, or {@code dflt} ("514" style string values; rsyslog's default is 514). */
    public int port(int dflt) {
        String p = params.get("port");
        try {
            return p == null ? dflt : Integer.parseInt(p.split(",")[0].trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** The address to bind, or null for all addresses. */
    public String address() {
        return params.get("address");
    }

    /** The ruleset this input feeds, or null for the default ruleset. */
    public String ruleset() {
        return params.get("ruleset");
    }

    /** True when the stream driver mode asks for TLS ({@code streamdriver.mode="1"}). */
    public boolean tls() {
        return "1".equals(params.get("streamdriver.mode"));
    }
}
