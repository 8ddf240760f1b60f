package dev.vigil.collector.input;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fromhost for a peer address: its name by reverse lookup (rsyslog resolves senders unless DNS is
 * disabled), cached in a bounded map so a UDP flood cannot make Vigil look up every packet.
 */
public final class HostResolver {
    private final boolean enabled;
    private final Map<InetAddress, String> cache;

    public HostResolver(boolean enabled, int maxEntries) {
        this.enabled = enabled;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, String> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The peer's address as text (rsyslog's fromhost-ip); IPv4-mapped IPv6 addresses print as IPv4. */
    public static String ip(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        return pct > 0 ? s.substring(0, pct) : s;
    }

    /** rsyslog's fromhost: the resolved name, or the address when resolution is off or fails. */
    public String name(InetAddress a) {
        if (!enabled) {
            return ip(a);
        }
        synchronized (cache) {
            String n = cache.get(a);
            if (n != null) {
                return n;
            }
        }
        String n;
        try {
            n = InetAddress.getByAddress(a.getAddress()).getHostName();
        } catch (java.net.UnknownHostException e) {
            n = ip(a);
        }
        synchronized (cache) {
            cache.put(a, n);
        }
        return n;
    }
}
