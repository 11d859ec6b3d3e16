#!/bin/sh
# Benchmarks what control (docs/control.md) costs a tool call in file mode: the synchronous
# PreToolUse hook of `hooks install --control` (AGENTGRAPH_CONTROL=1) with a typical 2 KiB
# PreToolUse payload from a sub-agent, beside `sh -c true` (the floor) and the hook without
# control, when it finds no decision (the call runs) and when it finds the agent stopped (it
# prints the deny answer). One hyperfine run; medians and the ratio to the floor.
#
# Usage: dist/bench/control-bench.sh [path/to/agentgraph-hook.sh]   (needs hyperfine)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
hook=${1:-$here/../../hooks/agentgraph-hook.sh}
[ -f "$hook" ] || hook=$here/../hooks/agentgraph-hook.sh
[ -f "$hook" ] || { echo "control-bench: no hook script at $hook" >&2; exit 2; }
hook=$(cd "$(dirname "$hook")" && pwd)/$(basename "$hook")
command -v hyperfine >/dev/null || { echo "control-bench: hyperfine is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
session=52e6b438-f2a7-4269-8651-0c5ca6a3a450
agent=a947ccf25ec84d8db
head='{"session_id":"'$session'","transcript_path":"/home/dev/.claude/projects/-home-dev-myrepo/'$session'.jsonl","cwd":"/home/dev/myrepo","permission_mode":"default","agent_id":"'$agent'","agent_type":"general-purpose","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"npm test '
tail='","description":"Run the tests"},"tool_use_id":"toolu_01qPhukd0WfofZVR1Mv0RFnV"}'
pad=$((2048 - ${#head} - ${#tail}))
payload=$work/payload.json
{ printf '%s' "$head"; i=0; while [ $i -lt $pad ]; do printf 'x'; i=$((i + 1)); done; printf '%s\n' "$tail"; } >"$payload"

# Two event files: beside one the server has stopped the agent (a marker as ControlMarkers writes it).
mkdir -p "$work/allow" "$work/deny/control/$session"
printf '%s\n' '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"AgentGraph: the user stopped this agent."}}' \
  >"$work/deny/control/$session/$agent.stop"
for d in allow deny; do # learn the boot's time once, as a running machine has
  AGENTGRAPH_EVENTS=$work/$d/events.jsonl sh "$hook" <"$payload"
  AGENTGRAPH_EVENTS=$work/$d/events.jsonl sh "$hook" <"$payload"
done
out=$(AGENTGRAPH_CONTROL=1 AGENTGRAPH_EVENTS=$work/deny/events.jsonl sh "$hook" <"$payload")
case $out in *'"permissionDecision":"deny"'*) ;; *) echo "control-bench: the hook did not deny: $out" >&2; exit 1 ;; esac
[ -z "$(AGENTGRAPH_CONTROL=1 AGENTGRAPH_EVENTS=$work/allow/events.jsonl sh "$hook" <"$payload")" ] \
  || { echo "control-bench: the hook printed something with no decision" >&2; exit 1; }
echo "hook:    $hook"
echo "payload: $(wc -c <"$payload" | tr -d ' ') bytes (a sub-agent's PreToolUse of Bash)"

# hyperfine 1.15 cannot feed stdin without a shell: every command runs behind the same exec'ing
# wrapper, whose cost cancels out (command = wrapped command - wrapped floor + floor).
w() { echo "sh -c 'exec $1 <$payload'"; }
hyperfine -N --warmup 20 --min-runs 300 --export-json "$work/r.json" \
  'sh -c true' \
  "$(w "sh -c true")" \
  "$(w "env AGENTGRAPH_EVENTS=$work/allow/events.jsonl sh $hook")" \
  "$(w "env AGENTGRAPH_CONTROL=1 AGENTGRAPH_EVENTS=$work/allow/events.jsonl sh $hook")" \
  "$(w "env AGENTGRAPH_CONTROL=1 AGENTGRAPH_EVENTS=$work/deny/events.jsonl sh $hook")" >/dev/null
sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$work/r.json" | awk '
  NR == 1 { f = $1 } NR == 2 { w = $1 }
  NR >= 3 { h[NR] = $1 - w + f }
  END {
    printf "median sh -c true:                   %.2f ms\n", f * 1000
    printf "median hook, no control:             %.2f ms (%.2fx)\n", h[3] * 1000, h[3] / f
    printf "median hook, control, no decision:   %.2f ms (%.2fx)\n", h[4] * 1000, h[4] / f
    printf "median hook, control, agent stopped: %.2f ms (%.2fx)\n", h[5] * 1000, h[5] / f
    printf "control check itself:                %.2f ms\n", (h[4] - h[3]) * 1000
  }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
