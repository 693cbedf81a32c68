#!/usr/bin/env bash
# Driftsweb benchmark: wrk (2 threads, 50 connections) against driftsweb's front page on the production artifact,
# and against nginx serving a saved copy of the same page, in the same run; requests/s, latency percentiles and the
# service's resident memory before, during and after. Kafka and PostgreSQL run in a separate JVM (BenchInfra).
# Usage: bench/driftsweb/run.sh   (DURATION=30 WARMUP=15 CONNECTIONS=50 THREADS=2 NAME=driftsweb REBUILD=)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-30}; WARMUP=${WARMUP:-15}; CONNECTIONS=${CONNECTIONS:-50}; THREADS=${THREADS:-2}
NAME=${NAME:-driftsweb}
WORK=$PWD/bench/work/driftsweb; rm -rf "$WORK"; mkdir -p "$WORK/www"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -q nginx >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test

java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" no.nhn.driftsvakt.bench.BenchInfra \
  "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
set -a; . "$WORK/infra.env"; set +a

# The built-in catalog (38 components in 6 categories, as NHN's own); its checks probe the service's simulator.
QUARKUS_HTTP_PORT=18090 \
  java ${SERVICE_JAVA_OPTS:--Xmx512m} -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
until curl -sf localhost:18090/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done
sleep 5
rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$SVC/status; }

curl -s localhost:18090/ -o "$WORK/www/front.html"
BYTES=$(stat -c %s "$WORK/www/front.html")
sed "s#@ROOT@#$WORK/www#" bench/driftsweb/nginx.conf.in > "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" > "$WORK/nginx.log" 2>&1 & PIDS+=($!)
sleep 1
curl -sf localhost:18091/ -o /dev/null

run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency "$1" > "$3"; }
rps() { awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }

echo "page: $BYTES bytes; warming up both for ${WARMUP}s"
run http://localhost:18091/ "$WARMUP" "$WORK/warm-nginx.txt"
RSS0=$(rss)
run http://localhost:18090/ "$WARMUP" "$WORK/warm-service.txt"
RSS1=$(rss)
echo "measuring ${DURATION}s each"
run http://localhost:18091/ "$DURATION" "$WORK/nginx.txt"
( sleep $((DURATION / 2)); rss > "$WORK/rss-mid" ) & MID=$!
run http://localhost:18090/ "$DURATION" "$WORK/service.txt"
wait "$MID"
RSSMID=$(cat "$WORK/rss-mid")
run http://localhost:18090/ "$DURATION" "$WORK/service-2.txt"
RSS2=$(rss)
NG=$(rps "$WORK/nginx.txt"); DW=$(rps "$WORK/service.txt"); DW2=$(rps "$WORK/service-2.txt")
RATIO=$(printf "%.2f" "$(echo "$DW / $NG" | bc -l)")

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Driftsweb benchmark: front page vs nginx, $DATE"
  echo
  echo "Command: \`DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS bench/driftsweb/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(nginx -v 2>&1), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "Service: production artifact, ${SERVICE_JAVA_OPTS:--Xmx512m}, built-in catalog; Kafka and PostgreSQL in a separate JVM."
  echo "Page: driftsweb's front page in bokmål, $BYTES bytes; nginx serves the same bytes saved to a file (sendfile, keep-alive)."
  echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per run, after ${WARMUP}s of warm-up each; all on this machine."
  echo
  echo "| Server | Requests/s | p50 | p90 | p99 |"
  echo "|---|---|---|---|---|"
  echo "| nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (saved copy) | $NG | $(pct "$WORK/nginx.txt" 50%) | $(pct "$WORK/nginx.txt" 90%) | $(pct "$WORK/nginx.txt" 99%) |"
  echo "| driftsweb, run 1 | $DW | $(pct "$WORK/service.txt" 50%) | $(pct "$WORK/service.txt" 90%) | $(pct "$WORK/service.txt" 99%) |"
  echo "| driftsweb, run 2 | $DW2 | $(pct "$WORK/service-2.txt" 50%) | $(pct "$WORK/service-2.txt" 90%) | $(pct "$WORK/service-2.txt" 99%) |"
  echo
  echo "**Ratio driftsweb / nginx (run 1): $RATIO** (goal ≥ 0.5; p99 goal < 20 ms)."
  echo
  echo "Service resident memory: $RSS0 MiB before, $RSS1 MiB after warm-up, $RSSMID MiB during run 1, $RSS2 MiB after run 2."
} > "$OUT"
cat "$OUT"
