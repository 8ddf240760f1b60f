#!/usr/bin/env bash
# bench/ntp/run.sh [SECONDS_PER_RUN] [RUNS]
# Vigil's NTP server against chronyd, side by side in one run, with our own C load generator
# (ntpload.c: sendmmsg/recvmmsg, every reply validated): answered requests/s, loss and p99 latency
# at 64 and 512 requests in flight; RUNS runs each, alternating Vigil and chronyd; prints medians
# and the Vigil/chronyd ratios. Both serve their local clock at stratum 10 on 127.0.0.1.
# chronyd runs with -x (never touches the clock) in a private directory and is stopped by PID.
# VIGIL overrides the command that runs Vigil (default: bin/vigil, which builds it first).
# VIGIL_JAVA_OPTS (read by bin/vigil) defaults here to the serial collector with a 256 MB young
# generation, Netty's object recycler and leak detector off: the recommended flags for a time server
# on a small box (see docs/performance-ntp.md);
# set it to "" to measure the JVM's default (G1).
set -euo pipefail
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS--XX:+UseSerialGC -Xmn256m -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.leakDetection.level=disabled}"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SECS=${1:-5}
RUNS=${2:-3}
VPORT=${VPORT:-21123}
CPORT=${CPORT:-21124}
SOCKETS=${SOCKETS:-4}
OUT=${OUT:-$ROOT/bench/out/ntp}
VIGIL=${VIGIL:-$ROOT/bin/vigil}
mkdir -p "$OUT"
gcc -O2 -Wall -o "$OUT/ntpload" "$HERE/ntpload.c"

D=$(mktemp -d /tmp/vigil-bench-chronyd.XXXXXX)
mkdir -p "$D/sock"; chmod 700 "$D/sock"
cat > "$D/chrony.conf" <<CONF
port $CPORT
bindaddress 127.0.0.1
local stratum 10
allow 127.0.0.1
cmdport 0
bindcmdaddress $D/sock/chronyd.sock
driftfile $D/drift
pidfile $D/chronyd.pid
logdir $D
CONF
CPID=""; VPID=""
cleanup() {
  [ -n "$VPID" ] && kill "$VPID" 2>/dev/null || true
  [ -n "$CPID" ] && kill "$CPID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT
chronyd -d -x -u root -f "$D/chrony.conf" > "$OUT/chronyd.log" 2>&1 &
CPID=$!
$VIGIL ntp serve --port "$VPORT" --bind 127.0.0.1 --local-stratum 10 > "$OUT/vigil.log" 2>&1 &
VPID=$!
for port in "$VPORT" "$CPORT"; do
  for _ in $(seq 120); do
    "$OUT/ntpload" 127.0.0.1 "$port" 0.2 1 1 200 | grep -q "answered_valid=[1-9]" && break
    sleep 0.5
  done
done
"$OUT/ntpload" 127.0.0.1 "$VPORT" 8 64 "$SOCKETS" > /dev/null   # JIT warm-up, not measured
"$OUT/ntpload" 127.0.0.1 "$CPORT" 1 64 "$SOCKETS" > /dev/null

RES="$OUT/results.txt"; : > "$RES"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $SECS s per run, $RUNS runs, $SOCKETS client sockets; VIGIL_JAVA_OPTS='$VIGIL_JAVA_OPTS'" | tee -a "$RES"
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, clock ticks
TCK=$(getconf CLK_TCK)
for W in 64 512; do
  for r in $(seq "$RUNS"); do
    for who in vigil chronyd; do
      port=$VPORT; pid=$VPID; [ "$who" = chronyd ] && { port=$CPORT; pid=$CPID; }
      c0=$(cputicks "$pid")
      line=$("$OUT/ntpload" 127.0.0.1 "$port" "$SECS" "$W" "$SOCKETS" | tr '\n' ' ')
      c1=$(cputicks "$pid")
      ok=$(echo "$line" | grep -o 'answered_valid=[0-9]*' | cut -d= -f2)
      cpu=$(awk -v d=$((c1 - c0)) -v t="$TCK" -v n="$ok" 'BEGIN { printf "%.2f", (n > 0 ? d / t * 1e6 / n : 0) }')
      line="$line cpu_us_per_req=$cpu"
      echo "$who window=$W run=$r $line" >> "$RES"
      echo "$who W=$W run $r: $(echo "$line" | grep -o 'answered_per_s=[0-9]*') $(echo "$line" | grep -o 'loss_pct=[0-9.]*') $(echo "$line" | grep -o 'p99=[0-9]*') cpu_us_per_req=$cpu"
    done
  done
done
python3 - "$RES" <<'PY'
import re, statistics, sys
rows = {}
for l in open(sys.argv[1]):
    if l.startswith("#"):
        continue
    who, w = l.split()[0], int(re.search(r"window=(\d+)", l).group(1))
    m = lambda k: float(re.search(k + r"=([0-9.]+)", l).group(1))
    rows.setdefault((who, w), []).append((m("answered_per_s"), m("loss_pct"), m(" p99"), m("cpu_us_per_req")))
print("\n%-8s %-7s %14s %9s %10s %14s" % ("server", "window", "answered/s", "loss %", "p99 us", "cpu us/req"))
med = {}
for (who, w), v in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0] != "vigil")):
    med[(who, w)] = tuple(statistics.median(x[i] for x in v) for i in range(4))
    print("%-8s %-7d %14.0f %9.3f %10.0f %14.2f" % ((who, w) + med[(who, w)]))
for w in (64, 512):
    if ("vigil", w) in med and ("chronyd", w) in med:
        v, c = med[("vigil", w)], med[("chronyd", w)]
        print("window %-4d Vigil/chronyd: answered/s ratio %.2f, p99 ratio %.2f, cpu per request ratio %.2f"
              % (w, v[0] / c[0], v[2] / c[2] if c[2] else float("nan"), v[3] / c[3] if c[3] else float("nan")))
PY
