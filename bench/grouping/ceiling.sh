#!/usr/bin/env bash
# The ceiling of the grouping bench's sustained-intake run on this machine (issue 8): the same wrk command and requests
# (bench/grouping/intake.lua, 2 threads, 20 connections, INTAKE_BATCH alerts per POST) against nginx answering 202
# without doing anything with the body but reading it. No server that at least reads the alerts can take more on this
# machine with this load generator, so this says whether "intake >= 3x Alertmanager" can be reached here at all.
# Usage: INTAKE_BATCH=100 DURATION=30 WARMUP=15 COMPONENTS=1000 NAME=grouping-ceiling bench/grouping/ceiling.sh
#        AM_ALERTS=89426 (Alertmanager's sustained intake, alerts/s, from the latest grouping run, for the ratio)
set -euo pipefail
cd "$(dirname "$0")/../.."
INTAKE_BATCH=${INTAKE_BATCH:-100}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-15}; COMPONENTS=${COMPONENTS:-1000}
NAME=${NAME:-grouping-ceiling}; AM_ALERTS=${AM_ALERTS:-89426}; PORT=19098
. bench/lib.sh
bench_init ceiling
W=$PWD/$WORK
command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -q nginx >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
cat > "$W/nginx.conf" <<EOF
worker_processes auto;
pid $W/nginx.pid;
error_log $W/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_max_body_size 2m;
  server {
    listen 127.0.0.1:$PORT;
    location / { return 202 '{"accepted":$INTAKE_BATCH,"duplicates":0}'; }
  }
}
EOF
nginx -c "$W/nginx.conf" -p "$W"
trap 'nginx -c "$W/nginx.conf" -p "$W" -s stop 2>/dev/null || true; bench_cleanup' EXIT
sleep 0.5

declare -A RPS P99 CPUW CPUN
for format in v2 webhook; do
  FORMAT=$format COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${WARMUP}s" -s bench/grouping/intake.lua \
    "http://127.0.0.1:$PORT" > "$WORK/$format-warm.txt" 2>/dev/null || true
  N0=0; for p in $(pgrep -x nginx); do N0=$(echo "$N0 + $(cpu "$p")" | bc -l); done; A0=$(allcpu)
  FORMAT=$format COMPONENTS=$COMPONENTS BATCH=$INTAKE_BATCH wrk -t2 -c20 -d"${DURATION}s" --latency \
    -s bench/grouping/intake.lua "http://127.0.0.1:$PORT" > "$WORK/$format.txt" 2>&1
  N1=0; for p in $(pgrep -x nginx); do N1=$(echo "$N1 + $(cpu "$p")" | bc -l); done; A1=$(allcpu)
  RPS[$format]=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$format.txt")
  P99[$format]=$(awk '/^ +99%/ { print $2 }' "$WORK/$format.txt")
  CPUN[$format]=$(echo "($N1 - $N0) / $DURATION" | bc -l)
  CPUW[$format]=$(echo "($A1 - $A0 - $N1 + $N0) / $DURATION" | bc -l)
  echo "$format: ${RPS[$format]} requests/s"
done

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Grouping intake ceiling, $DATE"
  echo
  echo "Command: \`INTAKE_BATCH=$INTAKE_BATCH DURATION=$DURATION WARMUP=$WARMUP COMPONENTS=$COMPONENTS AM_ALERTS=$AM_ALERTS bench/grouping/ceiling.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(nginx -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "The grouping bench's sustained-intake requests (wrk, 2 threads, 20 connections, $INTAKE_BATCH alerts per POST,"
  echo "bodies built by bench/grouping/intake.lua) against nginx answering 202 after reading and discarding the body:"
  echo "the most any server that reads the alerts can take on this machine with this load generator."
  echo
  echo "| Requests | requests/s | alerts/s | p99 | nginx / wrk and the rest, cores | vs 3× Alertmanager ($AM_ALERTS × 3 = $((AM_ALERTS * 3)) alerts/s) |"
  echo "|---|---|---|---|---|---|"
  for format in v2 webhook; do
    A=$(echo "${RPS[$format]} * $INTAKE_BATCH" | bc -l)
    printf "| %s | %.0f | **%.0f** | %s | %.2f / %.2f | %.2f |\n" "$format" "${RPS[$format]}" "$A" "${P99[$format]}" \
      "${CPUN[$format]}" "${CPUW[$format]}" "$(echo "$A / ($AM_ALERTS * 3)" | bc -l)"
  done
  echo
  echo "v2: Alertmanager's own API (POST /api/v2/alerts), what Alertmanager's intake is measured with; webhook: the"
  echo "version-4 webhook Driftsvakt takes (the same alerts with a status and the webhook's envelope)."
} > "$OUT"
cat "$OUT"
