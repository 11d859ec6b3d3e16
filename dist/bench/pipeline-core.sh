#!/bin/sh
# The core pipeline alone, without files or sockets: events a second from one emitting thread
# through three pass-through reducers into two counting sinks, and the time to take a snapshot.
# Usage: dist/bench/pipeline-core.sh [events]   (default 1,000,000)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (core/runtime test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl core/runtime test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="core/runtime/target/test-classes:core/runtime/target/classes:$(cat core/runtime/target/bench.classpath)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx1g -cp "$CP" dev.agentgraph.runtime.PipelineThroughput "${1:-1000000}"
