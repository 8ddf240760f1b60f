package dev.vigil.sensor.conn;

/** ICMP request/reply pairs that Zeek tracks as one two-way "connection". */
final class IcmpTypes {
    private IcmpTypes() {
    }

    /** RFC 792 / RFC 950: echo, timestamp, information and address-mask pairs; -1 for one-way types. */
    static int counterpart4(int type) {
        return switch (type) {
            case 8 -> 0;
            case 0 -> 8;
            case 13 -> 14;
            case 14 -> 13;
            case 15 -> 16;
            case 16 -> 15;
            case 10 -> 9;
            case 9 -> 10;
            case 17 -> 18;
            case 18 -> 17;
            default -> -1;
        };
    }

    /** RFC 4443 echo, RFC 4861 ND pairs, RFC 2710 MLD, RFC 4620 node information, RFC 6275 HAAD. */
    static int counterpart6(int type) {
        return switch (type) {
            case 128 -> 129;
            case 129 -> 128;
            case 133 -> 134;
            case 134 -> 133;
            case 135 -> 136;
            case 136 -> 135;
            case 130 -> 131;
            case 131 -> 130;
            case 139 -> 140;
            case 140 -> 139;
            case 144 -> 145;
            case 145 -> 144;
            default -> -1;
        };
    }
}
