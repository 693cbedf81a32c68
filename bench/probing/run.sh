#!/usr/bin/env bash
# Probing benchmark (issue 8): the same N local nginx HTTP targets probed by Driftsvakt and by Prometheus
# blackbox_exporter driven at the rate Driftsvakt probed. CPU seconds per 1,000 probes (from /proc/<pid>/stat; nginx,
# the drivers, Kafka and PostgreSQL not counted) and the highest sustainable probe rate of each.
#  - Driftsvakt: bench/probe/run.sh (production artifact, each of RUNS; every result is
#    also published to Kafka, judged by the detector and read by the status view in the same process).
#  - blackbox_exporter: GET /probe?module=http_2xx&target=... as Prometheus scrapes it, at Driftsvakt's measured rate
#    by bench.ProbeDriver (fixed rate, keep-alive scrapes); its highest rate with wrk (2 threads, 50 connections).
# Run it under the shared lock:  flock /tmp/mvn.lock bench/probing/run.sh
# Usage: RUNS="10000@30s 10000@5s 20000@5s" WARMUP=60 MEASURE=60 NAME=probing REUSE= REBUILD= bench/probing/run.sh
# RUNS: Driftsvakt runs as checks@interval (a check's 5 s timeout must fit its interval); the last one is the highest
# rate tried. REUSE=1: take a Driftsvakt run from today's results file of the same name instead of running it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKS=${CHECKS:-10000}; RUNS=${RUNS:-10000@30s 10000@5s 20000@5s}; WARMUP=${WARMUP:-60}; MEASURE=${MEASURE:-60}
NAME=${NAME:-probing}
WORK=$PWD/bench/work/probing; rm -rf "$WORK"; mkdir -p "$WORK"
BB_PORT=19115
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -q nginx >/dev/null; }
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
command -v prometheus-blackbox-exporter >/dev/null || { echo "installing prometheus-blackbox-exporter"; apt-get install -y -q prometheus-blackbox-exporter >/dev/null; }
CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ printf "%.2f", ($14 + $15) / clk }' /proc/$1/stat; }
rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$1/status; }
kv() { tr ' ' '\n' < "$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

# ---- Driftsvakt, one run per interval ----
declare -A DV_RATE DV_PER1K DV_CORES DV_FAILED DV_RSS DV_CHECKS
label() { local c=${1%@*} i=${1#*@}; if [ "$c" = 10000 ]; then echo "$i"; else echo "$c-$i"; fi; }
for run in $RUNS; do
  c=${run%@*}; i=${run#*@}; l=$(label "$run"); DV_CHECKS[$l]=$c
  f=bench/results/$(date +%F)-$NAME-driftsvakt-$l.md
  if [ -n "${REUSE:-}" ] && [ -f "$f" ]; then
    echo "Driftsvakt: $c checks every $i: reusing $f"; cp "$f" "$WORK/dv-$l.md"
  else
    echo "Driftsvakt: $c checks every $i"
    CHECKS=$c INTERVAL=$i WARMUP=$WARMUP MEASURE=$MEASURE NAME="$NAME-driftsvakt-$l" bench/probe/run.sh > "$WORK/dv-$l.md"
  fi
  DV_RATE[$l]=$(awk -F'|' '/^\| probe rate/ { gsub(/[^0-9.]/, "", $3); print $3 }' "$WORK/dv-$l.md")
  DV_PER1K[$l]=$(awk -F'|' '/^\| CPU per 1,000/ { split($3, a, "*"); gsub(/[^0-9.]/, "", a[3]); print a[3] }' "$WORK/dv-$l.md")
  DV_CORES[$l]=$(awk -F'|' '/^\| CPU used/ { split($3, a, "*"); gsub(/[^0-9.]/, "", a[3]); print a[3] }' "$WORK/dv-$l.md")
  DV_FAILED[$l]=$(sed -n 's/^| probes measured.*(\([0-9]*\) failed).*/\1/p' "$WORK/dv-$l.md")
  DV_RSS[$l]=$(awk -F'|' '/^\| resident memory/ { gsub(/[^0-9]/, "", $3); print $3 }' "$WORK/dv-$l.md")
done

# ---- blackbox_exporter at the same rates, then at its highest ----
nginx -c "$PWD/bench/probe/nginx.conf" > "$WORK/nginx.log" 2>&1 & PIDS+=($!)
prometheus-blackbox-exporter --config.file=bench/probing/blackbox.yml --web.listen-address=127.0.0.1:$BB_PORT \
  --log.level=warn > "$WORK/blackbox.log" 2>&1 & BB=$!; PIDS+=($BB)
until curl -sf "localhost:$BB_PORT/probe?module=http_2xx&target=http://127.0.0.1:18080/health/1" | grep -q '^probe_success 1'; do sleep 0.2; kill -0 $BB; done
BB_RSS_IDLE=$(rss $BB)
if [ ! -d target/test-classes/no/nhn/driftsvakt/bench ] || [ ! -f bench/work/probe/cp.txt ]; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=bench/work/probe/cp.txt -Dmdep.includeScope=test
fi
CP="target/test-classes:target/classes:$(cat bench/work/probe/cp.txt)"
declare -A BB_RATE BB_PER1K BB_CORES BB_FAILED BB_RSS BB_P99
for run in $RUNS; do
  i=$(label "$run")
  r=$(printf "%.0f" "${DV_RATE[$i]}")
  echo "blackbox_exporter at $r probes/s"
  java -Xmx256m -cp "$CP" no.nhn.driftsvakt.bench.ProbeDriver "http://127.0.0.1:$BB_PORT" "http://127.0.0.1:18080/health/" \
    "${DV_CHECKS[$i]}" "$r" 15 64 "$WORK/bb-warm.txt" > /dev/null
  c0=$(cpu $BB)
  java -Xmx256m -cp "$CP" no.nhn.driftsvakt.bench.ProbeDriver "http://127.0.0.1:$BB_PORT" "http://127.0.0.1:18080/health/" \
    "${DV_CHECKS[$i]}" "$r" "$MEASURE" 64 "$WORK/bb-$i.txt" > /dev/null
  c=$(echo "$(cpu $BB) - $c0" | bc -l); s=$(kv "$WORK/bb-$i.txt" seconds); ok=$(kv "$WORK/bb-$i.txt" ok)
  BB_RATE[$i]=$(kv "$WORK/bb-$i.txt" rate); BB_FAILED[$i]=$(kv "$WORK/bb-$i.txt" failed); BB_P99[$i]=$(kv "$WORK/bb-$i.txt" p99)
  BB_PER1K[$i]=$(printf "%.3f" "$(echo "1000 * $c / $ok" | bc -l)"); BB_CORES[$i]=$(printf "%.3f" "$(echo "$c / $s" | bc -l)")
  BB_RSS[$i]=$(rss $BB)
done
echo "blackbox_exporter: highest rate (wrk, 50 connections, ${MEASURE}s)"
TARGETS=$CHECKS wrk -t2 -c50 -d15s -s bench/probing/max.lua "http://127.0.0.1:$BB_PORT" > /dev/null 2>&1 || true
c0=$(cpu $BB); t0=$(date +%s.%N)
TARGETS=$CHECKS wrk -t2 -c50 -d"${MEASURE}s" --latency -s bench/probing/max.lua "http://127.0.0.1:$BB_PORT" \
  > "$WORK/bb-max.txt" 2> "$WORK/bb-max.err" || true
c=$(echo "$(cpu $BB) - $c0" | bc -l); wall=$(echo "$(date +%s.%N) - $t0" | bc -l)
BB_MAX_RPS=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/bb-max.txt"); BB_MAX_REQ=$(awk '/requests in/ { print $1 }' "$WORK/bb-max.txt")
BB_MAX_FAILED=$(wc -l < "$WORK/bb-max.err"); BB_MAX_P99=$(awk '/^ +99%/ { print $2 }' "$WORK/bb-max.txt")
BB_MAX_OKRATE=$(printf "%.0f" "$(echo "($BB_MAX_REQ - $BB_MAX_FAILED) / $wall" | bc -l)")
BB_MAX_PER1K=$(printf "%.3f" "$(echo "1000 * $c / ($BB_MAX_REQ - $BB_MAX_FAILED)" | bc -l)"); BB_MAX_CORES=$(printf "%.2f" "$(echo "$c / $wall" | bc -l)")
BB_MAX_RSS=$(rss $BB)

LAST=$(label "$(echo $RUNS | awk '{ print $NF }')")
FIRSTL=$(label "$(echo $RUNS | awk '{ print $1 }')")
DV_MAX=$(printf "%.0f" "${DV_RATE[$LAST]}")
DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Probing benchmark: Driftsvakt vs blackbox_exporter, $DATE"
  echo
  echo "Command: \`RUNS=\"$RUNS\" WARMUP=$WARMUP MEASURE=$MEASURE flock /tmp/mvn.lock bench/probing/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(prometheus-blackbox-exporter --version 2>&1 | head -1 | sed 's/ (.*//'), nginx $(nginx -v 2>&1 | sed 's/.*\///')."
  echo "Targets: one URL per check on one local nginx (\`/health/<n>\` answers 200 \`{\"status\":\"ok\"}\`). The check is the same for"
  echo "both: HTTP GET on a new TCP connection, 2xx, body contains \`ok\`, timeout 5 s (\`bench/probing/blackbox.yml\`)."
  echo "Driftsvakt: production artifact, -Xmx512m, its own scheduler (N checks at the interval), and every result"
  echo "published to Kafka, judged by the detector and tailed by the status view, all in the measured process (Kafka and"
  echo "PostgreSQL in a separate JVM, not counted); ${WARMUP} s warm-up, ${MEASURE} s measured (per-interval files linked)."
  echo "blackbox_exporter: driven like Prometheus drives it, one scrape of \`/probe?module=http_2xx&target=...\` per probe"
  echo "(keep-alive to the exporter), at the rate Driftsvakt achieved, by \`bench.ProbeDriver\` (15 s warm-up, ${MEASURE} s"
  echo "measured); then as fast as it goes with wrk. blackbox does no more than probe and answer; it keeps no state."
  echo
  echo "| Driftsvakt run (checks, interval) | Probe rate | Driftsvakt CPU-s / 1,000 probes (cores) | blackbox CPU-s / 1,000 probes (cores) | **Ratio of probes per CPU-s, Driftsvakt / blackbox** | Failed probes D / b |"
  echo "|---|---|---|---|---|---|"
  for run in $RUNS; do
    i=$(label "$run")
    printf "| [%s](%s) | %s /s | %s (%s) | %s (%s) | **%.2f** | %s / %s |\n" "${DV_CHECKS[$i]} every ${run#*@}" "$DATE-$NAME-driftsvakt-$i.md" "${DV_RATE[$i]}" \
      "${DV_PER1K[$i]}" "${DV_CORES[$i]}" "${BB_PER1K[$i]}" "${BB_CORES[$i]}" \
      "$(echo "${BB_PER1K[$i]} / ${DV_PER1K[$i]}" | bc -l)" "${DV_FAILED[$i]}" "${BB_FAILED[$i]}"
  done
  echo
  echo "| Highest sustainable probe rate | Driftsvakt | blackbox_exporter | Ratio |"
  echo "|---|---|---|---|"
  printf "| probes/s | %s (%s checks every %s: %s cores, %s CPU-s / 1,000) | %s (wrk, 50 connections: %s cores, %s CPU-s / 1,000, scrape p99 %s, %s failed) | %.2f |\n" \
    "$DV_MAX" "${DV_CHECKS[$LAST]}" "${LAST#*-}" "${DV_CORES[$LAST]}" "${DV_PER1K[$LAST]}" "$BB_MAX_OKRATE" "$BB_MAX_CORES" "$BB_MAX_PER1K" "$BB_MAX_P99" "$BB_MAX_FAILED" \
    "$(echo "$DV_MAX / $BB_MAX_OKRATE" | bc -l)"
  echo
  printf "Resident memory: Driftsvakt %s MiB (30 s interval) to %s MiB (%s); blackbox_exporter %s MiB idle, %s–%s MiB under load.\n" \
    "${DV_RSS[$FIRSTL]}" "${DV_RSS[$LAST]}" "$LAST" "$BB_RSS_IDLE" "${BB_RSS[$FIRSTL]}" "$BB_MAX_RSS"
  echo
  echo "Goal (issue 8): probing ≥ 2× blackbox_exporter's rate per CPU second (the ratio column ≥ 2)."
} > "$OUT"
cat "$OUT"
