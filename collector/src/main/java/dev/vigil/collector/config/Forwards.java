package dev.vigil.collector.config;

/**
 * Legacy forwarding actions: {@code @host}, {@code @@host:port}, {@code @(o)}, {@code @@(z9,o)host},
 * {@code @[::1]:514;Template} into omfwd's {@code action()} parameters.
 */
final class Forwards {
    private Forwards() {
    }

    static ActionSpec legacy(String a, String location) {
        Params p = new Params();
        int i = 1;
        boolean tcp = a.startsWith("@@");
        if (tcp) {
            i = 2;
        }
        p.put("protocol", tcp ? "tcp" : "udp");
        if (i < a.length() && a.charAt(i) == '(') {
            int close = a.indexOf(')', i);
            if (close < 0) {
                throw new IllegalArgumentException("forwarding action '" + a + "': expected ')' after the options");
            }
            for (String opt : a.substring(i + 1, close).split(",")) {
                String o = opt.trim();
                if (o.equals("o")) {
                    p.put("tcp_framing", "octet-counted");
                } else if (o.startsWith("z") && o.length() == 2 && Character.isDigit(o.charAt(1))) {
                    p.put("ziplevel", o.substring(1));
                } else if (!o.isEmpty()) {
                    throw new IllegalArgumentException("forwarding action '" + a + "': unknown option '" + o + "'");
                }
            }
            i = close + 1;
        }
        String rest = a.substring(i);
        int end = LegacyActions.targetEnd(rest);
        String target = rest.substring(0, end);
        LegacyActions.templateAfter(p, rest, LegacyActions.afterTarget(rest, end));
        String host;
        String port = null;
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("forwarding action '" + a + "': expected ']' after the IPv6 address");
            }
            host = target.substring(1, close);
            if (close + 1 < target.length() && target.charAt(close + 1) == ':') {
                port = target.substring(close + 2);
            }
        } else {
            int colon = target.indexOf(':');
            host = colon < 0 ? target : target.substring(0, colon);
            port = colon < 0 ? null : target.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("forwarding action '" + a + "' without a host");
        }
        p.put("target", host);
        if (port != null && !port.isEmpty()) {
            try {
                int n = Integer.parseInt(port);
                if (n < 1 || n > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("forwarding action '" + a + "': invalid port '" + port + "'");
            }
            p.put("port", port);
        }
        return new ActionSpec("omfwd", p, location);
    }
}
