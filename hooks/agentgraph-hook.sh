#!/bin/sh
# AgentGraph hook for agent runtimes (Claude Code, Codex CLI, Gemini CLI, …).
#
# The runtime runs this for every hook event with the event's JSON payload on stdin. The hook
# appends that payload, with the time it was received, as one line to the event file:
#
#   {"agentgraph_received":"2026-11-24T00:15:02.123Z","agentgraph_host":"dev-laptop",<the payload's own members>}
#
# It must never harm the agent: it prints nothing, always exits 0, and finishes in bounded time
# whatever happens to the file. Each line reaches the file in a single write(2) on a descriptor
# opened with O_APPEND, so hooks running at once never interleave their lines.
#
# Environment:
#   AGENTGRAPH_EVENTS          event file (default ~/.local/state/agentgraph/events.jsonl)
#   AGENTGRAPH_RUNTIME         the runtime running the hook (claude-code, codex, gemini, …): written
#                              first on the line as "agentgraph_runtime"; unset writes no mark
#   AGENTGRAPH_HOOK_MAX_BYTES  payloads larger than this (default 1048576) are replaced by a small
#                              line that records the cut, the event name and the ids
#   AGENTGRAPH_HOOK_BYPASS=1   do nothing at all
#   AGENTGRAPH_HOST            the machine's name in the lines (default: $HOSTNAME, else the kernel's)
#   AGENTGRAPH_CONTROL=1       this is the synchronous PreToolUse hook of `hooks install --control`:
#                              after appending, it prints the deny answer the server left for the
#                              calling agent or session (docs/control.md); nothing found, it allows

[ "${AGENTGRAPH_HOOK_BYPASS:-}" = 1 ] && exit 0

# Nothing may reach the agent's terminal, not even a shell error about the file. Under control the
# agent reads a decision from stdout: it is kept as descriptor 3 for that one line.
[ "${AGENTGRAPH_CONTROL:-}" = 1 ] && exec 3>&1
exec >/dev/null 2>&1
# Events hold prompts and commands: a directory or file made here is private (0700 / 0600).
umask 077
# Lengths below count bytes, whatever the user's locale.
LC_ALL=C
export LC_ALL

events=${AGENTGRAPH_EVENTS:-${HOME:-.}/.local/state/agentgraph/events.jsonl}
max=${AGENTGRAPH_HOOK_MAX_BYTES:-1048576}
case $max in '' | *[!0-9]*) max=1048576 ;; esac

# The receive time, "YYYY-MM-DDTHH:MM:SS.mmmZ". The shell has no clock, and a `date` process
# would be most of the hook's cost, so on Linux the time is the boot's wall-clock time plus
# /proc/uptime, both read by the shell itself. The boot's time is learnt by one `date` per boot
# (and again after an hour, to follow clock adjustments) and kept in $clock, one short line
# "<boot id> <boot's epoch ms> <uptime in cs when learnt>"; a clock file from another boot, or
# one that does not read right, is learnt again. Without /proc (macOS, BSD) every event runs `date`.
case $events in */*) clock=${events%/*}/.agentgraph-clock ;; *) clock=.agentgraph-clock ;; esac
# Sets $cs to the centiseconds of an uptime "SECONDS.CC", or to "" when $1 is not one.
centis() {
  cs=
  case $1 in [0-9]*.[0-9][0-9]) ;; *) return ;; esac
  case ${1%.*} in *[!0-9]*) return ;; esac
  cs=$((${1%.*} * 100 + 1${1#*.} - 100)) # "1CC - 100": a leading 0 must not read as octal
}
now=
up=
boot=
{ read -r up _ </proc/uptime && read -r boot </proc/sys/kernel/random/boot_id; } 2>/dev/null
centis "$up"
upcs=$cs
case $boot in *[!0-9a-f-]* | '') upcs= ;; esac
if [ -n "$upcs" ]; then
  cboot='' cms='' cup=''
  [ -f "$clock" ] && read -r cboot cms cup _ <"$clock"
  case $cms$cup in *[!0-9]* | '') cboot= ;; esac
  if [ "$cboot" != "$boot" ] || [ $((upcs - cup)) -gt 360000 ] || [ $((upcs - cup)) -lt 0 ]; then
    ns=$(date -u +%s%N)
    up=
    read -r up _ </proc/uptime
    centis "$up"
    after=${cs:-$upcs}
    cms=
    case $ns in *[!0-9]* | '') ;; *) cms=$((${ns%??????} - (upcs + after) * 5)) ;; esac
    # The date was read between the two uptimes. Kept only when they are close (a busy machine
    # can take tens of ms to start date) and beside a real event file (not /dev/null, say).
    [ -n "$cms" ] && [ $((after - upcs)) -le 1 ] && [ -f "$events" ] \
      && printf '%s %s %s\n' "$boot" "$cms" "$upcs" >"$clock"
  fi
  if [ -n "$cms" ]; then
    # Epoch milliseconds to a civil UTC date (Howard Hinnant's civil_from_days).
    ms=$((cms + upcs * 10))
    z=$((ms / 86400000 + 719468))
    t=$((ms % 86400000))
    era=$((z / 146097))
    doe=$((z - era * 146097))
    yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
    doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100)))
    mp=$(((5 * doy + 2) / 153))
    d=$((doy - (153 * mp + 2) / 5 + 1))
    m=$((mp < 10 ? mp + 3 : mp - 9))
    y=$((yoe + era * 400 + (m <= 2)))
    h=$((t / 3600000 + 100)) mi=$((t / 60000 % 60 + 100)) sec=$((t / 1000 % 60 + 100)) frac=$((t % 1000 + 1000))
    m=$((m + 100)) d=$((d + 100))
    now=$y-${m#1}-${d#1}T${h#1}:${mi#1}:${sec#1}.${frac#1}Z
  fi
fi
if [ -z "$now" ]; then
  now=$(date -u +%Y-%m-%dT%H:%M:%S.%N)
  case $now in
    *.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) now=${now%??????}Z ;; # nanoseconds -> ms
    *.*) now=${now%.*}Z ;;                                                  # a date without %N
    *) now= ;;
  esac
fi

# The machine's name, so that a team's central AgentGraph can tell machines apart, without a new
# process: the installer's or user's AGENTGRAPH_HOST, else $HOSTNAME (bash sets it), else the
# kernel's (Linux). Only a plain host name goes into the line, unescaped; anything else is left out.
# shellcheck disable=SC3028 # HOSTNAME is not POSIX: an empty value where a shell does not set it.
host=${AGENTGRAPH_HOST:-${HOSTNAME:-}}
if [ -z "$host" ] && [ -r /proc/sys/kernel/hostname ]; then
  IFS= read -r host </proc/sys/kernel/hostname || :
fi
case $host in *[!A-Za-z0-9._-]*) host= ;; esac
[ ${#host} -le 253 ] || host=
meta=
[ -n "$now" ] && meta="\"agentgraph_received\":\"$now\""
[ -n "$host" ] && meta="${meta:+$meta,}\"agentgraph_host\":\"$host\""

# The payload is one JSON line; should it ever come pretty-printed, its line breaks are
# whitespace between tokens (JSON strings cannot hold raw newlines), so a space replaces them.
payload=
while IFS= read -r part || [ -n "$part" ]; do
  payload=${payload:+$payload }$part
  part=
done
size=${#payload}
[ "$size" -gt 0 ] || exit 0
body=${payload#"${payload%%[![:space:]]*}"}
[ -n "$body" ] || exit 0

# Sets $v to the string member $1 of $ends when it is a plain id-like value, else to "". In time
# linear in $ends: what comes before the member is found as a suffix pattern that ends in *, then
# removed as a literal; a "${ends#*…}" pattern would retry every prefix (quadratic in dash).
member() {
  v=${ends%%\""$1"\":\"*}
  if [ "$v" = "$ends" ]; then v=; return; fi
  v=${ends#"$v"\""$1"\":\"}
  v=${v%%\"*}
  case $v in *\\* | *[[:cntrl:]]*) v= ;; esac
  [ ${#v} -le 256 ] || v=
}

if [ "$size" -gt "$max" ] || [ "${body#\{}" = "$body" ]; then
  # Too big (or not an object): keep a small, valid line that says so. The event name and the
  # ids come first in a payload; tool_use_id may follow the large tool_input, so look at the
  # tail too. Only this rare path pays for the extra processes.
  ends=$(printf '%s' "$body" | { head -c 4096; echo; tail -c 2048; })
  if [ "$size" -gt "$max" ]; then why=too_large; else why=not_an_object; fi
  line="{\"agentgraph_received\":\"$now\"${host:+,\"agentgraph_host\":\"$host\"},\"agentgraph_cut\":{\"reason\":\"$why\",\"bytes\":$size,\"max_bytes\":$max}"
  for key in hook_event_name session_id cwd agent_id agent_type tool_name tool_use_id; do
    member "$key"
    [ -n "$v" ] && line="$line,\"$key\":\"$v\""
  done
  line="$line}"
elif [ -n "$meta" ]; then
  rest=${body#\{}
  case ${rest#"${rest%%[![:space:]]*}"} in
    '}'*) line="{$meta$rest" ;;
    *) line="{$meta,$rest" ;;
  esac
else
  line=$body
fi
# Which runtime wrote the line, when its name is a plain one (docs/events.md).
case ${AGENTGRAPH_RUNTIME:-} in
  '' | *[!a-z0-9-]*) ;;
  *) rest=${line#\{}
    case ${rest#"${rest%%[![:space:]]*}"} in '}'*) sep= ;; *) sep=, ;; esac
    line="{\"agentgraph_runtime\":\"$AGENTGRAPH_RUNTIME\"$sep$rest" ;;
esac
line="$line
"

case $events in */*) dir=${events%/*} ;; *) dir=. ;; esac
[ -d "${dir:-/}" ] || mkdir -p "$dir"

if [ ${#line} -le 4096 ]; then
  # Every shell's printf writes a line this short in one write(2).
  printf '%s' "$line" >>"$events"
else
  # bash and busybox printf split a long line into buffer-sized writes. dd reads the whole line
  # from a private regular file in one read(2) and appends it in one write(2).
  tmp=${dir:-}/.agentgraph-hook.$$
  if printf '%s' "$line" >"$tmp"; then
    dd if="$tmp" bs=$((${#line} + 65536)) >>"$events"
  fi
  rm -f "$tmp"
fi

# Control (docs/control.md): the server writes control/<session>/<agent>.stop for a stopped agent
# and control/<session>/<tool>.hold for each tool that spawns a sub-agent in a held session, each
# holding the one line of JSON to print. Only tests of files and a read: no process. The members
# are read before "tool_input" only, since a tool's input may hold any key (an "agent_id" too).
# Ids that are not plain (letters, digits, - and _) have no marker: the call runs (fails open).
if [ "${AGENTGRAPH_CONTROL:-}" = 1 ]; then
  [ "$size" -gt "$max" ] || ends=$body
  ends=${ends%%\"tool_input\":*}
  member hook_event_name
  if [ "$v" = PreToolUse ]; then
    member session_id
    sid=$v
    member agent_id
    aid=${v:-main}
    member tool_name
    tool=$v
    marker=
    case $sid in '' | *[!A-Za-z0-9_-]*) sid= ;; esac
    case $aid in *[!A-Za-z0-9_-]*) aid= ;; esac
    case $tool in '' | *[!A-Za-z0-9_-]*) tool= ;; esac
    if [ -n "$sid" ]; then
      if [ -n "$aid" ] && [ -f "$dir/control/$sid/$aid.stop" ]; then
        marker=$dir/control/$sid/$aid.stop
      elif [ -n "$tool" ] && [ -f "$dir/control/$sid/$tool.hold" ]; then
        marker=$dir/control/$sid/$tool.hold
      fi
    fi
    answer=
    [ -n "$marker" ] && IFS= read -r answer <"$marker"
    [ -n "$answer" ] && printf '%s\n' "$answer" >&3
  fi
fi
exit 0
