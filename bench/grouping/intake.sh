#!/usr/bin/env bash
# Sustained intake alone, Driftsvakt vs Alertmanager in the same run (issue 8): the grouping bench's intake step
# (bench/grouping/intake.lua: wrk, 2 threads, 20 connections, INTAKE_BATCH alerts per POST) without the stream replay,
# a few minutes instead of twenty, so that a change to the intake path can be measured on its own. Alertmanager gets
# the alerts on its own API (POST /api/v2/alerts, receiver none); Driftsvakt as Alertmanager's webhook
# (POST /api/v1/alertmanager) with the consumers of driftsvakt.signals off: HTTP → Kafka, a 202 only after the
# broker's acknowledgement. Kafka and PostgreSQL in their own JVM (bench_infra). Prints alerts/s, p99 and where the
# CPU went (server, broker, wrk and the rest) for each.
# Usage: INTAKE_BATCH=100 DURATION=30 WARMUP=15 COMPONENTS=1000 RUNS=1 NAME=grouping-intake PROFILE= REBUILD= \
#          SERVICE_JAVA_OPTS=-Xmx1g flock /tmp/mvn.lock bench/grouping/intake.sh
# RUNS: how many measured wrk runs per tool, alternating (the best and all runs are reported).
# PROFILE=1: Java Flight Recorder in the service during its first measured run: bench/work/grouping-intake/service.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
INTAKE_BATCH=${INTAKE_BATCH:-100}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-15}; COMPONENTS=${COMPONENTS:-1000}
RUNS=${RUNS:-1}; NAME=${NAME:-grouping-intake}
AM_PORT=19093; SVC_PORT=18085
. bench/lib.sh
bench_init grouping-intake
command -v prometheus-alertmanager >/dev/null || { echo "installing prometheus-alertmanager"; apt-get install -y -q prometheus-alertmanager >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
bench_build

# wrk against a server pid (and, for Driftsvakt, the broker): sets RPS P99 ERR CPU_S CPU_B CPU_W CPU_ALL
measure() { # url format server-pid [broker-pid] label
  local url=$1 format=$2 server=$3 broker=${4:-} label=$5
  local s0 b0=0 a0 s1 b1=0 a1 w
  if [ -n "${PROFILE:-}" ] && [ "$label" = driftsvakt-1 ]; then
    jcmd "$server" JFR.start settings=default duration="${DURATION}s" filename="$PWD/$WORK/service.jfr" > /dev/null
  fi
  s0=$(cpu "$server"); [ -n "$broker" ] && b0=$(cpu "$broker"); a0=$(allcpu)
  FORMAT=$format COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${DURATION}s" --latency \
    -s bench/grouping/intake.lua "$url" > "$WORK/$label.txt" 2> "$WORK/$label.err" & w=$!
  sleep 1; local w0 w1; w0=$(cpu $w); w1=$w0 # wrk's own pid; sampled each second, as it is gone once it exits
  while kill -0 $w 2>/dev/null; do w1=$(cpu $w 2>/dev/null || echo "$w1"); sleep 1; done
  wait $w || true
  s1=$(cpu "$server"); [ -n "$broker" ] && b1=$(cpu "$broker"); a1=$(allcpu)
  RPS=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$label.txt")
  P99=$(awk '/^ +99%/ { print $2 }' "$WORK/$label.txt")
  ERR=$(wc -l < "$WORK/$label.err")
  CPU_S=$(echo "($s1 - $s0) / $DURATION" | bc -l); CPU_B=$(echo "($b1 - $b0) / $DURATION" | bc -l)
  CPU_W=$(echo "($w1 - $w0) / ($DURATION - 1)" | bc -l); CPU_ALL=$(echo "($a1 - $a0) / $DURATION" | bc -l)
  printf '%s: %.0f alerts/s, p99 %s, %s errors; cores: server %.2f, broker %.2f, wrk %.2f, machine %.2f\n' \
    "$label" "$(echo "$RPS * $INTAKE_BATCH" | bc -l)" "$P99" "$ERR" "$CPU_S" "$CPU_B" "$CPU_W" "$CPU_ALL"
}

cat > "$WORK/alertmanager.yml" <<EOF
route:
  receiver: none
  group_by: ['component']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: none
EOF
prometheus-alertmanager --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am-data" \
  --web.listen-address=127.0.0.1:$AM_PORT --cluster.listen-address= --log.level=warn > "$WORK/am.log" 2>&1 & AM=$!
PIDS+=($AM)
until curl -sf localhost:$AM_PORT/-/ready >/dev/null; do sleep 0.1; kill -0 $AM; done

bench_infra
python3 bench/ingest/catalog.py "$COMPONENTS" "$WORK/catalog.yaml"
DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=$SVC_PORT DRIFTSVAKT_PROBE_ENABLED=false \
DRIFTSVAKT_INGEST_TOKEN_SHA256=$(echo -n bench-ingest | sha256sum | cut -d' ' -f1) \
  java ${SERVICE_JAVA_OPTS:--Xmx1g} -Dmp.messaging.incoming.signals-in.enabled=false \
  -Dmp.messaging.incoming.signals-in-incidents.enabled=false -jar target/quarkus-app/quarkus-run.jar \
  > "$WORK/service.log" 2>&1 & SVC=$!
PIDS+=($SVC)
until curl -sf localhost:$SVC_PORT/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done

echo "warm-up, ${WARMUP}s each"
FORMAT=v2 COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${WARMUP}s" -s bench/grouping/intake.lua \
  "http://127.0.0.1:$AM_PORT" > /dev/null 2>&1 || true
FORMAT=webhook COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${WARMUP}s" -s bench/grouping/intake.lua \
  "http://127.0.0.1:$SVC_PORT" > /dev/null 2>&1 || true
sleep 3

ROWS=(); BEST_AM=0; BEST_DV=0
for run in $(seq "$RUNS"); do
  measure "http://127.0.0.1:$SVC_PORT" webhook $SVC $INFRA "driftsvakt-$run"
  DV=$(echo "$RPS * $INTAKE_BATCH" | bc -l); [ "$(echo "$DV > $BEST_DV" | bc -l)" = 1 ] && BEST_DV=$DV
  ROWS+=("$(printf '| %d | Driftsvakt (webhook → Kafka, acks=all) | %.0f | %s | %s | %.2f | %.2f | %.2f | %.2f |' "$run" "$DV" "$P99" "$ERR" "$CPU_S" "$CPU_B" "$CPU_W" "$CPU_ALL")")
  sleep 3
  measure "http://127.0.0.1:$AM_PORT" v2 $AM "" "alertmanager-$run"
  A=$(echo "$RPS * $INTAKE_BATCH" | bc -l); [ "$(echo "$A > $BEST_AM" | bc -l)" = 1 ] && BEST_AM=$A
  ROWS+=("$(printf '| %d | Alertmanager (API v2) | %.0f | %s | %s | %.2f | – | %.2f | %.2f |' "$run" "$A" "$P99" "$ERR" "$CPU_S" "$CPU_W" "$CPU_ALL")")
  sleep 3
done
RATIO=$(printf '%.2f' "$(echo "$BEST_DV / $BEST_AM" | bc -l)")
DV_RSS=$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$SVC/status); AM_RSS=$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$AM/status)

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Sustained intake alone: Driftsvakt vs Alertmanager, $DATE $(date +%H:%M) UTC"
  echo
  echo "Command: \`INTAKE_BATCH=$INTAKE_BATCH DURATION=$DURATION WARMUP=$WARMUP COMPONENTS=$COMPONENTS RUNS=$RUNS NAME=$NAME${PROFILE:+ PROFILE=1} flock /tmp/mvn.lock bench/grouping/intake.sh\`"
  echo "at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes to src)')."
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(prometheus-alertmanager --version 2>&1 | head -1 | sed 's/ (.*//'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "wrk: 2 threads, 20 connections, $INTAKE_BATCH alerts per POST over $COMPONENTS components (bench/grouping/intake.lua),"
  echo "${WARMUP} s warm-up each, then $DURATION s measured, alternating. Driftsvakt: production artifact, ${SERVICE_JAVA_OPTS:--Xmx1g}, probes and"
  echo "the consumers of driftsvakt.signals off, Kafka and PostgreSQL in their own JVM (the broker's CPU is its JVM's)."
  echo "Alertmanager: one instance, group_by [component], group_wait 0s, receiver none."
  echo
  echo "| Run | Server | alerts/s | p99 | errors | server cores | broker cores | wrk cores | machine cores busy |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Best of each: Driftsvakt $(printf '%.0f' "$BEST_DV"), Alertmanager $(printf '%.0f' "$BEST_AM") alerts/s: **ratio $RATIO** (goal ≥ 3)."
  echo "Resident memory after the runs: Driftsvakt $DV_RSS MiB, Alertmanager $AM_RSS MiB."
} > "$OUT"
cat "$OUT"
