#!/usr/bin/env bash
# The agent's reading side, file -> durable queue, side by side with rsyslogd's imfile -> omfile on the same
# file (issue 7 point 6: the end-to-end figure, file -> server, is ship.sh's once both halves exist).
#   bench/agent/run.sh [LINES]     default 2,000,000 lines (~110 bytes); RUNS=3 runs each, alternating
# Vigil runs at -Xmx128m (the issue's budget). Prints per-run lines/s, CPU seconds (user+sys of the whole
# process, JIT and GC included) and peak RSS, then the medians and the ratio Vigil / rsyslogd.
# Output and data under bench/out/agent (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000000}
RUNS=${RUNS:-3}
OUT=$(realpath -m "${OUT:-bench/out/agent}")
mkdir -p "$OUT"

mvn -B -q -o -pl agent -am compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
# a private copy of the classes: other builds of the tree must not change them under a long run
rm -rf "$OUT/agent-classes" "$OUT/core-classes"
cp -r agent/target/classes "$OUT/agent-classes"
cp -r core/target/classes "$OUT/core-classes"
CP="$OUT/agent-classes:$OUT/core-classes:$(cat "$OUT/cp.txt")"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" bench/agent/FileQueueBench.java
RUN=(java -Xmx128m -cp "$OUT/classes:$CP" FileQueueBench)

LOG="$OUT/lines-$N.log"
[ -s "$LOG" ] || "${RUN[@]}" gen "$LOG" "$N"
SIZE=$(stat -c %s "$LOG")
echo "file $LOG: $N lines, $SIZE bytes; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

rsyslog_run() {
  local w="$OUT/rsyslog"
  rm -rf "$w" && mkdir -p "$w/work"
  cat > "$w/rsyslog.conf" <<CONF
global(workDirectory="$w/work")
module(load="imfile")
template(name="raw" type="string" string="%msg%\n")
ruleset(name="bench") { action(type="omfile" file="$w/out.log" template="raw") }
input(type="imfile" file="$LOG" tag="bench" ruleset="bench")
CONF
  local t0 pid ticks cpu secs
  t0=$(date +%s.%N)
  rsyslogd -n -f "$w/rsyslog.conf" -i "$w/pid" &
  pid=$!
  while [ "$(stat -c %s "$w/out.log" 2>/dev/null || echo 0)" -lt "$SIZE" ]; do sleep 0.02; done
  secs=$(python3 -c "import time; print(time.time() - $t0)")
  ticks=$(awk '{print $14+$15}' "/proc/$pid/stat")
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  cpu=$(python3 -c "print($ticks / $(getconf CLK_TCK))")
  python3 -c "print(f'rsyslogd lines=$N seconds={$secs:.3f} lines_per_s={$N/$secs:.0f} cpu_s={$cpu:.2f} cpu_us_per_line={$cpu*1e6/$N:.2f} rss_peak_mib={$rss/1024:.1f}')"
}

command -v rsyslogd >/dev/null || echo "rsyslogd: not installed (apt-get install rsyslog): Vigil alone"
: > "$OUT/results.txt"
for i in $(seq "$RUNS"); do
  rm -rf "$OUT/queue"
  "${RUN[@]}" agent "$LOG" "$OUT/queue" "$N" | tee -a "$OUT/results.txt"
  command -v rsyslogd >/dev/null && rsyslog_run | tee -a "$OUT/results.txt"
done
python3 - "$OUT/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who = line.split()[0]
    rows.setdefault(who, []).append({k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)})
med = {}
for who, rs in rows.items():
    med[who] = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
    m = med[who]
    print(f"{who:9} median lines/s {m['lines_per_s']:10.0f}  CPU s {m['cpu_s']:6.2f}  CPU us/line {m['cpu_us_per_line']:5.2f}"
          f"  peak RSS MiB {m['rss_peak_mib']:6.1f}" + (f"  heap max {m['heap_max_mib']:.0f} MiB, {m['allocated_bytes_per_line']:.0f} bytes allocated/line, {m['gc_count']:.0f} GCs" if 'heap_max_mib' in m else ""))
if "agent" in med and "rsyslogd" in med:
    a, r = med["agent"], med["rsyslogd"]
    print(f"ratio Vigil/rsyslogd: lines/s {a['lines_per_s']/r['lines_per_s']:.2f}, CPU per line {a['cpu_us_per_line']/r['cpu_us_per_line']:.2f}")
PY
