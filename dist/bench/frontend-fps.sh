#!/bin/sh
# Frame rate of the live graph page in headless Chromium against the real server, with 200
# alive agents and 100 events/s by default (see dev.agentgraph.frontend.FrontendFps).
# Usage: dist/bench/frontend-fps.sh [agents] [events-per-second] [seconds] [WIDTHxHEIGHT]
# Needs: Debian chromium + chromium-driver. Builds what it needs in this checkout (no install).
set -eu
cd "$(dirname "$0")/../.."
mvn -q -pl frontend -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/fps.classpath
cd frontend
exec java -cp "target/test-classes:target/classes:$(cat target/fps.classpath)" \
    dev.agentgraph.frontend.FrontendFps "$@"
