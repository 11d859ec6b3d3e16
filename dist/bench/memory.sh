#!/bin/sh
# Memory benchmark: bin/agentgraph (the launcher's heap limit and collector, unless JAVA_OPTS
# overrides them) reads EVENTS events (1,000,000) appended to its event file at about 50,000/s
# while a WebSocket client (websocat-free: curl keeps the upgrade open) is connected; every
# 100,000 events it prints the process's RSS and the heap used after a full GC (jcmd), then the
# RSS after IDLE seconds (90) of quiet, when the collector should have given memory back.
#
# Usage: dist/bench/memory.sh [INSTALLATION]   (default dist/target/agentgraph-0.1.0; needs jcmd, curl)
# Tunables (environment): EVENTS (1000000), IDLE (90 seconds), JAVA_OPTS (passed to the launcher).
set -eu
here=$(cd -- "$(dirname -- "$0")" && pwd)
install=${1:-$here/../target/agentgraph-0.1.0}
events=${EVENTS:-1000000}
idle=${IDLE:-90}
port=${AGENTGRAPH_BENCH_PORT:-18202}
tmp=$(mktemp -d)
pid=
ws=
# The server is waited for at the end: a run right after this one must not find it still there.
trap '[ -z "$ws" ] || kill "$ws" 2>/dev/null; [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid"; }; rm -rf "$tmp"' EXIT
file=$tmp/agent-events.jsonl
: >"$file"
if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
  echo "something already answers on port $port: stop it, or set AGENTGRAPH_BENCH_PORT" >&2
  exit 1
fi

"$install/bin/agentgraph" --port "$port" --events "$file" >"$tmp/run.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.05; done
# A client on the stream, reading (and discarding) every frame.
curl -s -N --http1.1 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
  -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "http://127.0.0.1:$port/stream" >/dev/null &
ws=$!

rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status"; }
heap() {
  jcmd "$pid" GC.run >/dev/null
  # The used of each generation (serial) or of the whole heap (G1), summed, in MiB.
  jcmd "$pid" GC.heap_info | awk '/generation|-first heap/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub("K.*", "", v); t += v } }
    END { printf "%.1f", t / 1024 }'
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM: $(tr '\0' ' ' <"/proc/$pid/cmdline" | sed 's/ -cp .*//')"
echo "after start: RSS $(rss) MB, heap after GC $(heap) MiB"
written=0
while [ "$written" -lt "$events" ]; do
  # 10,000 events each 0.2 s: tool calls of 50 agents that come and go.
  awk -v from="$written" 'BEGIN {
    for (n = from; n < from + 10000; n++) {
      a = "a" int(n / 200) % 50
      if (n % 200 == 0) printf "{\"event\":\"agent_spawn\",\"session_id\":\"s%d\",\"id\":\"%s\",\"subagent_type\":\"Explore\"}\n", n % 7, a
      else if (n % 200 == 199) printf "{\"event\":\"agent_done\",\"session_id\":\"s%d\",\"id\":\"%s\",\"outcome\":\"success\"}\n", n % 7, a
      else printf "{\"event\":\"tool_use\",\"session_id\":\"s%d\",\"agent_id\":\"%s\",\"tool\":\"Bash\",\"tool_use_id\":\"t%d\",\"summary\":\"npm test --filter case-%d\"}\n", n % 7, a, n, n
    }
  }' >>"$file"
  written=$((written + 10000))
  sleep 0.2
  if [ $((written % 100000)) -eq 0 ]; then
    echo "after $written events: RSS $(rss) MB, heap after GC $(heap) MiB"
  fi
done
sleep "$idle"
echo "after $idle s idle: RSS $(rss) MB (no GC forced)"
[ -z "${NMT:-}" ] || { jcmd "$pid" VM.native_memory summary | grep -E "^-|Total"; grep -E "Rss|Anonymous|Shared|Private" "/proc/$pid/smaps_rollup"; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
