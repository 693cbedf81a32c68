#!/usr/bin/env bash
# Grouping benchmark (issue 8): the same deterministic alert stream into Prometheus Alertmanager and into Driftsvakt.
#  1. Stream: ~ALERTS alerts over COMPONENTS components (site, provider labels; site, provider, hub and single-service
#     outages), replayed at RATE alerts/s in POSTs of BATCH (bench.GroupingBench). Alertmanager gets them on its own API
#     (POST /api/v2/alerts), routed to a webhook receiver in the bench process that records each notification; one run
#     per grouping key in GROUP_BYS, group_wait 0s (the smallest it takes), group_interval GROUP_INTERVAL, send_resolved.
#     Driftsvakt gets them as Alertmanager's webhook (POST /api/v1/alertmanager, the endpoint it offers for Alertmanager
#     users); its incidents and problems are read from Kafka. Latency: alert first sent → first grouped notification
#     (Alertmanager: webhook carrying it; Driftsvakt: first event on driftsvakt.problems listing its incident).
#  2. Sustained intake: wrk (2 threads, 20 connections, INTAKE_BATCH alerts per POST) against each, same alerts: once
#     with Driftsvakt's whole pipeline running (after the stream), then intake alone, INTAKE_RUNS alternating runs of
#     each after INTAKE_WARMUP seconds (bench/grouping/intake.sh; its own results file, medians compared).
# All on this machine; Kafka and PostgreSQL in a separate JVM (BenchInfra). Run it under the shared lock:
#   flock /tmp/mvn.lock bench/grouping/run.sh
# Usage: COMPONENTS=1000 ALERTS=50000 RATE=500 BATCH=50 GROUP_BYS="component site" GROUP_INTERVAL=1s
#        WINDOWS="10m 10s" INTAKE_BATCH=100 DURATION=30 WARMUP=15 QUIET=10 INTAKE_RUNS=3 INTAKE_WARMUP=30 NAME=grouping
#        REBUILD= bench/grouping/run.sh
# WINDOWS: Driftsvakt's correlation window per run (10m is its default; 10s scales it to the compressed stream).
set -euo pipefail
cd "$(dirname "$0")/../.."
COMPONENTS=${COMPONENTS:-1000}; ALERTS=${ALERTS:-50000}; RATE=${RATE:-500}; BATCH=${BATCH:-50}
GROUP_BYS=${GROUP_BYS:-component site}; GROUP_INTERVAL=${GROUP_INTERVAL:-1s}; WINDOWS=${WINDOWS:-10m 10s}
INTAKE_BATCH=${INTAKE_BATCH:-100}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-15}; QUIET=${QUIET:-10}
INTAKE_RUNS=${INTAKE_RUNS:-3}; INTAKE_WARMUP=${INTAKE_WARMUP:-30}
NAME=${NAME:-grouping}
WORK=$PWD/bench/work/grouping; rm -rf "$WORK"; mkdir -p "$WORK"
AM_PORT=19093; HOOK_PORT=19099; SVC_PORT=18085
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v prometheus-alertmanager >/dev/null || { echo "installing prometheus-alertmanager"; apt-get install -y -q prometheus-alertmanager >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ printf "%.2f", ($14 + $15) / clk }' /proc/$1/stat; }
rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$1/status; }
kv() { local f=$1 k=$2; tr ' ' '\n' < "$f" | awk -F= -v k="$k" '$1 == k { print $2 }'; }

start_am() { # group_by receiver(webhook|none) -> AM
  local gb=$1 rec=$2
  rm -rf "$WORK/am-data"; mkdir -p "$WORK/am-data"
  {
    echo "route:"
    echo "  receiver: $rec"
    echo "  group_by: ['$gb']"
    echo "  group_wait: 0s"
    echo "  group_interval: $GROUP_INTERVAL"
    echo "  repeat_interval: 1h"
    echo "receivers:"
    echo "  - name: webhook"
    echo "    webhook_configs:"
    echo "      - url: http://127.0.0.1:$HOOK_PORT/hook"
    echo "        send_resolved: true"
    echo "  - name: none"
  } > "$WORK/alertmanager.yml"
  prometheus-alertmanager --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am-data" \
    --web.listen-address=127.0.0.1:$AM_PORT --cluster.listen-address= --log.level=warn \
    > "$WORK/am-$gb-$rec.log" 2>&1 & AM=$!; PIDS+=($AM)
  until curl -sf localhost:$AM_PORT/-/ready >/dev/null; do sleep 0.1; kill -0 $AM; done
}

intake() { # url format -> sets IN_RPS IN_P99 IN_ERR
  local url=$1 format=$2
  FORMAT=$format COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${WARMUP}s" -s bench/grouping/intake.lua \
    "$url" > "$WORK/intake-$format-warm.txt" 2>/dev/null || true
  FORMAT=$format COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${DURATION}s" --latency \
    -s bench/grouping/intake.lua "$url" > "$WORK/intake-$format.txt" 2> "$WORK/intake-$format.err" || true
  # requests/s answered 2xx (wrk's Requests/sec counts every answer)
  IN_RPS=$(awk -f bench/grouping/wrk-2xx.awk "$WORK/intake-$format.txt")
  IN_P99=$(awk '/^ +99%/ { print $2 }' "$WORK/intake-$format.txt")
  IN_ERR=$(wc -l < "$WORK/intake-$format.err")
}

java -cp "$CP" no.nhn.driftsvakt.bench.GroupingBench summary "$COMPONENTS" "$ALERTS" > "$WORK/stream.txt"
echo "stream: $(cat "$WORK/stream.txt")"

# ---- Alertmanager ----
declare -A AM_CPU AM_RSS
for gb in $GROUP_BYS; do
  echo "Alertmanager, group_by [$gb]: replaying the stream at $RATE alerts/s"
  start_am "$gb" webhook
  c0=$(cpu $AM)
  java -Xmx512m -cp "$CP" no.nhn.driftsvakt.bench.GroupingBench am "http://127.0.0.1:$AM_PORT" $HOOK_PORT \
    "$COMPONENTS" "$ALERTS" "$RATE" "$BATCH" "$QUIET" "$WORK/am-$gb.txt" > "$WORK/am-$gb.out"
  AM_CPU[$gb]=$(echo "$(cpu $AM) - $c0" | bc -l); AM_RSS[$gb]=$(rss $AM)
  kill $AM; wait $AM 2>/dev/null || true
done
echo "Alertmanager: sustained intake, $INTAKE_BATCH per POST"
start_am component none
AM_RSS_IDLE=$(rss $AM)
intake "http://127.0.0.1:$AM_PORT" v2
AM_IN_RPS=$IN_RPS; AM_IN_P99=$IN_P99; AM_IN_ERR=$IN_ERR; AM_IN_RSS=$(rss $AM)
kill $AM; wait $AM 2>/dev/null || true

# ---- Driftsvakt ----
start_dv() { # window extra-java-opts... -> SVC (fresh Kafka and PostgreSQL each time)
  local window=$1; shift
  rm -f "$WORK/infra.env"
  # the broker's JVM options are kafka-server-start.sh's defaults, as bench/lib.sh starts it
  java -Xmx1g -Xms1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -cp "$CP" no.nhn.driftsvakt.bench.BenchInfra "$WORK/infra.env" \
    > "$WORK/infra.log" 2>&1 & INFRA=$!; PIDS+=($INFRA)
  for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
  set -a; . "$WORK/infra.env"; set +a
  DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=$SVC_PORT DRIFTSVAKT_PROBE_ENABLED=false \
  DRIFTSVAKT_CORRELATION_WINDOW=$window DRIFTSVAKT_INGEST_TOKEN_SHA256=$(echo -n bench-ingest | sha256sum | cut -d' ' -f1) \
    java ${SERVICE_JAVA_OPTS:--Xmx1g} "$@" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service-$window.log" 2>&1 & SVC=$!; PIDS+=($SVC)
  until curl -sf localhost:$SVC_PORT/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service-$window.log"; exit 1; }; done
}
stop_dv() { kill $SVC; wait $SVC 2>/dev/null || true; kill $INFRA; wait $INFRA 2>/dev/null || true; }
python3 bench/ingest/catalog.py "$COMPONENTS" "$WORK/catalog.yaml"
declare -A DV_CPU DV_RSS
FIRST_WINDOW=$(echo $WINDOWS | awk '{ print $1 }')
for win in $WINDOWS; do
  start_dv "$win"
  [ "$win" = "$FIRST_WINDOW" ] && DV_RSS_IDLE=$(rss $SVC)
  echo "Driftsvakt (correlation window $win): warm-up with resolved alerts only (opens nothing), ${WARMUP}s"
  FORMAT=webhook ALL_RESOLVED=1 COMPONENTS=$COMPONENTS BATCH=$BATCH wrk -t1 -c4 -d"${WARMUP}s" -s bench/grouping/intake.lua \
    "http://127.0.0.1:$SVC_PORT" > "$WORK/dv-warm.txt" 2>&1 || true
  sleep 5
  echo "Driftsvakt (correlation window $win): replaying the stream at $RATE alerts/s"
  c0=$(cpu $SVC)
  java -Xmx512m -cp "$CP" no.nhn.driftsvakt.bench.GroupingBench dv "http://127.0.0.1:$SVC_PORT" "$KAFKA_BOOTSTRAP_SERVERS" \
    "$COMPONENTS" "$ALERTS" "$RATE" "$BATCH" "$QUIET" "$WORK/dv-$win.txt" > "$WORK/dv-$win.out"
  DV_CPU[$win]=$(echo "$(cpu $SVC) - $c0" | bc -l); DV_RSS[$win]=$(rss $SVC)
  if [ "$win" = "$FIRST_WINDOW" ]; then
    echo "Driftsvakt: sustained intake, $INTAKE_BATCH per POST, whole pipeline running"
    intake "http://127.0.0.1:$SVC_PORT" webhook
    DV_IN_RPS=$IN_RPS; DV_IN_P99=$IN_P99; DV_IN_ERR=$IN_ERR; DV_IN_RSS=$(rss $SVC)
  fi
  stop_dv
done
echo "Intake alone, both tools, $INTAKE_RUNS alternating runs each (bench/grouping/intake.sh)"
NAME=$NAME-intake RUNS=$INTAKE_RUNS WARMUP=$INTAKE_WARMUP DURATION=$DURATION INTAKE_BATCH=$INTAKE_BATCH \
  COMPONENTS=$COMPONENTS SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xmx1g}" bench/grouping/intake.sh > "$WORK/intake-alone.txt"
IO_FILE=bench/results/$(date +%F)-$NAME-intake.md
DV_IO=$(sed -n 's/^Median of each: Driftsvakt \([0-9]*\), Alertmanager \([0-9]*\) alerts.*/\1/p' "$IO_FILE")
AM_IO=$(sed -n 's/^Median of each: Driftsvakt \([0-9]*\), Alertmanager \([0-9]*\) alerts.*/\2/p' "$IO_FILE")

# ---- report ----
S=$WORK/stream.txt
AMS=$(for gb in $GROUP_BYS; do printf '%s ' "$WORK/am-$gb.txt"; done)
DVS=$(for w in $WINDOWS; do printf '%s ' "$WORK/dv-$w.txt"; done)
D=$WORK/dv-$FIRST_WINDOW.txt
AM_IN=$(echo "$AM_IN_RPS * $INTAKE_BATCH" | bc -l); DV_IN=$(echo "$DV_IN_RPS * $INTAKE_BATCH" | bc -l)
notes() { echo $((2 * $(kv "$1" subjects))); }
ratio() { if [ "$(echo "$2 == 0" | bc -l)" = 1 ]; then echo "–"; else printf "%.${3:-2}f" "$(echo "$1 / $2" | bc -l)"; fi; }
row() { # label, then a printf format applied to each Driftsvakt file, then one for each Alertmanager file, then ratios
  local label=$1 dvf=$2 amf=$3 r=$4; local line="| $label |"
  for f in $DVS; do line="$line $(eval "$dvf") |"; done
  for f in $AMS; do line="$line $(eval "$amf") |"; done
  echo "$line $r |"
}
NGB=$(echo $GROUP_BYS | wc -w); NW=$(echo $WINDOWS | wc -w)
DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Grouping benchmark: Driftsvakt vs Alertmanager, $DATE"
  echo
  echo "Command: \`COMPONENTS=$COMPONENTS ALERTS=$ALERTS RATE=$RATE BATCH=$BATCH GROUP_BYS=\"$GROUP_BYS\" GROUP_INTERVAL=$GROUP_INTERVAL WINDOWS=\"$WINDOWS\" INTAKE_BATCH=$INTAKE_BATCH DURATION=$DURATION INTAKE_RUNS=$INTAKE_RUNS INTAKE_WARMUP=$INTAKE_WARMUP NAME=$NAME flock /tmp/mvn.lock bench/grouping/run.sh\` at $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(prometheus-alertmanager --version 2>&1 | head -1 | sed 's/ (.*//'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "Driftsvakt: production artifact, ${SERVICE_JAVA_OPTS:--Xmx1g}, probes off, fresh Kafka and PostgreSQL (a separate JVM)"
  echo "for each run; the whole pipeline (intake, incident engine, correlator, outbox) runs. Alertmanager: one instance (no"
  echo "cluster), group_wait 0s (the smallest it takes), group_interval $GROUP_INTERVAL (it refuses 0; smaller sends more),"
  echo "repeat_interval 1h, send_resolved. The load generator and webhook receiver (\`bench.GroupingBench\`) and wrk run on"
  echo "the same machine."
  echo
  echo "## The stream"
  echo
  echo "$(kv $S stream_alerts) alerts over $COMPONENTS components ($(kv $S stream_firing) first firings, $(kv $S stream_resolved) resolved,"
  echo "$(kv $S stream_repeats) repeats of alerts still firing, as Prometheus repeats them) in $(kv $S stream_ticks) scenario ticks; $(kv $S outages) outages:"
  echo "$(kv $S outages_site) sites (100 components each), $(kv $S outages_provider) provider (its hubs in every site and their services, 330),"
  echo "$(kv $S outages_hub) hubs (11 each) and $(kv $S outages_blip) single services, overlapping; $(kv $S episodes) component outage episodes, $(kv $S episodes_multi)"
  echo "of them in outages of more than one component. Labels: alertname, component, site, provider. Sent at $RATE alerts/s"
  echo "in POSTs of $BATCH, the same alerts at the same times to both: Alertmanager on its own API (\`POST /api/v2/alerts\`),"
  echo "Driftsvakt as the webhook Alertmanager would send it (\`POST /api/v1/alertmanager\`, the way Alertmanager users"
  echo "connect Driftsvakt; here Driftsvakt takes Alertmanager's place). The stream is a storm compressed in time: about"
  echo "$(( $(kv $S stream_alerts) / $(kv $S stream_ticks) )) alerts per tick, a tick lasting about $(printf "%.1f" "$(echo "$(kv $S stream_alerts) / $(kv $S stream_ticks) / $RATE" | bc -l)") s at this rate."
  echo
  echo "## Results"
  echo
  echo "| Measure |$(for w in $WINDOWS; do printf ' Driftsvakt, window %s |' "$w"; done)$(for gb in $GROUP_BYS; do printf ' Alertmanager [%s] |' "$gb"; done) Ratio Driftsvakt ($FIRST_WINDOW) / Alertmanager |"
  echo "|---|$(for w in $WINDOWS; do printf -- '---|'; done)$(for gb in $GROUP_BYS; do printf -- '---|'; done)---|"
  printf "| **sustained intake, alerts/s** (wrk, %d per POST, whole pipeline) | **%.0f** (p99 %s, %s errors) |%s %.0f (p99 %s, %s errors) |%s **%s** |\n" \
    "$INTAKE_BATCH" "$DV_IN" "$DV_IN_P99" "$DV_IN_ERR" "$(for w in $(echo $WINDOWS | cut -s -d' ' -f2-); do printf ' |'; done)" \
    "$AM_IN" "$AM_IN_P99" "$AM_IN_ERR" "$(for gb in $(echo $GROUP_BYS | cut -s -d' ' -f2-); do printf ' (same) |'; done)" "$(ratio "$DV_IN" "$AM_IN")"
  printf "| **sustained intake, alerts/s, intake alone** (Driftsvakt: HTTP → Kafka, its consumers off; median of %s alternating runs each, [details](%s)) | **%.0f** |%s %.0f |%s **%s** |\n" \
    "$INTAKE_RUNS" "$(basename "$IO_FILE")" "$DV_IO" "$(for w in $(echo $WINDOWS | cut -s -d' ' -f2-); do printf ' |'; done)" \
    "$AM_IO" "$(for gb in $(echo $GROUP_BYS | cut -s -d' ' -f2-); do printf ' (same) |'; done)" "$(ratio "$DV_IO" "$AM_IO")"
  row "stream replay: alerts/s achieved, POSTs failed" 'echo "$(kv $f rate), $(kv $f posts_failed)"' 'echo "$(kv $f rate), $(kv $f posts_failed)"' ""
  row "alert → grouped notification p50 / p90" 'echo "$(kv $f lat_multi_p50) / $(kv $f lat_multi_p90) ms"' 'echo "$(kv $f lat_multi_p50) / $(kv $f lat_multi_p90) ms"' ""
  row "**alert → grouped notification p99** (max)" 'echo "**$(kv $f lat_multi_p99) ms** ($(kv $f lat_multi_max))"' 'echo "**$(kv $f lat_multi_p99) ms** ($(kv $f lat_multi_max))"' \
    "$(for gb in $GROUP_BYS; do printf '%s [%s] ' "$(ratio "$(kv $D lat_multi_p99)" "$(kv $WORK/am-$gb.txt lat_multi_p99)")" "$gb"; done)"
  row "**notifications for the stream**" 'echo "**$(notes $f)** (2 × $(kv $f subjects) subjects)"' 'echo "**$(kv $f notifications)**"' \
    "$(for gb in $GROUP_BYS; do printf '**%s** [%s] ' "$(ratio "$(notes $D)" "$(kv $WORK/am-$gb.txt notifications)" 3)" "$gb"; done)"
  row "notifications, firing / resolved-only" 'echo "$(kv $f subjects) / $(kv $f subjects)"' 'echo "$(kv $f notifications_firing) / $(kv $f notifications_resolved)"' ""
  row "what they are about" 'echo "$(kv $f problems) problems ($(kv $f problems_merged) merged into another, $(kv $f problems_resolved) resolved by the end) + $(kv $f lone_incidents) incidents in no problem"' 'echo "$(kv $f groups) groups"' ""
  row "not notifications: recurring problems; incident / problem events on Kafka" 'echo "$(kv $f recurring_problems); $(kv $f incident_events) / $(kv $f problem_events)"' 'echo "alerts carried in the webhooks: $(kv $f alerts_in_notifications)"' ""
  row "episodes never notified / latency sample" 'echo "$(kv $f multi_not_in_problem) / $(kv $f lat_n)"' 'echo "$(kv $f episodes_not_notified) / $(kv $f lat_n)"' ""
  line="| CPU during the stream replay |"; for w in $WINDOWS; do line="$line $(printf '%.1f s' "${DV_CPU[$w]}") |"; done
  for gb in $GROUP_BYS; do line="$line $(printf '%.1f s' "${AM_CPU[$gb]}") |"; done; echo "$line |"
  line="| resident memory: idle / after the stream / after intake |"; for w in $WINDOWS; do
    if [ "$w" = "$FIRST_WINDOW" ]; then line="$line $DV_RSS_IDLE / ${DV_RSS[$w]} / $DV_IN_RSS MiB |"; else line="$line – / ${DV_RSS[$w]} / – MiB |"; fi; done
  for gb in $GROUP_BYS; do line="$line $AM_RSS_IDLE / ${AM_RSS[$gb]} / $AM_IN_RSS MiB |"; done; echo "$line |"
  echo
  echo "Latency is measured over the component episodes of multi-component outages (the ones grouping is for): from the"
  echo "moment the bench first POSTed the alert to the first notification that carries it (Alertmanager: a webhook"
  echo "listing it as firing; Driftsvakt: the first event on \`driftsvakt.problems\` of a problem that lists the incident it"
  echo "opened, recurring problems not counted)."
  echo
  echo "What counts as a notification. Alertmanager: every webhook POST (one per group and change, firing or resolved)."
  echo "Driftsvakt tells customers per *subject*: a problem (not a recurring one), or an incident in no problem"
  echo "(docs/design/notification.md, \`NotifyStore\`): once when it is published and once when it is resolved, so 2 per"
  echo "subject (what an SMS recipient gets). E-mail and webhook recipients also get an *update* when another of their"
  echo "services joins a subject they were told about (bounded by the problem events). Caveats: customers are only told"
  echo "about incidents staff have confirmed, so this counts what they would get if staff confirmed every one; the"
  echo "on-duty staff alert is per new P1/P2 incident, not per problem; a problem merged into another is counted as its"
  echo "own subject. Recurring problems (a component with 3 incidents in 7 days; here the compressed storm makes many)"
  echo "and the events on Kafka are internal, not notifications."
  echo
  echo "Goals (issue 8): sustained intake ≥ 3× Alertmanager's; at most a tenth of its notifications for the same outages."
} > "$OUT"
cat "$OUT"
