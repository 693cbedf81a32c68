#!/usr/bin/env bash
# Probe benchmark: the production artifact runs CHECKS HTTP checks at INTERVAL against local nginx
# targets; we measure the service process's CPU time and probe count over MEASURE seconds after WARMUP.
# Kafka and PostgreSQL run in a separate JVM (BenchInfra), so the CPU measured is the service's own:
# probing, publishing every result to Kafka, the detector, the status view tailing the results.
# Usage: bench/probe/run.sh            (defaults: CHECKS=10000 INTERVAL=30s WARMUP=60 MEASURE=120)
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKS=${CHECKS:-10000}; INTERVAL=${INTERVAL:-30s}; WARMUP=${WARMUP:-60}; MEASURE=${MEASURE:-120}
NAME=${NAME:-probe}
WORK=bench/work/probe; rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -q nginx >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test

nginx -c "$PWD/bench/probe/nginx.conf" > "$WORK/nginx.log" 2>&1 & PIDS+=($!)
java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" no.nhn.driftsvakt.bench.BenchInfra \
  "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
set -a; . "$WORK/infra.env"; set +a
python3 bench/probe/catalog.py "$CHECKS" "$INTERVAL" "$WORK/catalog.yaml"

DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=18081 \
  java ${SERVICE_JAVA_OPTS:--Xmx512m} -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
T0=$(date +%s.%N)
until curl -sf localhost:18081/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done
STARTUP=$(echo "$(date +%s.%N) - $T0" | bc)

CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ print ($14 + $15) / clk }' /proc/$SVC/stat; }
probes() { curl -s localhost:18081/q/metrics | awk '/^driftsvakt_probe_duration_seconds_count/ { s += $2 } END { printf "%d", s }'; }
failures() { curl -s localhost:18081/q/metrics | awk '/^driftsvakt_probe_failures_total/ { s += $2 } END { printf "%d", s }'; }
rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$SVC/status; }

echo "warming up ${WARMUP}s with $CHECKS checks every $INTERVAL (startup ${STARTUP}s)"
sleep "$WARMUP"
C1=$(cpu); P1=$(probes); F1=$(failures); W1=$(date +%s.%N)
sleep "$MEASURE"
C2=$(cpu); P2=$(probes); F2=$(failures); W2=$(date +%s.%N); RSS=$(rss)

WALL=$(echo "$W2 - $W1" | bc -l); CPU=$(echo "$C2 - $C1" | bc -l); N=$((P2 - P1)); FAILED=$((F2 - F1))
RATE=$(echo "$N / $WALL" | bc -l); CORES=$(echo "$CPU / $WALL" | bc -l); PER1K=$(echo "1000 * $CPU / $N" | bc -l)
LAG=$(curl -s localhost:18081/q/metrics | awk '/^driftsvakt_pipeline_latency_seconds_max\{stage="detector"/ { print $2 }')
RLAG=$(curl -s localhost:18081/q/metrics | awk '/^kafka_consumer_fetch_manager_records_lag_max/ && /probe-results-in/ && !/topic=/ { if ($2 > m) m = $2 } END { printf "%d", m }')

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Probe benchmark, $DATE"
  echo
  echo "Command: \`CHECKS=$CHECKS INTERVAL=$INTERVAL WARMUP=$WARMUP MEASURE=$MEASURE bench/probe/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | sed 's/.*\///')."
  echo "Service: production artifact (\`target/quarkus-app\`), ${SERVICE_JAVA_OPTS:--Xmx512m}; Kafka and PostgreSQL in a separate JVM (not counted)."
  echo "Every probe opens a new TCP connection (keepAlive false), reads the body and checks \`bodyContains\`;"
  echo "every result is published to Kafka, judged by the detector and read back by the status view, all in the measured process."
  echo
  echo "| Measure | Value |"
  echo "|---|---|"
  printf "| checks × interval | %d × %s |\n" "$CHECKS" "$INTERVAL"
  printf "| probes measured | %d in %.1f s (%d failed) |\n" "$N" "$WALL" "$FAILED"
  printf "| probe rate | %.1f /s |\n" "$RATE"
  printf "| CPU used | %.2f s = **%.3f cores** (goal: < 1 core) |\n" "$CPU" "$CORES"
  printf "| CPU per 1,000 HTTP probes | **%.3f CPU-s** (goal ≤ 0.35; blackbox_exporter 0.67–0.74) |\n" "$PER1K"
  printf "| resident memory at end | %d MiB |\n" "$RSS"
  printf "| start-up to ready | %.1f s |\n" "$STARTUP"
  printf "| max probe-start → detector latency in the last window | %s s |\n" "${LAG:-n/a}"
  printf "| detector consumer lag at the end (records) | %s |\n" "${RLAG:-n/a}"
} > "$OUT"
cat "$OUT"
