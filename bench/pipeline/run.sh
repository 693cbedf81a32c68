#!/usr/bin/env bash
# Pipeline latency benchmark: signals at a fixed rate (default 1,000/s, one per POST) through the production
# artifact, and the time from each incident-opening signal to the first event on driftsvakt.problems that lists
# its incident (p50/p90/p99/max), with the intermediate time to driftsvakt.incidents. Kafka and PostgreSQL run in
# a separate JVM; the load generator and watcher (bench.PipelineLatency) in another; all on this machine.
# Usage: bench/pipeline/run.sh   (COMPONENTS=1000 RATE=1000 DURATION=90 WARMUP=30 NAME=pipeline REBUILD=)
# The issue-3 figure: DURATION=360 WARMUP=60 REBUILD=1 (five minutes counted, from 60 s after start).
set -euo pipefail
cd "$(dirname "$0")/../.."
COMPONENTS=${COMPONENTS:-1000}; RATE=${RATE:-1000}; DURATION=${DURATION:-90}; WARMUP=${WARMUP:-30}
NAME=${NAME:-pipeline}
. bench/lib.sh
bench_init pipeline
bench_build
bench_infra
python3 bench/ingest/catalog.py "$COMPONENTS" "$WORK/catalog.yaml"

DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=18083 DRIFTSVAKT_PROBE_ENABLED=false \
DRIFTSVAKT_INGEST_TOKEN_SHA256=$(echo -n bench-ingest | sha256sum | cut -d' ' -f1) \
  java ${SERVICE_JAVA_OPTS:--Xmx1g} -Xlog:gc:file="$WORK/gc.log" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
until curl -sf localhost:18083/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done

C0=$(cpu $SVC); A0=$(allcpu); I0=$(cpu $INFRA); P0=$(pgcpu)
# CPU seconds used so far, sampled every second, to set the slowest seconds (latencies.csv) against.
( while kill -0 $SVC 2>/dev/null; do
    echo "$(date +%s%3N) $(cpu $SVC) $(cpu $INFRA) $(pgcpu) $(allcpu)"; sleep 1
  done ) > "$WORK/cpu.txt" 2>/dev/null & PIDS+=($!)
java -Xmx512m -Xlog:gc:file="$WORK/gen-gc.log" -cp "$CP" no.nhn.driftsvakt.bench.PipelineLatency http://localhost:18083 "$KAFKA_BOOTSTRAP_SERVERS" \
  "$COMPONENTS" "$RATE" "$DURATION" "$WARMUP" "$WORK/result.txt" & GEN=$!
sleep 1; G0=$(cpu $GEN)
GENCPU=$G0; while kill -0 $GEN 2>/dev/null; do GENCPU=$(cpu $GEN 2>/dev/null || echo $GENCPU); sleep 1; done
wait $GEN
CPUS=$(echo "$(cpu $SVC) - $C0" | bc -l); ACPUS=$(echo "$(allcpu) - $A0" | bc -l)
ICPUS=$(echo "$(cpu $INFRA) - $I0" | bc -l); PCPUS=$(echo "$(pgcpu) - $P0" | bc -l)
LOAD=$(cut -d' ' -f1 /proc/loadavg)
declare -A R
for kv in $(cat "$WORK/result.txt"); do R[${kv%%=*}]=${kv#*=}; done
# Stages (driftsvakt.pipeline.stage): count, mean, max and the bucket bound under which 50 % / 99 % fall.
STAGES=$(curl -s localhost:18083/q/metrics | awk '
  /^driftsvakt_pipeline_stage_seconds_bucket/ { match($0, /stage="[^"]*"/); st = substr($0, RSTART + 7, RLENGTH - 8);
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); n[st]++; b[st, n[st]] = le; c[st, n[st]] = $2 }
  /^driftsvakt_pipeline_stage_seconds_count/ { match($0, /stage="[^"]*"/); cnt[substr($0, RSTART + 7, RLENGTH - 8)] = $2 }
  /^driftsvakt_pipeline_stage_seconds_sum/ { match($0, /stage="[^"]*"/); sum[substr($0, RSTART + 7, RLENGTH - 8)] = $2 }
  /^driftsvakt_pipeline_stage_seconds_max/ { match($0, /stage="[^"]*"/); mx[substr($0, RSTART + 7, RLENGTH - 8)] = $2 }
  END { for (st in cnt) { p50 = ">5 s"; p99 = ">5 s"; f50 = 0; f99 = 0
      for (i = 1; i <= n[st]; i++) { ms = b[st, i] == "+Inf" ? ">5 s" : "≤ " b[st, i] * 1000 " ms"
        if (!f50 && c[st, i] >= 0.5 * cnt[st]) { p50 = ms; f50 = 1 } if (!f99 && c[st, i] >= 0.99 * cnt[st]) { p99 = ms; f99 = 1 } }
      printf "| %s | %d | %.1f ms | %s | %s | %.0f ms |\n", st, cnt[st], cnt[st] ? 1000 * sum[st] / cnt[st] : 0, p50, p99, 1000 * mx[st] } }' | sort)
GC=$(awk '/Pause/ { n++; v = $NF; sub(/ms/, "", v); v += 0; t += v; if (v > m) m = v } END { printf "%d pauses, %.0f ms in all, longest %.1f ms", n, t, m }' "$WORK/gc.log")
CORR=$(curl -s localhost:18083/q/metrics | awk '/^driftsvakt_correlation_duration_seconds_(count|sum|max)/ { v[$1]=$2 } END { for (k in v) print k, v[k] }')

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Pipeline latency benchmark (signal → problem), $DATE"
  echo
  echo "Command: \`COMPONENTS=$COMPONENTS RATE=$RATE DURATION=$DURATION WARMUP=$WARMUP bench/pipeline/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Code: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ', with uncommitted changes'); artifact built $(date -u -r target/quarkus-app/quarkus-run.jar '+%F %H:%M') UTC."
  echo "Service: production artifact, ${SERVICE_JAVA_OPTS:--Xmx1g}; Kafka and PostgreSQL in a separate JVM; load generator"
  echo "and watcher (\`bench.PipelineLatency\`, one signal per POST over 128 keep-alive connections with the minimal blocking"
  echo "client \`bench.PlainHttp\`) in a third; all on this machine."
  echo
  echo "Workload: every second each of the $COMPONENTS components gets one signal with its current state; each second one"
  echo "hub and its 10 services fail (11 new incidents that form a problem, joined by other hubs of the same site through"
  echo "the \`site\` label) and the hub group that failed 10 s earlier recovers. Most signals repeat a known failure."
  echo "Latency is from the signal's \`at\` (set just before its POST) to the first event on \`driftsvakt.problems\` that"
  echo "lists the incident it opened: REST intake, Kafka, incident engine and PostgreSQL, outbox relay, correlator,"
  echo "outbox relay again, Kafka. The first $WARMUP s are not counted. Two end points: when the watcher (in the load"
  echo "generator's JVM, beside its 128 sending threads) reads the event, and when the broker appended it (the bench sets"
  echo "\`driftsvakt.problems\` to LogAppendTime), which leaves out the watcher's own delays."
  echo
  echo "| Measure | Value |"
  echo "|---|---|"
  printf "| signals sent / accepted (202) / refused | %s / %s / %s |\n" "${R[sent]}" "${R[accepted]}" "${R[refused]}"
  printf "| sustained rate | %s signals/s over %s s |\n" "${R[rate]}" "${R[seconds]}"
  printf "| sends more than 50 ms behind schedule | %s |\n" "${R[late]}"
  printf "| POST → 202 (as the load generator sees it), p50 / p99 | %s ms / %s ms |\n" "${R[http_p50]}" "${R[http_p99]}"
  printf "| incidents opened (counted) / listed in a problem / never listed | %s / %s / %s |\n" "${R[incidents]}" "${R[in_problem]}" "${R[not_in_problem]}"
  printf "| signal → incident event, p50 / p99 | %s ms / %s ms |\n" "${R[incident_p50]}" "${R[incident_p99]}"
  printf "| **signal → problem event, p50 / p90 / p99 / max** | **%s ms / %s ms / %s ms / %s ms** |\n" "${R[problem_p50]}" "${R[problem_p90]}" "${R[problem_p99]}" "${R[problem_max]}"
  printf "| signal → problem event appended on the broker (LogAppendTime, without the watcher's own delays), p50 / p90 / p99 / max (of %s) | %s ms / %s ms / %s ms / %s ms |\n" "${R[appended]}" "${R[appended_p50]}" "${R[appended_p90]}" "${R[appended_p99]}" "${R[appended_max]}"
  printf "| service CPU during the run | %.1f s (%.2f cores) |\n" "$CPUS" "$(echo "$CPUS / ${R[seconds]}" | bc -l)"
  printf "| whole machine busy / load generator / the rest (Kafka, PostgreSQL, other) | %.2f / %.2f / %.2f cores |\n" "$(echo "$ACPUS / ${R[seconds]}" | bc -l)" "$(echo "($GENCPU - $G0) / ${R[seconds]}" | bc -l)" "$(echo "($ACPUS - $CPUS - $GENCPU + $G0) / ${R[seconds]}" | bc -l)"
  printf "| of the rest: Kafka's JVM / PostgreSQL | %.2f / %.2f cores |\n" "$(echo "$ICPUS / ${R[seconds]}" | bc -l)" "$(echo "$PCPUS / ${R[seconds]}" | bc -l)"
  printf "| load average (1 min) at the end / service GC | %s / %s |\n" "$LOAD" "$GC"
  echo
  echo "Stages (\`driftsvakt.pipeline.stage\`, whole run including warm-up; p50/p99 as the bucket they fall in):"
  echo
  echo "| Stage | Count | Mean | p50 | p99 | Max (last minutes) |"
  echo "|---|---|---|---|---|---|"
  echo "$STAGES"
  echo
  echo "Correlation runs (Micrometer, whole run):"
  echo
  echo '```'
  echo "$CORR"
  echo '```'
  echo
  echo "Target (issue 3): p99 signal → problem < 100 ms at 1,000 signals/s."
} > "$OUT"
cat "$OUT"
