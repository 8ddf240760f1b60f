#!/usr/bin/env bash
# Sensor benchmark: Vigil writing all its logs vs `tshark -q -z conv,tcp -z conv,udp` on the same
# capture of at least 1 GB (built from the Zeek corpus traces by make_capture.py).
# Three runs each; prints medians of wall time and of CPU time (user+sys), Mbit/s of capture per
# core (capture bits / CPU seconds) and the ratios. Vigil runs with its heap capped at 512 MiB,
# the serial GC and the C1 JIT only (for a one-shot run of ~1 GB, C2 compilation costs more CPU than it saves).
# Usage: bench/sensor/run.sh [CAPTURE.pcap]   (default: $TMPDIR/vigil-bench-sensor.pcap, built if absent)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pcap=${1:-${TMPDIR:-/tmp}/vigil-bench-sensor.pcap}
runs=${RUNS:-3}
command -v tshark >/dev/null || { echo "tshark not installed" >&2; exit 1; }
[[ -f "$pcap" ]] || python3 "$here/make_capture.py" "$pcap" 1100
if [[ ! -d "$root/sensor/target/classes/dev/vigil/sensor" ]]; then
  (cd "$root" && mvn -B -q -o -pl sensor -am install -DskipTests)
fi
bytes=$(stat -c %s "$pcap")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() { # label, command...: prints "wall cpu maxrss_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >"$out/$label.stdout" 2>"$out/$label.stderr"
  awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$out/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$out/vigil"; : >"$out/tshark"
for i in $(seq "$runs"); do
  rm -rf "$out/logs"
  measure vigil java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$root/sensor/target/classes" dev.vigil.sensor.SensorMain \
      -r "$pcap" -w "$out/logs" >>"$out/vigil"
  measure tshark tshark -r "$pcap" -q -z conv,tcp -z conv,udp >>"$out/tshark"
done
vw=$(cut -d' ' -f1 "$out/vigil" | median); vc=$(cut -d' ' -f2 "$out/vigil" | median)
tw=$(cut -d' ' -f1 "$out/tshark" | median); tc=$(cut -d' ' -f2 "$out/tshark" | median)
vr=$(cut -d' ' -f3 "$out/vigil" | sort -n | tail -1); tr=$(cut -d' ' -f3 "$out/tshark" | sort -n | tail -1)
logs=$(ls "$out/logs" | tr '\n' ' ')
echo "capture: $pcap ($bytes bytes); runs: $runs; machine: $(nproc) cores; $(date -u +%F)"
echo "vigil logs written: $logs"
awk -v b="$bytes" -v vw="$vw" -v vc="$vc" -v tw="$tw" -v tc="$tc" -v vr="$vr" -v tr="$tr" 'BEGIN {
  printf "%-8s %10s %10s %16s %16s %12s\n", "", "wall s", "cpu s", "Mbit/s (wall)", "Mbit/s per core", "max RSS MiB"
  printf "%-8s %10.2f %10.2f %16.0f %16.0f %12.0f\n", "vigil", vw, vc, b*8/vw/1e6, b*8/vc/1e6, vr/1024
  printf "%-8s %10.2f %10.2f %16.0f %16.0f %12.0f\n", "tshark", tw, tc, b*8/tw/1e6, b*8/tc/1e6, tr/1024
  printf "ratio vigil/tshark: %.2fx wall, %.2fx per core (CPU time)\n", tw/vw, tc/vc
}'
