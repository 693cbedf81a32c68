#!/usr/bin/env bash
# Ingest benchmark: the production artifact takes signals over REST, one per POST and in batches, with wrk
# on the same machine; Kafka and PostgreSQL run in a separate JVM. Prints intake rates and latency, then how
# long the incident engine needs to work through everything accepted (the pipeline's processing rate).
# Usage: bench/ingest/run.sh   (COMPONENTS=1000 DURATION=30 CONNECTIONS=50 BATCH=100 MODE=flip|storm INTAKE_ONLY=)
#   MODE=flip:  every signal flips its component between down and up (each opens or resolves an incident; worst case)
#   MODE=storm: a component's state changes every 10th round; the rest repeat a known failure (a real alert storm,
#               and what Alertmanager's figures measure: repeated alerts)
#   INTAKE_ONLY=1: the consumers of driftsvakt.signals are switched off, so only the intake path is measured
set -euo pipefail
cd "$(dirname "$0")/../.."
COMPONENTS=${COMPONENTS:-1000}; DURATION=${DURATION:-30}; CONNECTIONS=${CONNECTIONS:-50}; BATCH=${BATCH:-100}
MODE=${MODE:-flip}; INTAKE_ONLY=${INTAKE_ONLY:-}
CONSUMERS=()
if [ -n "$INTAKE_ONLY" ]; then
  CONSUMERS=(-Dmp.messaging.incoming.signals-in.enabled=false -Dmp.messaging.incoming.signals-in-incidents.enabled=false)
fi
NAME=${NAME:-ingest}
WORK=bench/work/ingest; rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test

java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" no.nhn.driftsvakt.bench.BenchInfra \
  "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
set -a; . "$WORK/infra.env"; set +a
python3 bench/ingest/catalog.py "$COMPONENTS" "$WORK/catalog.yaml"

DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=18082 DRIFTSVAKT_PROBE_ENABLED=false \
DRIFTSVAKT_INGEST_TOKEN_SHA256=$(echo -n bench-ingest | sha256sum | cut -d' ' -f1) \
  java ${SERVICE_JAVA_OPTS:--Xmx1g} "${CONSUMERS[@]}" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
until curl -sf localhost:18082/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done

CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ print ($14 + $15) / clk }' /proc/$SVC/stat; }
rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$SVC/status; }
metric() { curl -s localhost:18082/q/metrics | awk -v m="$1" '$0 ~ "^"m { s += $2 } END { printf "%d", s }'; }
lag() { curl -s localhost:18082/q/metrics | awk '/^kafka_consumer_fetch_manager_records_lag\{/ && /signals-in-incidents/ { s += $2 } END { printf "%d", s }'; }
accepted() { metric 'driftsvakt_ingest_signals_total\\{outcome="accepted"'; }
processed() { metric 'driftsvakt_incident_decisions_total'; }

drain() { # waits until the incident engine has decided on every accepted signal; prints seconds
  if [ -n "$INTAKE_ONLY" ]; then echo 0; return; fi
  local t0; t0=$(date +%s.%N)
  local target; target=$(accepted)
  for _ in $(seq 1200); do
    [ "$(processed)" -ge "$target" ] && break
    sleep 0.5
  done
  echo "$(date +%s.%N) - $t0" | bc -l
}

run_wrk() { # name script connections -> sets RPS P50 P99 N ACC DRAIN CPUS
  local name=$1 script=$2 conns=$3
  local a0 p0 c0; a0=$(accepted); p0=$(processed); c0=$(cpu)
  RUN="$name-$RANDOM" MODE=$MODE COMPONENTS=$COMPONENTS BATCH=$BATCH wrk -t2 -c"$conns" -d"${DURATION}s" --latency \
    -s "bench/ingest/$script" http://localhost:18082 > "$WORK/$name.txt" 2> "$WORK/$name.err" || true
  RPS=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$name.txt")
  P50=$(awk '/^ +50%/ { print $2 }' "$WORK/$name.txt"); P99=$(awk '/^ +99%/ { print $2 }' "$WORK/$name.txt")
  ERRS=$(wc -l < "$WORK/$name.err")
  ACC=$(( $(accepted) - a0 ))
  DRAIN=$(drain)
  PROC=$(( $(processed) - p0 ))
  CPUS=$(echo "$(cpu) - $c0" | bc -l)
}

echo "warming up"
DURATION=${WARMUP:-30} run_wrk warmup single.lua 20
run_wrk single single.lua "$CONNECTIONS"
S_RPS=$RPS; S_P50=$P50; S_P99=$P99; S_ACC=$ACC; S_DRAIN=$DRAIN; S_PROC=$PROC; S_ERR=$ERRS; S_CPU=$CPUS
if [ -n "${SINGLE_ONLY:-}" ]; then RPS=0; P50=-; P99=-; ACC=0; DRAIN=0; PROC=0; ERRS=0; CPUS=0; else run_wrk batch batch.lua 20; fi
B_RPS=$RPS; B_P50=$P50; B_P99=$P99; B_ACC=$ACC; B_DRAIN=$DRAIN; B_PROC=$PROC; B_ERR=$ERRS; B_CPU=$CPUS
RSS=$(rss)

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Ingest benchmark, $DATE"
  echo
  echo "Command: \`MODE=$MODE INTAKE_ONLY=$INTAKE_ONLY COMPONENTS=$COMPONENTS DURATION=$DURATION CONNECTIONS=$CONNECTIONS BATCH=$BATCH bench/ingest/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1); wrk 4.1 (2 threads) on the same machine."
  echo "Service: production artifact, ${SERVICE_JAVA_OPTS:--Xmx1g}; Kafka and PostgreSQL in a separate JVM on the same machine."
  echo "Every signal is answered 202 only after Kafka acknowledged it (acks=all)."
  if [ -n "$INTAKE_ONLY" ]; then
    echo "Intake only: the consumers of driftsvakt.signals were switched off, so this is the HTTP → Kafka path alone."
  elif [ "$MODE" = storm ]; then
    echo "Storm: each component's state changes every 10th round (an incident opens, later resolves); the other signals"
    echo "repeat a known failure, as in a real alert storm. The incident engine and correlator run during the run."
  else
    echo "Flip: signals alternate down/up per component, so nearly every one opens or resolves an incident in PostgreSQL"
    echo "(the heaviest case); the incident engine and correlator run during the run."
  fi
  echo
  echo "| Measure | One signal per POST | $BATCH signals per POST |"
  echo "|---|---|---|"
  printf "| intake, signals/s (wrk %ds) | **%.0f** | **%.0f** |\n" "$DURATION" "$S_RPS" "$(echo "$B_RPS * $BATCH" | bc -l)"
  printf "| requests/s | %.0f | %.0f |\n" "$S_RPS" "$B_RPS"
  printf "| request latency p50 / p99 | %s / %s | %s / %s |\n" "$S_P50" "$S_P99" "$B_P50" "$B_P99"
  printf "| signals accepted | %d | %d |\n" "$S_ACC" "$B_ACC"
  printf "| non-202 answers | %d | %d |\n" "$S_ERR" "$B_ERR"
  printf "| incident engine: time to finish after the run | %.1f s | %.1f s |\n" "$S_DRAIN" "$B_DRAIN"
  printf "| incident engine: signals decided / (run + finish) | %.0f /s | %.0f /s |\n" \
    "$(echo "$S_PROC / ($DURATION + $S_DRAIN)" | bc -l)" "$(echo "$B_PROC / ($DURATION + $B_DRAIN)" | bc -l)"
  printf "| service CPU (run + finish) | %.1f s | %.1f s |\n" "$S_CPU" "$B_CPU"
  printf "| resident memory at end | %d MiB | |\n" "$RSS"
  echo
  echo "Targets (issue 3, set by Alertmanager on this kind of machine): one per POST ≥ 5,000/s (Alertmanager 5,349);"
  echo "batch ≥ 20,000/s (Alertmanager 20,990 at 100 per POST)."
} > "$OUT"
cat "$OUT"
