#!/bin/sh
# Benchmarks the Claude Code hook: median time per invocation with a typical 2 KiB payload,
# beside `sh -c true` (the floor: starting a shell at all), in one hyperfine run.
# Target: the hook's median at most 3x the floor's on Linux, where /proc gives the time without a
# `date` process. Where `unshare -rm` works, the same run also measures the hook with /proc
# hidden: the fallback (one `date` per event) that macOS and the BSDs take.
#
# Usage: dist/bench/hook-bench.sh [path/to/agentgraph-hook.sh]   (needs hyperfine)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
hook=${1:-$here/../../hooks/agentgraph-hook.sh}
[ -f "$hook" ] || hook=$here/../hooks/agentgraph-hook.sh
[ -f "$hook" ] || { echo "hook-bench: no hook script at $hook" >&2; exit 2; }
hook=$(cd "$(dirname "$hook")" && pwd)/$(basename "$hook")
command -v hyperfine >/dev/null || { echo "hook-bench: hyperfine is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
events=$work/agent-events.jsonl
payload=$work/payload.json

# A typical PostToolUse of Bash from inside a sub-agent, padded to 2048 bytes.
head='{"session_id":"52e6b438-f2a7-4269-8651-0c5ca6a3a450","transcript_path":"/home/dev/.claude/projects/-home-dev-myrepo/52e6b438-f2a7-4269-8651-0c5ca6a3a450.jsonl","cwd":"/home/dev/myrepo","permission_mode":"default","agent_id":"a947ccf25ec84d8db","agent_type":"general-purpose","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"npm test","description":"Run the tests"},"tool_use_id":"toolu_01qPhukd0WfofZVR1Mv0RFnV","tool_response":{"stdout":"'
tail='","stderr":"","interrupted":false,"isImage":false},"duration_ms":2153}'
pad=$((2048 - ${#head} - ${#tail}))
{ printf '%s' "$head"; i=0; while [ $i -lt $pad ]; do printf 'x'; i=$((i + 1)); done; printf '%s\n' "$tail"; } >"$payload"
echo "hook:    $hook"
echo "payload: $(wc -c <"$payload" | tr -d ' ') bytes (one line, as Claude Code sends it)"

# Processes the hook starts for this payload (execve calls after the shell's own), once it has
# learnt the boot's time (the first two events of a boot run `date`).
AGENTGRAPH_EVENTS=$events sh "$hook" <"$payload"
AGENTGRAPH_EVENTS=$events sh "$hook" <"$payload"
if command -v strace >/dev/null 2>&1; then
  AGENTGRAPH_EVENTS=$events strace -f -e trace=execve -o "$work/trace" sh "$hook" <"$payload"
  n=$(grep -c 'execve(' "$work/trace")
  echo "processes: $((n - 1)) besides the shell itself: $(grep -o 'execve("[^"]*"' "$work/trace" | sed 's/execve("//;s/"$//' | tail -n +2 | tr '\n' ' ')"
fi

# Mean CPU time (user + system) of each command, one a line: steadier than wall time on a busy machine.
cpus() {
  tr ',' '\n' <"$work/r.json" | sed -n 's/.*"\(user\|system\)": *\([0-9.eE+-]*\).*/\2/p' | awk 'NR % 2 == 1 { u = $1 } NR % 2 == 0 { print u + $1 }'
}

export AGENTGRAPH_EVENTS="$events"
if hyperfine --help 2>&1 | grep -q -- '--input'; then
  hyperfine -N --warmup 20 --min-runs 300 --input "$payload" --export-json "$work/r.json" \
    'sh -c true' "sh $hook"
  medians=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$work/r.json")
  floor=$(echo "$medians" | sed -n 1p)
  hooked=$(echo "$medians" | sed -n 2p)
  cpu=$(cpus | awk 'NR == 1 { f = $1 } NR == 2 { printf "%s %s", f, $1 }')
else
  # hyperfine < 1.16 cannot feed stdin without a shell. Both the hook and a do-nothing shell run
  # behind the same exec'ing wrapper, whose cost cancels out: hook = wrapped hook - wrapped
  # floor + floor.
  hyperfine -N --warmup 20 --min-runs 300 --export-json "$work/r.json" \
    'sh -c true' \
    "sh -c 'exec sh -c true <$payload'" \
    "sh -c 'exec sh $hook <$payload'"
  medians=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$work/r.json")
  floor=$(echo "$medians" | sed -n 1p)
  hooked=$(echo "$medians" | awk -v f="$floor" 'NR == 2 { w = $1 } NR == 3 { print $1 - w + f }')
  cpu=$(cpus | awk 'NR == 1 { f = $1 } NR == 2 { w = $1 } NR == 3 { printf "%s %s", f, $1 - w + f }')
fi

awk -v f="$floor" -v h="$hooked" -v cpu="$cpu" 'BEGIN {
  split(cpu, c, " ")
  printf "median sh -c true: %.2f ms\nmedian hook:       %.2f ms\nratio:             %.2fx (target <= 3x)\n", f * 1000, h * 1000, h / f
  printf "cpu (user+sys) sh -c true: %.2f ms, hook: %.2f ms, ratio %.2fx\n", c[1] * 1000, c[2] * 1000, c[2] / c[1]
}'

# The fallback without /proc, each command in a mount namespace whose /proc is an empty tmpfs.
noproc() { echo "unshare -rm sh -c 'mount -t tmpfs none /proc && exec sh $1 <$payload'"; }
if unshare -rm sh -c 'mount -t tmpfs none /proc && [ ! -e /proc/uptime ]' 2>/dev/null; then
  hyperfine -N --warmup 20 --min-runs 200 --export-json "$work/n.json" \
    "$(noproc "-c true")" "$(noproc "$hook")" >/dev/null
  sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$work/n.json" | awk -v f="$floor" '
    NR == 1 { w = $1 } NR == 2 { h = $1 - w + f
      printf "without /proc (the macOS path, one date per event): median hook %.2f ms, ratio %.2fx\n", h * 1000, h / f }'
else
  echo "unshare -rm is not allowed here: the fallback without /proc is not measured"
fi
echo "lines written: $(wc -l <"$events" | tr -d ' ')"
