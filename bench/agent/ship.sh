#!/usr/bin/env bash
# Agent shipping benchmark: events from the agent's disk queue to `vigil server` over TLS, acknowledged
# end to end (durable in the index), and the same with --no-index (processed by the default output);
# the agent runs with -Xmx128m and its CPU time and peak heap are reported, and the server's CPU time.
#   bench/agent/ship.sh [EVENTS]     default 1,000,000 events; RUNS=3 runs per mode (medians)
#   MODES="noindex index" TRANSPORT=tls|plain
# Output: one line per run (whole run, and its second half: JIT and set-up over), then medians of the second
# halves and the ratio to the goal (100,000 lines/s, agent heap < 128 MiB).
# Data under bench/out/agent-ship (git-ignored). Needs openssl for the certificates.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
RUNS=${RUNS:-3}
MODES=${MODES:-"noindex index"}
TRANSPORT=${TRANSPORT:-tls}
OUT=$(realpath -m "${OUT:-bench/out/agent-ship}")
mkdir -p "$OUT"

mvn -B -q -o -DskipTests package -pl cli -am
# a private copy of the jars: other builds of the tree must not change them under a long run
rm -rf "$OUT/lib" && mkdir -p "$OUT/lib" && cp cli/target/vigil.jar cli/target/lib/*.jar "$OUT/lib/"
CP="$OUT/lib/*"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" bench/agent/ShipBench.java
BENCH=(java -Xmx128m ${AGENT_JAVA_OPTS:-} -cp "$OUT/classes:$CP" ShipBench)

if [ ! -f "$OUT/pki/ca.pem" ]; then
  mkdir -p "$OUT/pki" && cd "$OUT/pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=bench CA" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.rsa -out server.csr -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 30 \
    -extfile san.ext 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in server.rsa -out server.key
  cd - >/dev/null
fi

Q="$OUT/queue-$N"
[ -d "$Q" ] || "${BENCH[@]}" fill "$Q" "$N"
echo "queue $Q: $N events, $(du -sh "$Q" | cut -f1)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
median() { python3 -c 'import sys,statistics; print(round(statistics.median(float(x) for x in sys.argv[1:]),2))' "$@"; }

for mode in $MODES; do
  rates=(); acpu=(); heaps=(); scpu=()
  for i in $(seq "$RUNS"); do
    rm -rf "$OUT/data" "$OUT/q" && cp -r "$Q" "$OUT/q"
    PORT=$(free_port)
    if [ "$TRANSPORT" = tls ]; then
      AGENT_CFG="tls: {cert: $OUT/pki/server.pem, key: $OUT/pki/server.key}"; CA="$OUT/pki/ca.pem"
    else
      AGENT_CFG="plain: true"; CA=plain
    fi
    printf 'data: %s\nsyslog: {port: 0, address: 127.0.0.1}\nntp: {enabled: false}\nindex: %s\nagent: {port: %s, address: 127.0.0.1, %s}\n' \
      "$OUT/data" "$([ "$mode" = index ] && echo true || echo false)" "$PORT" "$AGENT_CFG" > "$OUT/vigil.yml"
    java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$CP" dev.vigil.cli.Main server --config "$OUT/vigil.yml" --http-port -1 \
      > "$OUT/server.log" 2>&1 &
    SPID=$!
    for _ in $(seq 300); do grep -q "listening for agents" "$OUT/server.log" && break; sleep 0.1; done
    s0=$(cpu_of $SPID)
    sh=$s0
    line=""
    while read -r l; do
      case "$l" in
        half*) sh=$(cpu_of $SPID); half=${l#half } ;;
        ship*) line=$l ;;
      esac
    done < <("${BENCH[@]}" ship "$OUT/q" "$PORT" "$CA")
    s1=$(cpu_of $SPID)
    kill -TERM $SPID; wait $SPID || true
    server_us=$(python3 -c "print(round(($s1-$sh)*1e6/($N-$half),2))")
    echo "$mode run $i: $line server_cpu_s=$(python3 -c "print(round($s1-$s0,2))") steady_server_cpu_us_per_event=$server_us"
    rates+=("$(sed 's/.*steady_events_per_s=\([0-9.]*\).*/\1/' <<< "$line")")
    acpu+=("$(sed 's/.*steady_agent_cpu_us_per_event=\([0-9.]*\).*/\1/' <<< "$line")")
    heaps+=("$(sed 's/.*heap_live_peak_mib=\([0-9.]*\).*/\1/' <<< "$line")")
    scpu+=("$server_us")
  done
  r=$(median "${rates[@]}")
  echo "$mode ($TRANSPORT) median of the steady second halves: $r events/s ($(python3 -c "print(round($r/100000,2))")x the 100,000 lines/s goal);" \
    "agent $(median "${acpu[@]}") us CPU/event, live heap after GC at most $(median "${heaps[@]}") MiB (-Xmx128m);" \
    "server $(median "${scpu[@]}") us CPU/event"
done
