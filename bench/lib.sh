# Shared set-up for the benchmarks, sourced by bench/<name>/run.sh from the repository root:
#   bench_init <name>  a fresh work directory bench/work/<name> ($WORK); processes added to PIDS are killed on exit
#   bench_build        packages the production artifact if missing (REBUILD=1: always) and puts the test classpath,
#                      with the bench classes, in $CP
#   bench_infra        Kafka and PostgreSQL in their own JVM (bench.BenchInfra), their addresses exported; the
#                      broker's JVM (the first of PIDS) in $INFRA
#   cpu <pid>          CPU seconds a process has used (user + system)
#   allcpu             the whole machine's busy CPU seconds (user, nice, system, irq, softirq)
#   steal              CPU seconds the hypervisor gave to other guests (a noisy neighbour shows here)
#   pgcpu              CPU seconds of every process named postgres (the bench's is the only one on this machine),
#                      with what exited backends left to the postmaster
bench_init() {
  WORK=bench/work/$1; rm -rf "$WORK"; mkdir -p "$WORK"
  PIDS=()
  trap bench_cleanup EXIT
}
bench_cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
bench_build() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
  CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
}
bench_infra() {
  # The broker's JVM options are kafka-server-start.sh's defaults (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS).
  java -Xmx1g -Xms1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Xlog:gc:file="$WORK/infra-gc.log" \
    -cp "$CP" no.nhn.driftsvakt.bench.BenchInfra "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
  INFRA=$!
  for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
  set -a; . "$WORK/infra.env"; set +a
}
CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ print ($14 + $15) / clk }' /proc/$1/stat; }
allcpu() { awk -v clk="$CLK" '/^cpu / { print ($2 + $3 + $4 + $7 + $8) / clk }' /proc/stat; }
steal() { awk -v clk="$CLK" '/^cpu / { print $9 / clk }' /proc/stat; }
pgcpu() { for p in $(pgrep -x postgres); do cat /proc/$p/stat 2>/dev/null; done | awk -v clk="$CLK" '{ s += $14 + $15 + $16 + $17 } END { print s / clk }'; }
