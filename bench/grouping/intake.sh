#!/usr/bin/env bash
# Sustained intake alone, Driftsvakt vs Alertmanager in the same run (issue 8): the grouping bench's intake step
# (bench/grouping/intake.lua: wrk, 2 threads, 20 connections, INTAKE_BATCH alerts per POST) without the stream replay,
# a few minutes instead of twenty, so that a change to the intake path can be measured on its own. Alertmanager gets
# the alerts on its own API (POST /api/v2/alerts, receiver none); Driftsvakt as Alertmanager's webhook
# (POST /api/v1/alertmanager) with the consumers of driftsvakt.signals off: HTTP → Kafka, a 202 only after the
# broker's acknowledgement. Kafka and PostgreSQL in their own JVM (bench_infra). Prints alerts/s, p99 and where the
# CPU went (server, broker, wrk and the rest) for each.
# Usage: INTAKE_BATCH=100 DURATION=30 WARMUP=30 COMPONENTS=1000 RUNS=5 NAME=grouping-intake PROFILE= REBUILD= \
#          SERVICE_JAVA_OPTS=-Xmx1g flock /tmp/mvn.lock bench/grouping/intake.sh
# RUNS: how many measured wrk runs per tool, alternating; every run, the median and the best are reported, and the
# ratio of the medians is the result. Only 2xx answers count (wrk's Requests/sec counts every answer).
# PROFILE=1: Java Flight Recorder in the service during its first measured run: bench/work/grouping-intake/service.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
INTAKE_BATCH=${INTAKE_BATCH:-100}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-30}; COMPONENTS=${COMPONENTS:-1000}
RUNS=${RUNS:-5}; NAME=${NAME:-grouping-intake}
AM_PORT=19093; SVC_PORT=18085
. bench/lib.sh
bench_init grouping-intake
command -v prometheus-alertmanager >/dev/null || { echo "installing prometheus-alertmanager"; apt-get install -y -q prometheus-alertmanager >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
bench_build

# wrk against a server pid (and, for Driftsvakt, the broker): sets ALERTS (2xx answers only) P99 ERR CPU_S CPU_B CPU_W
# CPU_ALL
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
  local non2xx
  non2xx=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$WORK/$label.txt"); non2xx=${non2xx:-0}
  ALERTS=$(echo "$(awk -f bench/grouping/wrk-2xx.awk "$WORK/$label.txt") * $INTAKE_BATCH" | bc -l)
  P99=$(awk '/^ +99%/ { print $2 }' "$WORK/$label.txt")
  ERR=$(( $(wc -l < "$WORK/$label.err") > non2xx ? $(wc -l < "$WORK/$label.err") : non2xx ))
  CPU_S=$(echo "($s1 - $s0) / $DURATION" | bc -l); CPU_B=$(echo "($b1 - $b0) / $DURATION" | bc -l)
  CPU_W=$(echo "($w1 - $w0) / ($DURATION - 1)" | bc -l); CPU_ALL=$(echo "($a1 - $a0) / $DURATION" | bc -l)
  printf '%s: %.0f alerts/s, p99 %s, %s errors; cores: server %.2f, broker %.2f, wrk %.2f, machine %.2f\n' \
    "$label" "$ALERTS" "$P99" "$ERR" "$CPU_S" "$CPU_B" "$CPU_W" "$CPU_ALL"
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

ROWS=(); DVS=(); AMS=()
for run in $(seq "$RUNS"); do
  measure "http://127.0.0.1:$SVC_PORT" webhook $SVC $INFRA "driftsvakt-$run"
  DVS+=("$ALERTS")
  ROWS+=("$(printf '| %d | Driftsvakt (webhook → Kafka, acks=all) | %.0f | %s | %s | %.2f | %.2f | %.2f | %.2f |' "$run" "$ALERTS" "$P99" "$ERR" "$CPU_S" "$CPU_B" "$CPU_W" "$CPU_ALL")")
  sleep 3
  measure "http://127.0.0.1:$AM_PORT" v2 $AM "" "alertmanager-$run"
  AMS+=("$ALERTS")
  ROWS+=("$(printf '| %d | Alertmanager (API v2) | %.0f | %s | %s | %.2f | – | %.2f | %.2f |' "$run" "$ALERTS" "$P99" "$ERR" "$CPU_S" "$CPU_W" "$CPU_ALL")")
  sleep 3
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { printf '%s\n' "$@" | sort -g | tail -1; }
MED_DV=$(median "${DVS[@]}"); MED_AM=$(median "${AMS[@]}"); BEST_DV=$(best "${DVS[@]}"); BEST_AM=$(best "${AMS[@]}")
RATIO=$(printf '%.2f' "$(echo "$MED_DV / $MED_AM" | bc -l)")
RATIO_BEST=$(printf '%.2f' "$(echo "$BEST_DV / $BEST_AM" | bc -l)")
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
  echo "Alerts/s count 2xx answers only. What is compared: Driftsvakt taking alerts into its durable log (Kafka, acks=all),"
  echo "the incident engine and correlator off; Alertmanager taking them into memory and its dispatcher (grouping, no"
  echo "receiver). With Driftsvakt's whole pipeline running, see the grouping bench (bench/grouping/run.sh)."
  echo
  echo "| Run | Server | alerts/s | p99 | errors | server cores | broker cores | wrk cores | machine cores busy |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Median of each: Driftsvakt $(printf '%.0f' "$MED_DV"), Alertmanager $(printf '%.0f' "$MED_AM") alerts/s: **ratio $RATIO** (goal ≥ 3)."
  echo "Best of each: Driftsvakt $(printf '%.0f' "$BEST_DV"), Alertmanager $(printf '%.0f' "$BEST_AM") alerts/s: ratio $RATIO_BEST."
  echo "Resident memory after the runs: Driftsvakt $DV_RSS MiB, Alertmanager $AM_RSS MiB."
} > "$OUT"
cat "$OUT"
