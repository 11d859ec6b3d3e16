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
  kill -TERM "$pid"
  wait "$pid" || true
  ms=$((end - start))
  echo "run $i: $ms ms"
  times="$times $ms"
done

# shellcheck disable=SC2086 # one number per word
sorted=$(printf '%s\n' $times | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}')
max=$(printf '%s\n' "$sorted" | tail -n 1)
echo "startup to /health 200 over $runs runs: median $median ms, max $max ms (target 1500 ms)"
