#!/usr/bin/env bash
# Builds the benchmarks jar and runs the whole set (see BENCHMARKS.md).
#
#   benchmarks/run.sh            # caller, throughput (adaptive case included), memory: about 15 minutes on 2 cores
#   benchmarks/run.sh --quick    # smoke run: fewer iterations, figures not to be quoted
#   benchmarks/run.sh --only caller,throughput,memory,contention --metrics --platform-threads --prof stack ...
#       (passed to RunAll; --metrics binds OptimoveMetrics to the caller-cost clients;
#        contention runs 1, 2, 4 and 8 calling threads; --platform-threads keeps request threads
#        on platform threads on Java 21+)
#
# Results: benchmarks/target/results/{caller,throughput,memory,contention-N}.json (JMH) and summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Pbench -pl benchmarks -am package -DskipTests
echo "machine: $(nproc) CPUs; $(uptime)"
java -version 2>&1 | head -1
exec java -jar benchmarks/target/benchmarks.jar "$@"
