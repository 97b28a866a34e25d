#!/usr/bin/env bash
# Builds the benchmarks jar and runs the whole set (see BENCHMARKS.md).
#
#   benchmarks/run.sh            # the whole set, about 5 minutes on 2 cores
#   benchmarks/run.sh --quick    # smoke run, about 2 minutes: fewer iterations, figures not to be quoted
#   benchmarks/run.sh --only caller,throughput,memory --metrics --prof stack ...   (passed to RunAll; --metrics binds OptimoveMetrics to the caller-cost clients)
#
# Results: benchmarks/target/results/{caller,throughput,memory}.json (JMH) and summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Pbench -pl benchmarks -am package -DskipTests
echo "machine: $(nproc) CPUs; $(uptime)"
java -version 2>&1 | head -1
exec java -jar benchmarks/target/benchmarks.jar "$@"
