/**
 * Windows XML Event Log (EVTX) files: the file header, 64 KiB chunks with their CRC32 checks, event records and
 * the binary XML inside them (templates and substitutions), rendered as XML and as a flat field map.
 */
package dev.vigil.agent.evtx;
