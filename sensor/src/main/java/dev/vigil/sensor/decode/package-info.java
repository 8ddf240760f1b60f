/**
 * Packet decoding from the link layer down to the transport header: Ethernet, VLAN/QinQ, MPLS,
 * PPPoE, Linux cooked capture, raw IP, IPv4 (with fragment reassembly), IPv6 extension headers,
 * GRE and IP-in-IP tunnels, and the Internet checksum.
 */
package dev.vigil.sensor.decode;
