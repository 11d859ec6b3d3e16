#!/bin/sh
# Startup benchmark: the time from running bin/agentgraph to GET /health answering 200.
# Usage: dist/bench/startup.sh [RUNS] [INSTALLATION]   (defaults: 10, dist/target/agentgraph-0.1.0)
# Needs curl. Prints each run in milliseconds, then the median and the maximum (target: 1500 ms).
set -eu

runs=${1:-10}
here=$(cd -- "$(dirname -- "$0")" && pwd)
install=${2:-$here/../target/agentgraph-0.1.0}
launcher=$install/bin/agentgraph
[ -x "$launcher" ] || { echo "no $launcher: build it first (mvn -q -DskipTests install)" >&2; exit 1; }
command -v curl >/dev/null || { echo "startup.sh needs curl" >&2; exit 1; }

port=${AGENTGRAPH_BENCH_PORT:-18201}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Milliseconds since the epoch (GNU date).
now_ms() { date +%s%3N; }

times=
cpus=
i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  start=$(now_ms)
  "$launcher" --port "$port" --events "$tmp/events.jsonl" >"$tmp/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bin/agentgraph exited early:" >&2
      cat "$tmp/run.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  end=$(now_ms)
  cpu=
  if [ -r "/proc/$pid/stat" ]; then
    # CPU time the JVM used until ready (user + system), which a busy machine does not inflate.
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    cpu=$((ticks * 1000 / $(getconf CLK_TCK)))
    cpus="$cpus $cpu"
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  ms=$((end - start))
  echo "run $i: $ms ms${cpu:+ (JVM CPU time $cpu ms)}"
  times="$times $ms"
done

# Median and maximum of a list of numbers.
summary() {
  # shellcheck disable=SC2086 # one number per word
  printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); print "median " m " ms, max " a[NR] " ms"}'
}
echo "startup to /health 200 over $runs runs: $(summary "$times") (target 1500 ms)"
[ -z "$cpus" ] || echo "JVM CPU time until ready: $(summary "$cpus")"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
