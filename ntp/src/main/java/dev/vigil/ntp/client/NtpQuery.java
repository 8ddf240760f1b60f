package dev.vigil.ntp.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code vigil ntp query}: asks each server (every address a name resolves to) {@code samples}
 * times, keeps its lowest-delay accepted sample like ntpdate, prints one ntpdate-style line per
 * server, then the chosen server (smallest root distance) and its offset. Nothing is adjusted.
 */
public final class NtpQuery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ROOT);
    private final NtpClient client;
    private final int samples;
    private final long gapMillis;

    public NtpQuery(NtpClient client, int samples, long gapMillis) {
        if (samples < 1 || samples > 64) {
            throw new IllegalArgumentException("samples " + samples + " is outside 1..64");
        }
        this.client = client;
        this.samples = samples;
        this.gapMillis = gapMillis;
    }

    /** Runs the query, printing to {@code out}; returns 0 when some server was suitable, 1 otherwise. */
    public int run(List<ServerAddress> servers, PrintWriter out) throws InterruptedException {
        List<NtpSample> best = new ArrayList<>();
        for (ServerAddress s : servers) {
            List<InetSocketAddress> targets;
            try {
                targets = resolve(s);
            } catch (UnknownHostException e) {
                out.println("server " + s + ", cannot resolve: " + e.getMessage());
                continue;
            }
            for (InetSocketAddress t : targets) {
                NtpSample b = bestOf(t);
                out.println(line(s, t, b));
                if (b.accepted()) {
                    best.add(b);
                }
            }
        }
        NtpSample chosen = null;
        for (NtpSample b : best) {
            if (chosen == null || b.rootDistance() < chosen.rootDistance()) {
                chosen = b;
            }
        }
        String stamp = ZonedDateTime.now(ZoneId.systemDefault()).format(STAMP);
        long pid = ProcessHandle.current().pid();
        if (chosen == null) {
            out.println(stamp + " vigil[" + pid + "]: no server suitable for synchronization found");
            out.flush();
            return 1;
        }
        out.println(stamp + " vigil[" + pid + "]: adjust time server " + host(chosen.server) + " offset "
                + String.format(Locale.ROOT, "%.6f", chosen.offset) + " sec");
        out.flush();
        return 0;
    }

    /** The accepted sample with the lowest delay, else the last outcome. */
    public NtpSample bestOf(InetSocketAddress target) throws InterruptedException {
        NtpSample best = null;
        NtpSample last = null;
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                Thread.sleep(gapMillis);
            }
            try {
                last = client.query(target);
            } catch (IOException e) {
                last = new NtpSample(target, null, 0, 0, 0, 0, "no answer (" + e.getMessage() + ")");
            }
            if (last.accepted() && (best == null || last.delay < best.delay)) {
                best = last;
            }
        }
        return best != null ? best : last;
    }

    /** One ntpdate-style line: {@code server 127.0.0.1, stratum 10, offset 0.000012, delay 0.02571}. */
    static String line(ServerAddress spec, InetSocketAddress t, NtpSample s) {
        String who = "server " + host(t) + (t.getPort() == ServerAddress.NTP_PORT ? "" : ":" + t.getPort());
        if (s.accepted()) {
            return String.format(Locale.ROOT, "%s, stratum %d, offset %.6f, delay %.5f", who, s.reply.stratum,
                    s.offset, s.delay);
        }
        if (s.noAnswer()) {
            return who + ", " + s.rejection;
        }
        return who + ", stratum " + s.reply.stratum + ", rejected: " + s.rejection;
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    }

    private static List<InetSocketAddress> resolve(ServerAddress s) throws UnknownHostException {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        for (InetAddress a : InetAddress.getAllByName(s.host)) {
            out.add(new InetSocketAddress(a, s.port));
        }
        return new ArrayList<>(out);
    }
}
