/**
 * The NTP wire format (RFC 5905 §7.3): the 48-byte header, 64-bit timestamps with era handling,
 * and the layout rules for extension fields and MACs (RFC 7822). No sockets here: bytes in, values out.
 */
package dev.vigil.ntp.packet;
