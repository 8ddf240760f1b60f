#!/usr/bin/env python3
"""Builds a large Ethernet pcap for the sensor benchmark from the Zeek corpus traces.

Every classic-pcap Ethernet trace of the corpus is replayed REPS times on one continuous
timeline. In each replay the IPv4 addresses of plain Ethernet/IPv4 packets are shifted (k added
to the numerically lower address, subtracted from the higher one, so both directions of a flow
stay consistent and the IP/TCP/UDP checksums remain valid), which makes every replay's
connections new ones. Usage: make_capture.py OUT.pcap TARGET_MIB [CORPUS_DIR]
"""
import os
import struct
import sys

out_path = sys.argv[1]
target = int(sys.argv[2]) * 1024 * 1024
corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), '../../sensor/src/test/resources/zeek-corpus')

traces = []
for root, _, files in sorted(os.walk(corpus)):
    for f in sorted(files):
        if not f.endswith('.pcap'):
            continue
        data = open(os.path.join(root, f), 'rb').read()
        magic, = struct.unpack('<I', data[:4])
        if magic != 0xa1b2c3d4 or struct.unpack('<I', data[20:24])[0] != 1:
            continue
        pkts = []
        p = 24
        while p + 16 <= len(data):
            sec, usec, cap, wire = struct.unpack('<IIII', data[p:p + 16])
            pkts.append((sec + usec / 1e6, wire, data[p + 16:p + 16 + cap]))
            p += 16 + cap
        if pkts and pkts[-1][0] - pkts[0][0] < 120:
            traces.append(pkts)

def shift(frame, k):
    if len(frame) < 34 or frame[12:14] != b'\x08\x00':
        return frame
    a = struct.unpack('>H', frame[28:30])[0]
    b = struct.unpack('>H', frame[32:34])[0]
    src, dst = frame[26:30], frame[30:34]
    if src == dst:
        return frame
    if src < dst:
        na, nb = a + k, b - k
    else:
        na, nb = a - k, b + k
    if not (0 <= na <= 0xffff and 0 <= nb <= 0xffff):
        return frame
    f = bytearray(frame)
    f[28:30] = struct.pack('>H', na)
    f[32:34] = struct.pack('>H', nb)
    return bytes(f)

written = 0
t = 1_600_000_000.0
with open(out_path, 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    rep = 0
    while written < target:
        rep += 1
        k = rep % 30000 + 1
        for pkts in traces:
            t0 = pkts[0][0]
            for ts, wire, frame in pkts:
                nt = t + (ts - t0)
                sec = int(nt)
                usec = int(round((nt - sec) * 1e6))
                if usec >= 1000000:
                    sec, usec = sec + 1, usec - 1000000
                f = shift(frame, k)
                out.write(struct.pack('<IIII', sec, usec, len(f), max(wire, len(f))))
                out.write(f)
                written += 16 + len(f)
            t += (pkts[-1][0] - t0) + 0.5
print('%s: %d bytes, %d replays of %d traces' % (out_path, written + 24, rep, len(traces)))
