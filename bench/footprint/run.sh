#!/usr/bin/env bash
# Footprint benchmark (issue 8): Driftsvakt's start-up time (process start → /q/health/ready UP, STARTS starts) and resident
# memory at idle and under a short load of each kind, next to the peers' (Alertmanager, blackbox_exporter, nginx).
# Loads, DURATION seconds each with wrk on this machine: signals (batches of 100, storm), Alertmanager webhooks
# (batches of 100), driftsweb's front page, and probing (CHECKS checks every INTERVAL against local nginx targets).
# RSS under load is the highest of samples every second. Kafka and PostgreSQL run in a separate JVM (not counted).
# Run it under the shared lock:  flock /tmp/mvn.lock bench/footprint/run.sh
# Usage: STARTS=2 DURATION=20 CHECKS=10000 INTERVAL=5s SERVICE_JAVA_OPTS=-Xmx1g NAME=footprint REBUILD= bench/footprint/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
STARTS=${STARTS:-2}; DURATION=${DURATION:-20}; CHECKS=${CHECKS:-10000}; INTERVAL=${INTERVAL:-5s}; NAME=${NAME:-footprint}
JOPTS=${SERVICE_JAVA_OPTS:--Xmx1g}
WORK=$PWD/bench/work/footprint; rm -rf "$WORK"; mkdir -p "$WORK/www" "$WORK/am-data"
PORT=18086; AM_PORT=19093; BB_PORT=19115
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -q nginx >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
command -v prometheus-alertmanager >/dev/null || { echo "installing prometheus-alertmanager"; apt-get install -y -q prometheus-alertmanager >/dev/null; }
command -v prometheus-blackbox-exporter >/dev/null || { echo "installing prometheus-blackbox-exporter"; apt-get install -y -q prometheus-blackbox-exporter >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"

rss() { local t=0; for p in "$@"; do t=$((t + $(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$p/status))); done; echo $t; }
peak() { # seconds pid... : highest RSS sampled every second
  local s=$1; shift; local m=0 r
  for _ in $(seq "$s"); do r=$(rss "$@"); if [ "$r" -gt "$m" ]; then m=$r; fi; sleep 1; done; echo $m
}
now() { date +%s.%N; }
since() { printf "%.2f" "$(echo "$(now) - $1" | bc -l)"; }

java -cp "$CP" no.nhn.driftsvakt.bench.BenchInfra "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
set -a; . "$WORK/infra.env"; set +a
python3 bench/ingest/catalog.py 1000 "$WORK/catalog.yaml"
python3 bench/probe/catalog.py "$CHECKS" "$INTERVAL" "$WORK/probe-catalog.yaml"
TOKEN=$(echo -n bench-ingest | sha256sum | cut -d' ' -f1)

start_service() { # catalog probes -> SVC, STARTUP
  local t0; t0=$(now)
  DRIFTSVAKT_CATALOG_PATH="$1" QUARKUS_HTTP_PORT=$PORT DRIFTSVAKT_PROBE_ENABLED=$2 DRIFTSVAKT_INGEST_TOKEN_SHA256=$TOKEN \
    java $JOPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
  until curl -sf localhost:$PORT/q/health/ready >/dev/null; do sleep 0.05; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done
  STARTUP=$(since "$t0")
}
stop() { kill "$@"; for p in "$@"; do wait "$p" 2>/dev/null || true; done; }

STARTS_S=()
for k in $(seq "$STARTS"); do
  start_service "$WORK/catalog.yaml" false; STARTS_S+=("$STARTUP"); echo "start $k: ${STARTUP}s"
  if [ "$k" -lt "$STARTS" ]; then stop $SVC; fi
done
STARTUP_MED=$(printf "%s\n" "${STARTS_S[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
QUARKUS_LOG=$(grep -o 'started in [0-9.]*s' "$WORK/service.log" | head -1)
CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ printf "%.2f", ($14 + $15) / clk }' /proc/$1/stat; }
sleep 10; c0=$(cpu $SVC); sleep 20; DV_IDLE_CORES=$(printf "%.2f" "$(echo "($(cpu $SVC) - $c0) / 20" | bc -l)"); DV_IDLE=$(rss $SVC)
echo "idle: $DV_IDLE MiB; signals"
( RUN=fp MODE=storm COMPONENTS=1000 BATCH=100 wrk -t2 -c20 -d"${DURATION}s" -s bench/ingest/batch.lua http://localhost:$PORT > "$WORK/signals.txt" 2>&1 || true ) & LOAD=$!
DV_SIGNALS=$(peak "$DURATION" $SVC); wait $LOAD
echo "alerts"
( FORMAT=webhook COMPONENTS=1000 BATCH=100 wrk -t2 -c20 -d"${DURATION}s" -s bench/grouping/intake.lua http://localhost:$PORT > "$WORK/alerts.txt" 2>&1 || true ) & LOAD=$!
DV_ALERTS=$(peak "$DURATION" $SVC); wait $LOAD
echo "driftsweb"
curl -s localhost:$PORT/ -o "$WORK/www/front.html"
( wrk -t2 -c50 -d"${DURATION}s" http://localhost:$PORT/ > "$WORK/driftsweb.txt" 2>&1 || true ) & LOAD=$!
DV_WEB=$(peak "$DURATION" $SVC); wait $LOAD
DV_AFTER=$(rss $SVC)
stop $SVC

echo "probing: $CHECKS checks every $INTERVAL"
nginx -c "$PWD/bench/probe/nginx.conf" > "$WORK/nginx-probe.log" 2>&1 & NGP=$!; PIDS+=($NGP)
start_service "$WORK/probe-catalog.yaml" true
PROBE_STARTUP=$STARTUP
sleep 30
DV_PROBE=$(peak 30 $SVC)
stop $SVC

echo "peers"
# Alertmanager: start-up, idle, under its own intake (alerts routed to a receiver without configs)
printf 'route:\n  receiver: none\n  group_by: [component]\n  group_wait: 0s\n  group_interval: 1s\nreceivers:\n  - name: none\n' > "$WORK/am.yml"
t0=$(now)
prometheus-alertmanager --config.file="$WORK/am.yml" --storage.path="$WORK/am-data" --web.listen-address=127.0.0.1:$AM_PORT \
  --cluster.listen-address= --log.level=warn > "$WORK/am.log" 2>&1 & AM=$!; PIDS+=($AM)
until curl -sf localhost:$AM_PORT/-/ready >/dev/null; do sleep 0.02; done; AM_START=$(since "$t0")
sleep 5; AM_IDLE=$(rss $AM)
( FORMAT=v2 COMPONENTS=1000 BATCH=100 wrk -t2 -c20 -d"${DURATION}s" -s bench/grouping/intake.lua http://127.0.0.1:$AM_PORT > "$WORK/am-load.txt" 2>&1 || true ) & LOAD=$!
AM_LOAD=$(peak "$DURATION" $AM); wait $LOAD
stop $AM
# blackbox_exporter: start-up (to its first successful probe), idle, probing as fast as it goes
t0=$(now)
prometheus-blackbox-exporter --config.file=bench/probing/blackbox.yml --web.listen-address=127.0.0.1:$BB_PORT \
  --log.level=warn > "$WORK/bb.log" 2>&1 & BB=$!; PIDS+=($BB)
until curl -sf "localhost:$BB_PORT/probe?module=http_2xx&target=http://127.0.0.1:18080/health/1" | grep -q '^probe_success 1'; do sleep 0.02; done
BB_START=$(since "$t0")
sleep 5; BB_IDLE=$(rss $BB)
( TARGETS=$CHECKS wrk -t2 -c50 -d"${DURATION}s" -s bench/probing/max.lua http://127.0.0.1:$BB_PORT > "$WORK/bb-load.txt" 2>&1 || true ) & LOAD=$!
BB_LOAD=$(peak "$DURATION" $BB); wait $LOAD
stop $BB
stop $NGP
# nginx serving the saved front page (master + worker)
sed "s#@ROOT@#$WORK/www#" bench/driftsweb/nginx.conf.in > "$WORK/nginx-web.conf"
nginx -c "$WORK/nginx-web.conf" > "$WORK/nginx-web.log" 2>&1 & NGW=$!; PIDS+=($NGW)
sleep 1
NG_PIDS="$NGW $(pgrep -P $NGW | tr '\n' ' ')"
NG_IDLE=$(rss $NG_PIDS)
( wrk -t2 -c50 -d"${DURATION}s" http://localhost:18091/ > "$WORK/nginx-load.txt" 2>&1 || true ) & LOAD=$!
NG_LOAD=$(peak "$DURATION" $NG_PIDS); wait $LOAD

x() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1f×", a / b; else print "–" }'; } # Driftsvakt / peer
DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Footprint: start-up time and resident memory, $DATE"
  echo
  echo "Command: \`DURATION=$DURATION CHECKS=$CHECKS INTERVAL=$INTERVAL SERVICE_JAVA_OPTS=\"$JOPTS\" flock /tmp/mvn.lock bench/footprint/run.sh\` at $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(prometheus-alertmanager --version 2>&1 | head -1 | sed 's/ (.*//'), $(prometheus-blackbox-exporter --version 2>&1 | head -1 | sed 's/ (.*//'), $(nginx -v 2>&1)."
  echo "Driftsvakt: production artifact (JVM, $JOPTS), Kafka and PostgreSQL in a separate JVM (not counted: in production"
  echo "they are shared services). Loads with wrk on this machine, $DURATION s each; memory under load is the highest"
  echo "resident set sampled once a second."
  echo
  echo "## Start-up"
  echo
  echo "| | Start-up to ready | Ratio Driftsvakt / peer |"
  echo "|---|---|---|"
  printf "| Driftsvakt, 1,000-component catalog, probes off (process start → \`/q/health/ready\` UP; $STARTS starts) | **%s s** median (%s); Quarkus logs \"%s\" | |\n" "$STARTUP_MED" "${STARTS_S[*]}" "$QUARKUS_LOG"
  printf "| Driftsvakt, %s HTTP checks | %s s | |\n" "$CHECKS" "$PROBE_STARTUP"
  printf "| Alertmanager (→ \`/-/ready\`) | %s s | %s |\n" "$AM_START" "$(x "$STARTUP_MED" "$AM_START")"
  printf "| (Driftsvakt's CPU at idle afterwards, 1,000 components, nothing sent: %s cores over 20 s) | | |\n" "$DV_IDLE_CORES"
  printf "| blackbox_exporter (→ first successful probe) | %s s | %s (with %s checks) |\n" "$BB_START" "$(x "$PROBE_STARTUP" "$BB_START")" "$CHECKS"
  echo
  echo "## Resident memory (MiB)"
  echo
  echo "| Load | Driftsvakt | Peer | Peer's memory | Ratio Driftsvakt / peer |"
  echo "|---|---|---|---|---|"
  printf "| idle (1,000 components, 30 s after ready) | **%s** | Alertmanager / blackbox_exporter / nginx idle | %s / %s / %s | %s / %s / %s |\n" "$DV_IDLE" "$AM_IDLE" "$BB_IDLE" "$NG_IDLE" "$(x "$DV_IDLE" "$AM_IDLE")" "$(x "$DV_IDLE" "$BB_IDLE")" "$(x "$DV_IDLE" "$NG_IDLE")"
  printf "| signals, 100 per POST (\`bench/ingest/batch.lua\`, storm) | %s | — | | |\n" "$DV_SIGNALS"
  printf "| Alertmanager alerts, 100 per POST (\`bench/grouping/intake.lua\`) | %s | Alertmanager, same alerts on its API | %s | %s |\n" "$DV_ALERTS" "$AM_LOAD" "$(x "$DV_ALERTS" "$AM_LOAD")"
  printf "| driftsweb front page (wrk, 50 connections) | %s | nginx serving a saved copy (master + worker) | %s | %s |\n" "$DV_WEB" "$NG_LOAD" "$(x "$DV_WEB" "$NG_LOAD")"
  printf "| probing, %s checks every %s | %s | blackbox_exporter as fast as it goes (wrk, 50 connections) | %s | %s |\n" "$CHECKS" "$INTERVAL" "$DV_PROBE" "$BB_LOAD" "$(x "$DV_PROBE" "$BB_LOAD")"
  printf "| after the three loads | %s | | | |\n" "$DV_AFTER"
  echo
  echo "Fan-out to 100,000 recipients: see the latest \`bench/results/*-fanout.md\` (resident memory at its end). Driftsvakt is one"
  echo "process doing what the three peers do together (plus incidents, problems, status and notification), so its"
  echo "memory is compared with theirs for orientation only; most of it is the JVM's heap, sized by \`-Xmx\` /"
  echo "\`MaxRAMPercentage\` and kept once grown."
} > "$OUT"
cat "$OUT"
