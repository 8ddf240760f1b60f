#!/bin/sh
# SPL search benchmark: Vigil (SPL over the Lucene index, -Xmx1g) against grep/awk/sort over the same raw file.
# usage: bench/search/run.sh [EVENTS] [WORKDIR] [RUNS]   (defaults: 10000000 /tmp/vigil-bench-search 3)
# Reuses WORKDIR/events.txt and WORKDIR/data when present; delete WORKDIR to start over.
set -eu
N=${1:-10000000}
W=${2:-/tmp/vigil-bench-search}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -f cli/target/vigil.jar ] || mvn -B -q -o -pl cli -am package -DskipTests
mkdir -p "$W/lib"
# a private copy of the class path: other builds may rewrite cli/target while this runs
cp cli/target/vigil.jar cli/target/lib/*.jar "$W/lib/"
cp bench/search/SearchBench.java "$W/"
bench() { java -Xmx1g -cp "$W/lib/*" "$W/SearchBench.java" "$@"; }
if [ ! -f "$W/events.txt" ]; then
  echo "generating $N events into $W/events.txt"
  bench gen "$W/events.txt" "$N"
fi
if [ ! -d "$W/data" ]; then
  bench ingest "$W/events.txt" "$W/data"
fi
echo "file: $(du -h "$W/events.txt" | cut -f1)  index: $(du -sh "$W/data" | cut -f1)  events: $(wc -l < "$W/events.txt")"

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peer() { # name, command
  name=$1; shift
  : > "$W/t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    t=$(ms); sh -c "$*" > "$W/peer.out"; echo $(( $(ms) - t )) >> "$W/t"; i=$((i+1))
  done
  m=$(median < "$W/t")
  echo "$m" >> "$W/peer.medians"
  echo "peer	$name	median_ms=$m	runs=$(tr '\n' ' ' < "$W/t")"
}
: > "$W/peer.medians"
F="$W/events.txt"
export LC_ALL=C
peer "grep rare term" "grep -c qzxv7rareterm $F"
peer "awk stats count by host" "awk '{c[\$2]++} END {for (h in c) print h, c[h]}' $F | sort"
peer "awk timechart span=1h count by sourcetype" "awk '{c[int(\$1/3600)*3600 \" \" \$3]++} END {for (k in c) print k, c[k]}' $F | sort"
peer "awk top 10 src" "awk '{for (i=4;i<=NF;i++) if (substr(\$i,1,4)==\"src=\") {c[substr(\$i,5)]++; break}} END {for (k in c) print c[k], k}' $F | sort -rn | head -10"
bench query "$W/data" "$RUNS" | tee "$W/vigil.out"
# ratios, query by query in the order above: how many times faster Vigil's median is than the peer's
grep '^vigil' "$W/vigil.out" | sed 's/.*median_ms=\([0-9]*\).*/\1/' | paste "$W/peer.medians" - |
  awk -F'\t' 'BEGIN {split("rare-term/grep stats-by-host/awk timechart-by-sourcetype/awk top-10-src/awk", n, " ")}
       {v = ($2 == 0 ? 1 : $2); printf "ratio\t%s\tpeer_ms=%s\tvigil_ms=%s\tspeedup=%.1fx\n", n[NR], $1, $2, $1 / v}'
