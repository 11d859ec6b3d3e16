#!/bin/sh
# The otlp-export sink's cost per event on its own thread, and how many of its spans reach a local
# OTLP endpoint through the SDK's bounded batch queue.
# Usage: dist/bench/otlp-export.sh [sessions] [paced events/s]   (default 2000 sessions of 10 agents with 9 tool calls
# each as fast as the sink takes them, then a quarter of that at 10,000 events/s)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (plugins/otlp-export test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl plugins/otlp-export -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="plugins/otlp-export/target/test-classes:plugins/otlp-export/target/classes:$(cat plugins/otlp-export/target/bench.classpath)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx1g -cp "$CP" dev.agentgraph.plugins.otlpexport.ExportCost "${1:-2000}" "${2:-10000}"
