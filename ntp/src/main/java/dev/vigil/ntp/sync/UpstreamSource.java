package dev.vigil.ntp.sync;

import dev.vigil.ntp.client.ServerAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** One resolved upstream: the name as configured and one address of it. */
public final class UpstreamSource {
    public final String name;
    public final InetSocketAddress address;

    public UpstreamSource(String name, InetSocketAddress address) {
        this.name = name;
        this.address = address;
    }

    /** A {@code server}: the first address the name resolves to. */
    public static UpstreamSource server(String spec) throws UnknownHostException {
        ServerAddress a = ServerAddress.parse(spec, ServerAddress.NTP_PORT);
        return new UpstreamSource(spec, new InetSocketAddress(InetAddress.getByName(a.host), a.port));
    }

    /** A {@code pool}: up to {@code max} distinct addresses of the name, each its own source. */
    public static List<UpstreamSource> pool(String spec, int max) throws UnknownHostException {
        ServerAddress a = ServerAddress.parse(spec, ServerAddress.NTP_PORT);
        List<UpstreamSource> out = new ArrayList<>();
        for (InetAddress ia : InetAddress.getAllByName(a.host)) {
            if (out.size() >= max) {
                break;
            }
            out.add(new UpstreamSource(spec, new InetSocketAddress(ia, a.port)));
        }
        return out;
    }
}
