package dev.vigil.ntp;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the NTP service, filled by the server module from vigil.yml
 * ({@code ntp: {port: N, servers: [...], pools: [...], local_stratum: N}}) or by the CLI.
 * Defaults follow chronyd: port 123, no upstreams, no local stratum (so LI=3 is served), rate
 * limiting off. Plain mutable bean; {@link #validate()} says what is wrong.
 */
public final class NtpConfig {
    private int port = 123;
    private List<String> bindAddresses = new ArrayList<>();
    private List<String> servers = new ArrayList<>();
    private List<String> pools = new ArrayList<>();
    private int maxSourcesPerPool = 4;
    private int localStratum;
    private int minPoll = 6;
    private int maxPoll = 10;
    private boolean iburst = true;
    private int queryTimeoutMillis = 1000;
    private boolean rateLimit;
    private double rateLimitIntervalSeconds = 8;
    private int rateLimitBurst = 8;
    private boolean rateLimitKod;
    private int rateLimitMaxClients = 65536;
    private int threads;

    /** Throws IllegalArgumentException naming the first bad setting. */
    public NtpConfig validate() {
        check(port >= 0 && port <= 65535, "ntp.port " + port + " is outside 0..65535");
        check(localStratum >= 0 && localStratum <= 15, "ntp.local_stratum " + localStratum + " is outside 1..15 (0 = off)");
        check(minPoll >= -6 && minPoll <= 17, "ntp.minpoll " + minPoll + " is outside -6..17");
        check(maxPoll >= minPoll && maxPoll <= 17, "ntp.maxpoll " + maxPoll + " is outside minpoll.." + 17);
        check(maxSourcesPerPool >= 1 && maxSourcesPerPool <= 16, "ntp.maxsources " + maxSourcesPerPool + " is outside 1..16");
        check(queryTimeoutMillis >= 10, "ntp query timeout " + queryTimeoutMillis + " ms is below 10");
        check(rateLimitIntervalSeconds > 0, "ntp rate limit interval must be > 0 s");
        check(rateLimitBurst >= 1, "ntp rate limit burst must be >= 1");
        check(rateLimitMaxClients >= 1, "ntp rate limit table size must be >= 1");
        check(threads >= 0, "ntp threads must be >= 0");
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** UDP port to serve on; 0 picks a free one. */
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    /** Addresses to bind; empty means all (IPv6 wildcard, dual stack). */
    public List<String> getBindAddresses() { return bindAddresses; }
    public void setBindAddresses(List<String> bindAddresses) { this.bindAddresses = new ArrayList<>(bindAddresses); }
    /** Upstream servers as {@code HOST[:PORT]}. */
    public List<String> getServers() { return servers; }
    public void setServers(List<String> servers) { this.servers = new ArrayList<>(servers); }
    /** Upstream pools as {@code NAME[:PORT]}; each resolves to up to {@link #getMaxSourcesPerPool()} sources. */
    public List<String> getPools() { return pools; }
    public void setPools(List<String> pools) { this.pools = new ArrayList<>(pools); }
    public int getMaxSourcesPerPool() { return maxSourcesPerPool; }
    public void setMaxSourcesPerPool(int maxSourcesPerPool) { this.maxSourcesPerPool = maxSourcesPerPool; }
    /** Stratum to serve the local clock at when no upstream is selectable; 0 = off (serve LI=3). */
    public int getLocalStratum() { return localStratum; }
    public void setLocalStratum(int localStratum) { this.localStratum = localStratum; }
    /** log2 seconds between polls at first (chrony's minpoll; negative allowed, e.g. -2 = 0.25 s). */
    public int getMinPoll() { return minPoll; }
    public void setMinPoll(int minPoll) { this.minPoll = minPoll; }
    public int getMaxPoll() { return maxPoll; }
    public void setMaxPoll(int maxPoll) { this.maxPoll = maxPoll; }
    /** Four quick polls at start, like chrony's iburst. */
    public boolean isIburst() { return iburst; }
    public void setIburst(boolean iburst) { this.iburst = iburst; }
    public int getQueryTimeoutMillis() { return queryTimeoutMillis; }
    public void setQueryTimeoutMillis(int queryTimeoutMillis) { this.queryTimeoutMillis = queryTimeoutMillis; }
    /** Per-client rate limiting (off by default, as in chronyd). */
    public boolean isRateLimit() { return rateLimit; }
    public void setRateLimit(boolean rateLimit) { this.rateLimit = rateLimit; }
    /** Mean interval a client must keep between requests (chrony: 2^interval, default 8 s). */
    public double getRateLimitIntervalSeconds() { return rateLimitIntervalSeconds; }
    public void setRateLimitIntervalSeconds(double s) { this.rateLimitIntervalSeconds = s; }
    /** Requests a client may send back to back (chrony's burst, default 8). */
    public int getRateLimitBurst() { return rateLimitBurst; }
    public void setRateLimitBurst(int rateLimitBurst) { this.rateLimitBurst = rateLimitBurst; }
    /** Answer limited clients with a KoD RATE (at most one per interval) instead of silence. */
    public boolean isRateLimitKod() { return rateLimitKod; }
    public void setRateLimitKod(boolean rateLimitKod) { this.rateLimitKod = rateLimitKod; }
    /** Bound of the per-client table; the least recently seen client is forgotten first. */
    public int getRateLimitMaxClients() { return rateLimitMaxClients; }
    public void setRateLimitMaxClients(int n) { this.rateLimitMaxClients = n; }
    /** Event loops (one socket each with epoll); 0 = one per core. */
    public int getThreads() { return threads; }
    public void setThreads(int threads) { this.threads = threads; }
}
