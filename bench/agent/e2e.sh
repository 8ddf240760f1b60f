#!/usr/bin/env bash
# Files to the server, end to end, side by side with rsyslog (issue 7 point 6): a LINES-line log file is
# followed by `vigil agent` (-Xmx128m; its disk queue; TLS) and shipped to `vigil server --no-index`, which
# writes every line under DATA/logs; then the same file is followed by rsyslogd's imfile and forwarded
# with omfwd over TCP to a second rsyslogd that writes it with omfile. Done when the server side has every
# line. Prints lines/s, the agent's (forwarder's) CPU time and peak RSS, the servers' CPU time, and the
# ratio Vigil / rsyslog. The Debian rsyslog here has no TLS driver, so rsyslog forwards in plain TCP while
# the Vigil agent uses TLS (its only transport in agent.yml).
#   bench/agent/e2e.sh [LINES]      default 1,000,000; RUNS=3 (alternating Vigil, rsyslog)
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES=${1:-1000000}
RUNS=${RUNS:-3}
OUT=$(realpath -m "${OUT:-bench/out/agent-e2e}")
mkdir -p "$OUT"
command -v rsyslogd >/dev/null || { echo "needs rsyslogd: apt-get install rsyslog" >&2; exit 2; }

mvn -B -q -o -DskipTests package -pl cli -am
rm -rf "$OUT/lib" && mkdir -p "$OUT/lib" && cp cli/target/vigil.jar cli/target/lib/*.jar "$OUT/lib/"
CP="$OUT/lib/*"

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

LOG="$OUT/secure-$LINES.log"
[ -s "$LOG" ] || python3 - "$LOG" "$LINES" <<'PY'
import sys
users = ["root", "admin", "oracle", "test", "guest", "alice", "bob", "ubuntu"]
with open(sys.argv[1], "w") as f:
    for i in range(1, int(sys.argv[2]) + 1):
        f.write("Nov 26 %02d:%02d:%02d web01 sshd[%d]: Failed password for invalid user %s from 203.0.113.%d "
                "port %d ssh2\n" % ((i // 3600) % 24, (i // 60) % 60, i % 60, 1000 + i % 30000,
                                    users[i % len(users)], i % 250, 1024 + i % 60000))
PY
echo "file $LOG: $LINES lines, $(du -h "$LOG" | cut -f1)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
rss_of() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
lines_in() { [ -f "$1" ] && wc -l < "$1" || echo 0; }
median() { python3 -c 'import sys,statistics; print(round(statistics.median(float(x) for x in sys.argv[1:]),2))' "$@"; }
now() { date +%s.%N; }

vigil_run() {
  local d="$OUT/vigil" port mport
  rm -rf "$d" && mkdir -p "$d"
  port=$(free_port); mport=$(free_port)
  printf 'data: %s\nsyslog: {port: 0, address: 127.0.0.1}\nntp: {enabled: false}\nindex: false\nagent: {port: %s, address: 127.0.0.1, tls: {cert: %s, key: %s}}\n' \
    "$d/data" "$port" "$OUT/pki/server.pem" "$OUT/pki/server.key" > "$d/vigil.yml"
  printf 'host: web01\nserver: {host: 127.0.0.1, port: %s, tls: {ca: %s}}\nqueue: {dir: %s}\ninputs:\n  - path: %s\n    sourcetype: linux_secure\nntp: {enabled: false}\nmetrics: {port: %s}\nstats_interval: 1h\n' \
    "$port" "$OUT/pki/ca.pem" "$d/queue" "$LOG" "$mport" > "$d/agent.yml"
  java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$CP" dev.vigil.cli.Main server --config "$d/vigil.yml" --http-port -1 \
    > "$d/server.log" 2>&1 &
  local spid=$!
  for _ in $(seq 300); do grep -q "listening for agents" "$d/server.log" && break; sleep 0.1; done
  local s0 t0 apid; s0=$(cpu_of $spid); t0=$(now)
  java -Xmx128m -cp "$CP" dev.vigil.cli.Main agent --config "$d/agent.yml" > "$d/agent.log" 2>&1 &
  apid=$!
  local acked=0
  for _ in $(seq 6000); do
    acked=$(curl -s "http://127.0.0.1:$mport/metrics" 2>/dev/null | awk '/^vigil_agent_events_acked_total/ {print $2}')
    [ "${acked:-0}" -ge "$LINES" ] && break
    sleep 0.1
  done
  local t1 a1 s1 rss; t1=$(now); a1=$(cpu_of $apid); s1=$(cpu_of $spid); rss=$(rss_of $apid)
  kill -TERM $apid; wait $apid || true
  kill -TERM $spid; wait $spid || true
  local got; got=$(lines_in "$d/data/logs/web01/$(basename "$LOG")")  # program name = the file's name
  echo "vigil run: lines=$got seconds=$(python3 -c "print(round($t1-$t0,2))") lines_per_s=$(python3 -c "print(round($LINES/($t1-$t0)))") agent_cpu_s=$a1 agent_rss_peak_mib=$rss server_cpu_s=$(python3 -c "print(round($s1-$s0,2))")"
}

rsyslog_run() {
  local d="$OUT/rsyslog" port
  rm -rf "$d" && mkdir -p "$d/srv" "$d/cli"
  port=$(free_port)
  cat > "$d/srv.conf" <<CONF
global(workDirectory="$d/srv")
module(load="imtcp")
input(type="imtcp" port="$port" address="127.0.0.1")
template(name="line" type="string" string="%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n")
action(type="omfile" file="$d/out.log" template="line")
CONF
  cat > "$d/cli.conf" <<CONF
global(workDirectory="$d/cli")
module(load="imfile")
input(type="imfile" file="$LOG" tag="secure:" facility="local0" severity="notice")
action(type="omfwd" target="127.0.0.1" port="$port" protocol="tcp" queue.type="LinkedList" queue.size="100000")
CONF
  rsyslogd -n -f "$d/srv.conf" -i "$d/srv.pid" > "$d/srv.log" 2>&1 &
  local spid=$!
  sleep 1
  local s0 t0 cpid; s0=$(cpu_of $spid); t0=$(now)
  rsyslogd -n -f "$d/cli.conf" -i "$d/cli.pid" > "$d/cli.log" 2>&1 &
  cpid=$!
  local got=0
  for _ in $(seq 3000); do
    got=$(lines_in "$d/out.log")
    [ "$got" -ge "$LINES" ] && break
    sleep 0.2
  done
  local t1 a1 s1 rss; t1=$(now); a1=$(cpu_of $cpid); s1=$(cpu_of $spid); rss=$(rss_of $cpid)
  kill -TERM $cpid; wait $cpid || true
  kill -TERM $spid; wait $spid || true
  got=$(lines_in "$d/out.log")
  echo "rsyslog run: lines=$got seconds=$(python3 -c "print(round($t1-$t0,2))") lines_per_s=$(python3 -c "print(round($LINES/($t1-$t0)))") agent_cpu_s=$a1 agent_rss_peak_mib=$rss server_cpu_s=$(python3 -c "print(round($s1-$s0,2))")"
}

vr=(); rr=(); va=(); ra=(); vm=(); rm_=()
for i in $(seq "$RUNS"); do
  l=$(vigil_run); echo "$l"
  vr+=("$(sed 's/.*lines_per_s=\([0-9.]*\).*/\1/' <<< "$l")"); va+=("$(sed 's/.*agent_cpu_s=\([0-9.]*\).*/\1/' <<< "$l")")
  vm+=("$(sed 's/.*agent_rss_peak_mib=\([0-9]*\).*/\1/' <<< "$l")")
  l=$(rsyslog_run); echo "$l"
  rr+=("$(sed 's/.*lines_per_s=\([0-9.]*\).*/\1/' <<< "$l")"); ra+=("$(sed 's/.*agent_cpu_s=\([0-9.]*\).*/\1/' <<< "$l")")
  rm_+=("$(sed 's/.*agent_rss_peak_mib=\([0-9]*\).*/\1/' <<< "$l")")
done
v=$(median "${vr[@]}"); r=$(median "${rr[@]}")
echo "median lines/s: vigil agent $v, rsyslog imfile+omfwd $r, ratio $(python3 -c "print(round($v/$r,2))"); goal 100,000: $(python3 -c "print(round($v/100000,2))")x"
echo "median forwarder CPU s: vigil agent $(median "${va[@]}") (us/line $(python3 -c "print(round($(median "${va[@]}")*1e6/$LINES,2))")), rsyslogd $(median "${ra[@]}"); peak RSS MiB: $(median "${vm[@]}") vs $(median "${rm_[@]}")"
