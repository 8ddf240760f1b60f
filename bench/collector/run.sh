#!/usr/bin/env bash
# Vigil vs rsyslogd, side by side in one run (issue 2 point 8, issue 3 point 7):
# 1,000,000 ~120-byte messages over one TCP connection into 5 selector files ("tcp"), and the
# 100 hosts x 10 programs dynamic-file case ("dynafile"), each server started from the same
# legacy rsyslog.conf by ../shared/tools/rsyslog-oracle/bench.sh. Runs alternate rsyslogd / Vigil,
# RUNS times; prints medians and the ratio Vigil / rsyslogd.
#
# usage: bench/collector/run.sh [SCENARIO...]     env: RUNS=3 COUNT=1000000 VIGIL_JAVA_OPTS=...
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${BENCH:-}" ]; then   # the shared tools beside the repository (or beside a parent of a worktree)
  d=$ROOT; while [ "$d" != / ] && [ ! -x "$d/../shared/tools/rsyslog-oracle/bench.sh" ]; do d=$(dirname "$d"); done
  BENCH=$d/../shared/tools/rsyslog-oracle/bench.sh
fi
[ -x "$BENCH" ] || { echo "needs $BENCH (the project's shared rsyslog-oracle tools)" >&2; exit 2; }
command -v rsyslogd >/dev/null || { echo "needs rsyslogd: apt-get install rsyslog" >&2; exit 2; }
RUNS=${RUNS:-3}; COUNT=${COUNT:-1000000}
SCENARIOS=("$@"); [ ${#SCENARIOS[@]} -eq 0 ] && SCENARIOS=(tcp dynafile)
OUT=$(mktemp -d /tmp/vigil-bench.XXXXXX)
# a private copy of the distribution, so rebuilding the tree during the run changes nothing
# (VIGIL_DIST=DIR with vigil.jar and lib/ uses an existing build instead)
if [ -n "${VIGIL_DIST:-}" ]; then
  mkdir -p "$OUT/dist" && cp -r "$VIGIL_DIST/vigil.jar" "$VIGIL_DIST/lib" "$OUT/dist/"
else
  (cd "$ROOT" && mvn -q -B -o -DskipTests package -pl cli -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl cli -am >/dev/null)
  mkdir -p "$OUT/dist" && cp -r "$ROOT/cli/target/vigil.jar" "$ROOT/cli/target/lib" "$OUT/dist/"
fi
JOPTS=${VIGIL_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
VIGIL="exec java $JOPTS -cp '$OUT/dist/vigil.jar:$OUT/dist/lib/*' dev.vigil.cli.Main server --no-index --http-port -1 -f {config}"
# an ephemeral port per run: other benchmarks may be running on this machine
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for sc in "${SCENARIOS[@]}"; do
  for i in $(seq 1 "$RUNS"); do
    "$BENCH" -t "127.0.0.1:$(port)" -w "$OUT/rsyslog" -n "$COUNT" -j "$OUT/rsyslog.jsonl" "$sc" >/dev/null
    "$BENCH" -t "127.0.0.1:$(port)" -w "$OUT/vigil" -n "$COUNT" -c "$VIGIL" -j "$OUT/vigil.jsonl" "$sc" >/dev/null
  done
done
python3 - "$OUT" <<'PY'
import json, statistics, sys
out = sys.argv[1]
def load(name):
    rows = {}
    for line in open(f"{out}/{name}.jsonl"):
        r = json.loads(line)
        rows.setdefault(r["scenario"], []).append(r)
    return rows
rs, vg = load("rsyslog"), load("vigil")
print(f"{'scenario':10} {'server':8} {'median msg/s':>13} {'lost':>5} {'CPU s':>6} {'RSS MiB':>8}  runs")
for sc in rs:
    med = {}
    for name, rows in (("rsyslogd", rs[sc]), ("vigil", vg.get(sc, []))):
        if not rows:
            continue
        m = statistics.median(r["msgs_per_sec"] for r in rows)
        med[name] = m
        print(f"{sc:10} {name:8} {m:13.0f} {max(r['lost'] for r in rows):5d} "
              f"{statistics.median(r['server_cpu_seconds_during_run'] for r in rows):6.2f} "
              f"{statistics.median(r['server_peak_rss_kib'] for r in rows)/1024:8.1f}  "
              + " ".join(str(int(r['msgs_per_sec'])) for r in rows))
    if len(med) == 2:
        print(f"{sc:10} ratio vigil/rsyslogd = {med['vigil']/med['rsyslogd']:.2f}")
print(f"raw results: {out}/*.jsonl")
PY
