#!/bin/sh
# Pipeline benchmark: a separate process appends events to a real file at a steady rate; AgentGraph
# (jsonl-tail, alive-agents, tool-aggregator, websocket) serves them; a real WebSocket client
# measures write-to-frame latency (p50, p99, max) at 1,000 events/s, sustained end-to-end
# throughput over 1,000,000 events, and heap used after GC every 100,000 events. Where websocketd
# is installed, the same load through `tail -F FILE | websocketd` is measured as the floor.
#
# Usage: dist/bench/pipeline-latency.sh   (from anywhere; needs the upstream modules in ~/.m2)
# Tunables (environment): LATENCY_RATE (1000), LATENCY_SECONDS (10), EVENTS (1000000),
# THROUGHPUT_RATE (50000), MVN_OFFLINE (-o; set empty to allow downloads).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
LATENCY_RATE=${LATENCY_RATE:-1000}
LATENCY_SECONDS=${LATENCY_SECONDS:-10}
EVENTS=${EVENTS:-1000000}
THROUGHPUT_RATE=${THROUGHPUT_RATE:-50000}
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (plugins/websocket test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl plugins/websocket test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="plugins/websocket/target/test-classes:plugins/websocket/target/classes:$(cat plugins/websocket/target/bench.classpath)"
JAVA_OPTS="-Xms256m -Xmx1g -XX:+UseG1GC -Dbench.latency.rate=$LATENCY_RATE -Dbench.latency.seconds=$LATENCY_SECONDS
    -Dbench.throughput.events=$EVENTS -Dbench.throughput.rate=$THROUGHPUT_RATE"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java $JAVA_OPTS -Dorg.eclipse.jetty.LEVEL=WARN -cp "$CP" dev.agentgraph.plugins.websocket.bench.PipelineBench 2>&1 \
    | grep -E '^(agentgraph|the server)'

if command -v websocketd >/dev/null 2>&1; then
    DIR=$(mktemp -d)
    FILE="$DIR/agent-events.jsonl"
    : > "$FILE"
    PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 ))
    websocketd --address=127.0.0.1 --port="$PORT" --loglevel=error tail -n0 -F "$FILE" &
    WSD=$!
    trap 'kill $WSD 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
    sleep 1 # websocketd listens at once; tail starts per connection
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$CP" dev.agentgraph.plugins.websocket.bench.PipelineBench --external "ws://127.0.0.1:$PORT/" "$FILE" 2>&1 \
        | grep -E '^(tail|the server)'
else
    echo "websocketd is not installed (apt-get install -y websocketd): no floor measured"
fi
