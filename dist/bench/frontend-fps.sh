#!/bin/sh
# Frame rate of the live graph page in headless Chromium against the real server, with 200
# alive agents and 100 events/s (see dev.agentgraph.frontend.FrontendFps).
# Usage: dist/bench/frontend-fps.sh [agents] [events-per-second] [seconds]
# Needs: Debian chromium + chromium-driver, and the project's modules installed in ~/.m2.
set -eu
cd "$(dirname "$0")/../.."
mvn -q -o -pl frontend test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/fps.classpath
cd frontend
exec java -cp "target/test-classes:target/classes:$(cat target/fps.classpath)" \
    dev.agentgraph.frontend.FrontendFps "$@"
