#!/bin/sh
# http-ingest benchmark: 20 concurrent posters (java.net.http, one connection each) send typical
# 2 KiB PostToolUse payloads to POST /ingest/claude-code of a real AgentGraph (default pipeline,
# with the append to the event file), paced at 20 sessions x 10 events/s and then closed-loop; the
# same loads against a minimal Jetty endpoint that reads the body and answers 204 are the floor,
# measured first in the same run. Prints p50/p99/max beside the floor and the ratio.
#
# Usage: dist/bench/ingest-latency.sh   (from anywhere; about 1 minute)
# Tunables (environment): POSTERS (20), RATE (10 per poster per second), DURATION (10 seconds),
# MVN_OFFLINE (-o; empty allows downloads).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OFFLINE=${MVN_OFFLINE--o}

echo "building the benchmark (plugins/http-ingest test classes)..."
mvn -q ${MVN_OFFLINE:+"$MVN_OFFLINE"} -pl plugins/http-ingest -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="plugins/http-ingest/target/test-classes:plugins/http-ingest/target/classes:$(cat plugins/http-ingest/target/bench.classpath)"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx512m -Dorg.eclipse.jetty.LEVEL=WARN \
    -Dbench.posters="${POSTERS:-20}" -Dbench.rate="${RATE:-10}" -Dbench.seconds="${DURATION:-10}" \
    -cp "$CP" dev.agentgraph.plugins.httpingest.bench.IngestBench 2>&1 | grep -vE '^(SLF4J|\[)' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
