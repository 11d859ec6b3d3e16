#!/bin/sh
# Startup benchmark: the time from running bin/agentgraph to GET /health answering 200, beside
# its floor measured in the same run: a bare JVM starting a bare Jetty (BareJetty.java, compiled
# here against the installation's jars) until it answers 200. Runs alternate between the two.
# Usage: dist/bench/startup.sh [RUNS] [INSTALLATION]   (defaults: 10, dist/target/agentgraph-0.1.0)
# Needs curl and a JDK (javac). Prints each run in milliseconds, then the medians, the maximum and
# the ratio (target: 500 ms).
set -eu

runs=${1:-10}
here=$(cd -- "$(dirname -- "$0")" && pwd)
install=${2:-$here/../target/agentgraph-0.1.0}
launcher=$install/bin/agentgraph
[ -x "$launcher" ] || { echo "no $launcher: build it first (mvn -q -DskipTests install)" >&2; exit 1; }
command -v curl >/dev/null || { echo "startup.sh needs curl" >&2; exit 1; }

port=${AGENTGRAPH_BENCH_PORT:-18201}
tmp=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# Milliseconds since the epoch (GNU date).
now_ms() { date +%s%3N; }

javac -proc:none -d "$tmp/floor" -cp "$install/lib/*" "$here/BareJetty.java"
java=java
[ -z "${JAVA_HOME:-}" ] || java=$JAVA_HOME/bin/java

# Starts "$@"; sets $took to the milliseconds until /health answers 200 and $pid to its process.
time_to_health() {
  start=$(now_ms)
  "$@" >"$tmp/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$1 exited early:" >&2
      cat "$tmp/run.log" >&2
      exit 1
    fi
    sleep 0.005
  done
  took=$(($(now_ms) - start))
}

# The floor gets a class-data archive of its own, as the launcher records one: one untimed run
# records it.
floor_jvm="$java -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
# shellcheck disable=SC2086 # $floor_jvm is words
time_to_health $floor_jvm -XX:ArchiveClassesAtExit="$tmp/floor.jsa" -cp "$tmp/floor:$install/lib/*" BareJetty "$port"
kill -TERM "$pid"
wait "$pid" || true
# bin/agentgraph records its own archive on its first run: an untimed run too.
time_to_health "$launcher" --port "$port" --events "$tmp/events.jsonl"
kill -TERM "$pid"
wait "$pid" || true

times=
cpus=
floors=
i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # $floor_jvm is words
  time_to_health $floor_jvm -XX:SharedArchiveFile="$tmp/floor.jsa" -cp "$tmp/floor:$install/lib/*" BareJetty "$port"
  floor=$took
  kill -TERM "$pid"
  wait "$pid" || true
  floors="$floors $floor"
  time_to_health "$launcher" --port "$port" --events "$tmp/events.jsonl"
  ms=$took
  cpu=
  if [ -r "/proc/$pid/stat" ]; then
    # CPU time the JVM used until ready (user + system), which a busy machine does not inflate.
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    cpu=$((ticks * 1000 / $(getconf CLK_TCK)))
    cpus="$cpus $cpu"
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  echo "run $i: $ms ms${cpu:+ (JVM CPU time $cpu ms)}; bare JVM + Jetty: $floor ms"
  times="$times $ms"
done

# Median and maximum of a list of numbers.
summary() {
  # shellcheck disable=SC2086 # one number per word
  printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); print "median " m " ms, max " a[NR] " ms"}'
}
median() {
  # shellcheck disable=SC2086 # one number per word
  printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}
echo "startup to /health 200 over $runs runs: $(summary "$times") (target 500 ms)"
echo "bare JVM + Jetty (the floor), same runs: $(summary "$floors")"
echo "ratio of the medians: $(awk -v a="$(median "$times")" -v b="$(median "$floors")" 'BEGIN {printf "%.2f", a / b}')"
[ -z "$cpus" ] || echo "JVM CPU time until ready: $(summary "$cpus")"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
