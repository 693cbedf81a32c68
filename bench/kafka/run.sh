#!/usr/bin/env bash
# Kafka-path benchmark (issue 3: "the Kafka path >= 20,000 signals/s sustained"): an outside producer writes storm
# signals straight to driftsvakt.signals (SignalFlood, acks=all) and the production artifact's incident engine and
# status projection consume them. Kafka and PostgreSQL run in a separate JVM on the same machine.
#   1. backlog: COUNT signals are written while the service is down; the service starts and works them off:
#      the drain rate is the most the consumer side can decide per second;
#   2. sustained: the producer writes RATE signals/s for SUSTAIN seconds while the service runs; the consumer side
#      keeps up when its lag stays small and it has decided everything shortly after the producer stops. The
#      producer is a JVM started for the phase, so its first seconds (and the storm's start) build a lag that a
#      run of 30 s cannot tell from falling behind: the lag after the first 30 s is what says "sustained".
# Usage: bench/kafka/run.sh   (COUNT=1000000 RATE=20000 SUSTAIN=120 COMPONENTS=1000 NAME=kafka SERVICE_JAVA_OPTS=-Xmx1g)
# Issue 3's figure: COUNT=500000 RATE=20000 SUSTAIN=120 COMPONENTS=1000 bench/kafka/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-1000000}; RATE=${RATE:-20000}; SUSTAIN=${SUSTAIN:-120}; COMPONENTS=${COMPONENTS:-1000}
NAME=${NAME:-kafka}; OPTS=${SERVICE_JAVA_OPTS:--Xmx1g}
. bench/lib.sh
bench_init kafka
bench_build
bench_infra
python3 bench/ingest/catalog.py "$COMPONENTS" "$WORK/catalog.yaml"

start_service() { # extra java options...
  DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=18083 DRIFTSVAKT_PROBE_ENABLED=false \
    java $OPTS "$@" -jar target/quarkus-app/quarkus-run.jar >> "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
  until curl -sf localhost:18083/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done
}
metric() { curl -s localhost:18083/q/metrics | awk -v m="$1" '$0 ~ "^"m { s += $2 } END { printf "%d", s }'; }
decided() { metric 'driftsvakt_incident_decisions_total'; }
now() { date +%s.%N; }

echo "creating the topics (service with its consumers off)"
start_service -Dmp.messaging.incoming.signals-in.enabled=false -Dmp.messaging.incoming.signals-in-incidents.enabled=false
kill $SVC; wait $SVC 2>/dev/null || true

echo "writing $COUNT signals to driftsvakt.signals"
java -cp "$CP" no.nhn.driftsvakt.bench.SignalFlood "$KAFKA_BOOTSTRAP_SERVERS" "$COUNT" "$COMPONENTS" 0 backlog \
  2> "$WORK/flood.err" | tee "$WORK/flood.txt"
FLOOD=$(awk '/^produced/ { print $(NF-1) }' "$WORK/flood.txt")

echo "working off the backlog"
start_service
T0=$(now); C0=$(cpu $SVC); M0=$(allcpu); I0=$(cpu $INFRA); P0=$(pgcpu)
for _ in $(seq 2400); do [ "$(decided)" -ge "$COUNT" ] && break; sleep 0.25; done
T1=$(now); C1=$(cpu $SVC); M1=$(allcpu); I1=$(cpu $INFRA); P1=$(pgcpu); D1=$(decided)
DRAIN_S=$(echo "$T1 - $T0" | bc -l)
DRAIN_RATE=$(echo "$D1 / $DRAIN_S" | bc -l)
DRAIN_CPU=$(echo "($C1 - $C0) / $DRAIN_S" | bc -l)
DRAIN_MCPU=$(echo "($M1 - $M0) / $DRAIN_S" | bc -l)
DRAIN_ICPU=$(echo "($I1 - $I0) / $DRAIN_S" | bc -l); DRAIN_PCPU=$(echo "($P1 - $P0) / $DRAIN_S" | bc -l)
echo "backlog of $D1 decided in $DRAIN_S s"

echo "sustained: $RATE signals/s for $SUSTAIN s"
sleep 5
B0=$(decided); T0=$(now); C0=$(cpu $SVC); M0=$(allcpu); I0=$(cpu $INFRA); P0=$(pgcpu); S0=$(steal)
java -cp "$CP" no.nhn.driftsvakt.bench.SignalFlood "$KAFKA_BOOTSTRAP_SERVERS" $((RATE * SUSTAIN)) "$COMPONENTS" \
  "$RATE" sustained > "$WORK/sustain.txt" 2> "$WORK/sustain.err" & FP=$!
LAGS=(); D30=; T30=
for i in $(seq $((SUSTAIN / 10))); do
  sleep 10
  D=$(decided); TS=$(now)
  LAGS+=("$(echo "($TS - $T0) * $RATE - ($D - $B0)" | bc -l | awk '{ printf "%d", ($1 < 0 ? 0 : $1) }')")
  [ "$i" = 3 ] && { D30=$D; T30=$TS; }
done
wait $FP; cat "$WORK/sustain.txt"
T1=$(now); C1=$(cpu $SVC); M1=$(allcpu); I1=$(cpu $INFRA); P1=$(pgcpu); S1=$(steal); BEHIND=$(( RATE * SUSTAIN - ($(decided) - B0) ))
for _ in $(seq 2400); do [ $(( $(decided) - B0 )) -ge $((RATE * SUSTAIN)) ] && break; sleep 0.25; done
CATCH=$(echo "$(now) - $T1" | bc -l)
DURING=$(echo "($RATE * $SUSTAIN - $BEHIND) / ($T1 - $T0)" | bc -l)
if [ -n "$D30" ] && [ "${#LAGS[@]}" -gt 3 ]; then
  STEADY=$(echo "(($RATE * $SUSTAIN - $BEHIND) - ($D30 - $B0)) / ($T1 - $T30)" | bc -l)
  LATE_MAX=$(printf '%s\n' "${LAGS[@]:3}" | sort -n | tail -1)
fi
PROD_RATE=$(awk '/^produced/ { print $(NF-1) }' "$WORK/sustain.txt")
SUS_CPU=$(echo "($C1 - $C0) / ($T1 - $T0)" | bc -l)
SUS_MCPU=$(echo "($M1 - $M0) / ($T1 - $T0)" | bc -l)
SUS_STEAL=$(echo "($S1 - $S0) / ($T1 - $T0)" | bc -l)
SUS_ICPU=$(echo "($I1 - $I0) / ($T1 - $T0)" | bc -l); SUS_PCPU=$(echo "($P1 - $P0) / ($T1 - $T0)" | bc -l)
# The producer reports its own CPU seconds (a JVM started for the run, so its JIT compilation included).
SUS_GCPU=$(echo "$(awk '/^cpu / { print $2 }' "$WORK/sustain.txt") / ($T1 - $T0)" | bc -l)
curl -s localhost:18083/q/metrics | grep -E '^driftsvakt_(pipeline_stage|correlation_duration)' > "$WORK/metrics.txt" || true
INCIDENTS=$(metric 'driftsvakt_incident_decisions_total\\{outcome="opened"')

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Kafka-path benchmark, $DATE"
  echo
  echo "Command: \`COUNT=$COUNT RATE=$RATE SUSTAIN=$SUSTAIN COMPONENTS=$COMPONENTS bench/kafka/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Service: production artifact, $OPTS; Kafka and PostgreSQL in a separate JVM, the producer in a third, all on"
  echo "the same machine. Storm: each component's state changes every 10th round (an incident opens, later resolves);"
  echo "the other signals repeat a known failure. Both consumers of driftsvakt.signals run (incident engine, status)."
  echo
  echo "| Measure | Value |"
  echo "|---|---|"
  printf "| backlog written by the producer (acks=all) | %d signals at %.0f/s |\n" "$COUNT" "$FLOOD"
  printf "| **backlog decided by the incident engine** | **%.0f signals/s** (%d in %.1f s from ready) |\n" "$DRAIN_RATE" "$D1" "$DRAIN_S"
  printf "| cores used while working off: service / Kafka's JVM / PostgreSQL / whole machine | %.2f / %.2f / %.2f / %.2f |\n" "$DRAIN_CPU" "$DRAIN_ICPU" "$DRAIN_PCPU" "$DRAIN_MCPU"
  printf "| sustained: producer rate reached | %.0f signals/s for %d s |\n" "$PROD_RATE" "$SUSTAIN"
  printf "| sustained: engine lag every 10 s (signals) | %s |\n" "${LAGS[*]}"
  printf "| sustained: behind when the producer stopped | %d signals |\n" "$BEHIND"
  printf "| sustained: all decided after the producer stopped | %.1f s later |\n" "$CATCH"
  printf "| sustained: decided while the producer ran | %.0f signals/s |\n" "$DURING"
  if [ -n "${STEADY:-}" ]; then
    printf "| **sustained after the first 30 s: highest lag / decided per second** | **%d signals / %.0f signals/s** |\n" "$LATE_MAX" "$STEADY"
  fi
  printf "| cores used while sustained: service / producer / Kafka's JVM / PostgreSQL / whole machine | %.2f / %.2f / %.2f / %.2f / %.2f |\n" "$SUS_CPU" "$SUS_GCPU" "$SUS_ICPU" "$SUS_PCPU" "$SUS_MCPU"
  printf "| CPU taken by the hypervisor while sustained (steal) | %.2f cores |\n" "$SUS_STEAL"
  printf "| incidents opened in all | %d |\n" "$INCIDENTS"
  echo
  echo "Target (issue 3): the Kafka path ≥ 20,000 signals/s sustained (Alertmanager: 20,990/s at 100 alerts per POST)."
} > "$OUT"
cat "$OUT"
