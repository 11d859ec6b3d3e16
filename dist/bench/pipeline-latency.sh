#!/bin/sh
# Pipeline benchmark: a separate process appends events to a real file at a steady rate; AgentGraph
# (bin/agentgraph of the built distribution, or in this JVM jsonl-tail, alive-agents,
# tool-aggregator and websocket alone) serves them; real WebSocket clients measure write-to-frame
# latency (p50, p99, max) at 1,000 events/s, one client's end-to-end throughput over 1,000,000
# events offered at 150,000/s, ten clients at 20,000 events/s each, and the server's CPU (or, in
# this JVM, heap used after GC every 100,000 events). The same load through `tail -F FILE | websocketd`
# (apt-get install websocketd) is measured first in the same run as the floor; the last table
# prints both and the ratio.
#
# Usage: dist/bench/pipeline-latency.sh   (from anywhere; needs the upstream modules built)
# Tunables (environment): LATENCY_RATE (1000), LATENCY_SECONDS (10), WARMUP_SECONDS (15: at the
# latency rate, after a 100,000-event burst, before the latency is measured), EVENTS (1000000),
# THROUGHPUT_RATE (150000), FANOUT_CLIENTS (10), FANOUT_RATE (20000), INSTALL (the unpacked
# distribution to run, dist/target/agentgraph-0.1.0; empty runs AgentGraph in this JVM),
# AGENTGRAPH_ARGS (more arguments for its bin/agentgraph, such as --set plugin.codex.enabled=false;
# JAVA_OPTS reaches its JVM too), MVN_OFFLINE (-o; empty allows downloads).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (plugins/websocket test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl plugins/websocket -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="plugins/websocket/target/test-classes:plugins/websocket/target/classes:$(cat plugins/websocket/target/bench.classpath)"

# AgentGraph as users run it (bin/agentgraph, its JVM flags, every default plugin, a process of its
# own like websocketd) when the distribution is built; with INSTALL= (empty), inside this
# benchmark's JVM with the four components of the path alone, as the figures before 2026-12-02.
install=${INSTALL-$ROOT/dist/target/agentgraph-0.1.0}
bench_install=
if [ -n "$install" ] && [ -x "$install/bin/agentgraph" ]; then
  bench_install=-Dbench.install=$install
elif [ -n "$install" ]; then
  echo "no distribution at $install (mvn -q -DskipTests install): AgentGraph runs inside this JVM instead"
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx1g -XX:+UseG1GC -Dorg.eclipse.jetty.LEVEL=WARN ${bench_install:+"$bench_install"} \
    -Dbench.latency.rate="${LATENCY_RATE:-1000}" -Dbench.latency.seconds="${LATENCY_SECONDS:-10}" \
    -Dbench.latency.warm-up-seconds="${WARMUP_SECONDS:-15}" -Dbench.install.args="${AGENTGRAPH_ARGS:-}" \
    -Dbench.throughput.events="${EVENTS:-1000000}" -Dbench.throughput.rate="${THROUGHPUT_RATE:-150000}" \
    -Dbench.fanout.clients="${FANOUT_CLIENTS:-10}" -Dbench.fanout.rate="${FANOUT_RATE:-20000}" \
    -cp "$CP" dev.agentgraph.plugins.websocket.bench.PipelineBench 2>&1 | grep -vE '^(SLF4J|\[)' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
