#!/bin/sh
# OTLP spans a second into the otlp receiver (decoded into canonical events, through alive-agents
# and the WebSocket sink) beside a floor: a bare Jetty endpoint that only parses the protobuf.
# Usage: dist/bench/otlp-receiver.sh [requests] [client threads]   (default 2000 requests of 100 spans, 2 threads)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (plugins/otlp test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl plugins/otlp -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="plugins/otlp/target/test-classes:plugins/otlp/target/classes:$(cat plugins/otlp/target/bench.classpath)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx1g -cp "$CP" dev.agentgraph.plugins.otlp.OtlpThroughput "${1:-2000}" "${2:-2}"
