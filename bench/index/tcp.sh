#!/usr/bin/env bash
# Syslog over TCP into the node's index (issue 5 point 7a): `vigil server` reading an rsyslog.conf that only
# listens on TCP (no file actions: the index is the one output), fed over one loopback connection by the
# project's C load generator (../shared/tools/rsyslog-oracle/gen.c), lines from IndexBench gen (RFC 3164 with
# <PRI>, timestamps over the last SPAN seconds). A run ends when the last line (a unique marker term) is
# found through the node's own search API.
#
#   bench/index/tcp.sh [EVENTS]       default 2,000,000; env RUNS=3, RATE=0 (events/s; 0 = as fast as the
#                                     node takes them, back-pressure), SPAN=3600, JAVA_OPTS, OUT, VIGIL_DIST
# Prints per run: events/s until searchable, server CPU µs per event (user+sys of the JVM, all threads),
# how long after the sender finished the last event became searchable, and the JVM's heap after the run;
# then the medians. Data under bench/out/index-tcp (git-ignored).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
N=${1:-2000000}
RUNS=${RUNS:-3}
RATE=${RATE:-0}
SPAN=${SPAN:-3600}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}
OUT=$(realpath -m "${OUT:-bench/out/index-tcp}")
GEN_C=${GEN_C:-}
for c in "$ROOT/../shared/tools/rsyslog-oracle/gen.c" "$ROOT/../../shared/tools/rsyslog-oracle/gen.c"; do
  [ -z "$GEN_C" ] && [ -f "$c" ] && GEN_C=$c
done
[ -n "$GEN_C" ] || { echo "needs the project's gen.c (../shared/tools/rsyslog-oracle/gen.c); set GEN_C" >&2; exit 2; }
mkdir -p "$OUT"
gcc -O2 -o "$OUT/gen" "$GEN_C"

# a private copy of the distribution: rebuilding the tree during a run changes nothing
# (VIGIL_DIST=DIR with vigil.jar and lib/ measures another build, e.g. an older commit's)
DIST=${VIGIL_DIST:-cli/target}
[ -n "${VIGIL_DIST:-}" ] || mvn -B -q -o -pl cli -am package -DskipTests
rm -rf "$OUT/dist" && mkdir -p "$OUT/dist" && cp -r "$DIST/vigil.jar" "$DIST/lib" "$OUT/dist/"
LINES="$OUT/tcp-$N.log"
if [ ! -s "$LINES" ]; then
  mkdir -p "$OUT/classes"
  javac -d "$OUT/classes" -cp "$OUT/dist/vigil.jar:$OUT/dist/lib/*" bench/index/IndexBench.java
  java -cp "$OUT/classes:$OUT/dist/vigil.jar:$OUT/dist/lib/*" IndexBench gen "$OUT/plain.log" "$((N - 1))" "$SPAN"
  sed 's/^/<38>/' "$OUT/plain.log" > "$LINES" && rm "$OUT/plain.log"
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
HZ=$(getconf CLK_TCK)

rates=(); cpus=(); lags=()
for i in $(seq "$RUNS"); do
  W="$OUT/run"; rm -rf "$W"; mkdir -p "$W"
  TCP=$(port); HTTP=$(port)
  MARK="zzmark$RANDOM$RANDOM"
  { cat "$LINES"; echo "<38>$(LC_ALL=C date '+%b %e %H:%M:%S') benchhost app[1]: end of run $MARK"; } > "$W/lines"
  printf 'module(load="imtcp")\ninput(type="imtcp" port="%s" address="127.0.0.1")\n' "$TCP" > "$W/rsyslog.conf"
  printf 'data: %s\nsyslog: {rules: %s}\nhttp: {port: %s, address: 127.0.0.1}\nntp: {enabled: false}\n' \
    "$W/data" "$W/rsyslog.conf" "$HTTP" > "$W/vigil.yml"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$OUT/dist/vigil.jar:$OUT/dist/lib/*" dev.vigil.cli.Main server --config "$W/vigil.yml" \
    > "$W/server.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null' EXIT   # never leave a node behind when a step fails
  until curl -s -o /dev/null "http://127.0.0.1:$HTTP/api/health" && (exec 3<>/dev/tcp/127.0.0.1/$TCP) 2>/dev/null; do
    kill -0 $PID || { cat "$W/server.log"; exit 1; }; sleep 0.2
  done
  sleep 1
  c0=$(ticks $PID); t0=$(now)
  "$OUT/gen" 127.0.0.1 "$TCP" tcp "$((N))" "$W/lines" "$RATE" > "$W/gen.out"
  t1=$(now)
  body="{\"query\":\"search $MARK | head 1\",\"earliest\":\"0\",\"format\":\"csv\"}"
  until curl -s -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$HTTP/api/search" | grep -q "$MARK"; do
    sleep 0.05
  done
  t2=$(now); c1=$(ticks $PID)
  heap=$(jcmd $PID GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 | grep -Eo '[0-9]+' || echo 0)
  kill $PID; wait $PID || true
  line=$(python3 -c "
n=$N; t0=$t0; t1=$t1; t2=$t2; cpu=($c1-$c0)/$HZ
print(f'events={n} events_per_s={n/(t2-t0):.0f} cpu_us_per_event={cpu*1e6/n:.1f} sender_s={t1-t0:.2f} searchable_after_sender_ms={(t2-t1)*1000:.0f} heap_used_mb={$heap//1024}')")
  echo "run $i: $line  $(cat "$W/gen.out")  load $(cut -d' ' -f1-3 /proc/loadavg)"
  rates+=("$(sed 's/.*events_per_s=\([0-9]*\).*/\1/' <<< "$line")")
  cpus+=("$(sed 's/.*cpu_us_per_event=\([0-9.]*\).*/\1/' <<< "$line")")
  lags+=("$(sed 's/.*searchable_after_sender_ms=\([0-9]*\).*/\1/' <<< "$line")")
done
echo "median events/s $(median "${rates[@]}") (goal 150000), CPU µs/event $(median "${cpus[@]}"), searchable after sender $(median "${lags[@]}") ms (goal < 2000)"
