package dev.vigil.sensor.decode;

/**
 * An IP tunnel (GRE, IP-in-IP) between two outer addresses, as Zeek's EncapsulatingConn:
 * it owns a uid drawn from the connection uid sequence when first seen, which inner
 * connections list in {@code tunnel_parents}.
 */
public final class Tunnel {
    public final String uid;
    public final Tunnel parent;
    /** "IP" or "GRE", as Zeek's Tunnel::Type names. */
    public final String type;

    public Tunnel(String uid, Tunnel parent, String type) {
        this.uid = uid;
        this.parent = parent;
        this.type = type;
    }
}
