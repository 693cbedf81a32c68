#!/usr/bin/env bash
# Fault suite on the one-machine cluster (docs/reliability.md). One command per scenario:
#
#   deploy/cluster/fault.sh broker-kill   kill -9 one of 3 brokers during a signal burst (32 requests in flight), start it again later
#   deploy/cluster/fault.sh db-restart    stop PostgreSQL under load for 10 s, start it again
#   deploy/cluster/fault.sh fanout-kill   kill -9 one of 2 replicas in the middle of a 10,000-recipient fan-out
#   deploy/cluster/fault.sh fanout-broker-kill   kill -9 one of 3 brokers in the middle of that fan-out
#
# Starts the cluster if needed (2 replicas), sends COUNT signals (default 10,000) at RATE/s (default 200) round-robin
# over the replicas with an at-least-once client (bench: FaultDriver), causes the fault 15 s in, and prints the
# figures: sent, accepted, retries, processed, lost, components with two open incidents.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCENARIO=${1:?broker-kill, db-restart, fanout-kill or fanout-broker-kill}
COUNT=${COUNT:-10000}; RATE=${RATE:-200}; RECIPIENTS=${RECIPIENTS:-10000}
WORK=${WORK:-deploy/work/cluster}
# SMS at 100/s per replica (the provider's pace in the fan-out scenarios; the local outbox stands in for Twilio)
export DRIFTSVAKT_SMS_RATE_PER_SECOND=${DRIFTSVAKT_SMS_RATE_PER_SECOND:-100}
deploy/cluster/run.sh up 2 >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
case "$SCENARIO" in fanout-kill|fanout-broker-kill)
  grep -q '^customerGroups:' "$WORK/catalog.yaml" || { echo "the cluster's catalog has no customer group: run deploy/cluster/run.sh clean first"; exit 2; }
  if [ "$SCENARIO" = fanout-kill ]; then FAULT="deploy/cluster/run.sh kill-service 1"
  else FAULT="deploy/cluster/run.sh kill-broker 2 && (sleep 20; deploy/cluster/run.sh start-broker 2 > /dev/null) &"; fi
  java -cp "$CP" no.nhn.driftsvakt.deploy.FanoutFault http://localhost:18181 cluster-staff \
    "jdbc:postgresql://localhost:15433/driftsvakt" svc-0-0-0 "$RECIPIENTS" "$((RECIPIENTS / 3))" "$FAULT" \
    2>&1 | tee "$WORK/fault-$SCENARIO.log"
  [ "$SCENARIO" = fanout-kill ] && deploy/cluster/run.sh start-service 1 > /dev/null
  grep FAULT-RESULT "$WORK/fault-$SCENARIO.log" | sed "s/^/$SCENARIO $(date -u +%FT%TZ) /" >> "$WORK/fault-results.txt"
  exit 0 ;;
esac
COMPONENTS=$(grep -o 'id: svc-[0-9-]*' "$WORK/catalog.yaml" | head -40 | cut -d' ' -f2 | paste -sd,)
java -cp "$CP" no.nhn.driftsvakt.deploy.FaultDriver http://localhost:18181,http://localhost:18182 cluster-ingest \
  "$COUNT" "$RATE" "jdbc:postgresql://localhost:15433/driftsvakt" "$COMPONENTS" > "$WORK/fault-$SCENARIO.log" 2>&1 &
DRIVER=$!
sleep 15
case "$SCENARIO" in
  broker-kill) deploy/cluster/run.sh kill-broker 2; sleep 20; deploy/cluster/run.sh start-broker 2 ;;
  db-restart) deploy/cluster/run.sh stop-db; sleep 10; deploy/cluster/run.sh start-db ;;
  *) kill $DRIVER; echo "unknown scenario $SCENARIO"; exit 2 ;;
esac
wait $DRIVER || true
cat "$WORK/fault-$SCENARIO.log"
grep FAULT-RESULT "$WORK/fault-$SCENARIO.log" | sed "s/^/$SCENARIO $(date -u +%FT%TZ) /" >> "$WORK/fault-results.txt"
