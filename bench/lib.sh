# Shared set-up for the benchmarks, sourced by bench/<name>/run.sh from the repository root:
#   bench_init <name>  a fresh work directory bench/work/<name> ($WORK); processes added to PIDS are killed on exit
#   bench_build        packages the production artifact if missing (REBUILD=1: always) and puts the test classpath,
#                      with the bench classes, in $CP
#   bench_infra        Kafka and PostgreSQL in their own JVM (bench.BenchInfra), their addresses exported
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
  for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
  set -a; . "$WORK/infra.env"; set +a
}
