#!/usr/bin/env bash
# Fan-out benchmark: one published outage to N opted-in recipients (half SMS, half e-mail) of one customer group,
# through the production artifact into the local fake providers (the local outbox). Records how long until every
# message is decided and handed to the senders, the senders' pace at the configured provider rate, and duplicates.
# Usage: bench/fanout/run.sh   (RECIPIENTS=100000 WATCH=30 SMS_RATE=10 NAME=fanout REBUILD=)
set -euo pipefail
cd "$(dirname "$0")/../.."
RECIPIENTS=${RECIPIENTS:-100000}; WATCH=${WATCH:-30}; SMS_RATE=${SMS_RATE:-10}; NAME=${NAME:-fanout}
WORK=bench/work/fanout; rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then mvn -B -q -DskipTests package; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"

java -cp "$CP" no.nhn.driftsvakt.bench.BenchInfra "$WORK/infra.env" > "$WORK/infra.log" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do [ -s "$WORK/infra.env" ] && break; sleep 0.5; done
set -a; . "$WORK/infra.env"; set +a

cat > "$WORK/catalog.yaml" <<'YAML'
components:
  - { id: kjerne, name: Kjernenett, category: Nett, kind: infrastructure }
  - { id: e-resept, name: E-resept, category: Tjenester, dependsOn: [kjerne] }
  - { id: edi, name: EDI, category: Tjenester, dependsOn: [kjerne] }
  - { id: helseid, name: HelseID, category: Tjenester, dependsOn: [kjerne] }
customerGroups:
  - { id: alle, name: Alle kunder, agreement: extended, pilot: true, uses: [e-resept, edi, helseid] }
YAML

DRIFTSVAKT_CATALOG_PATH="$WORK/catalog.yaml" QUARKUS_HTTP_PORT=18084 DRIFTSVAKT_PROBE_ENABLED=false \
DRIFTSVAKT_SECURITY_STAFF_TOKENS="bench:$(echo -n bench-staff | sha256sum | cut -d' ' -f1)" \
DRIFTSVAKT_SMS_RATE_PER_SECOND=$SMS_RATE \
  java ${SERVICE_JAVA_OPTS:--Xmx1g} -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
until curl -sf localhost:18084/q/health/ready >/dev/null; do sleep 0.2; kill -0 $SVC || { tail -50 "$WORK/service.log"; exit 1; }; done

java -Xmx512m -cp "$CP" no.nhn.driftsvakt.bench.FanoutBench http://localhost:18084 "$QUARKUS_DATASOURCE_JDBC_URL" \
  "$QUARKUS_DATASOURCE_USERNAME" "$RECIPIENTS" "$WATCH" "$WORK/result.txt"
declare -A R
for kv in $(cat "$WORK/result.txt"); do R[${kv%%=*}]=${kv#*=}; done
PLAN=$(grep -m1 "Notification plan" "$WORK/service.log" | sed 's/.*Notification plan: //' || true)
RSS=$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$SVC/status)

DATE=$(date +%F)
OUT=bench/results/$DATE-$NAME.md
{
  echo "# Fan-out benchmark, $DATE"
  echo
  echo "Command: \`RECIPIENTS=$RECIPIENTS WATCH=$WATCH SMS_RATE=$SMS_RATE bench/fanout/run.sh\`"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Service: production artifact, ${SERVICE_JAVA_OPTS:--Xmx1g}, one replica (one sender); Kafka and PostgreSQL in a"
  echo "separate JVM on the same machine. Providers: the local outbox (a PostgreSQL insert per message) as the fake."
  echo
  echo "Workload: $RECIPIENTS confirmed subscribers of one pilot group (extended agreement: notified around the clock),"
  echo "half by SMS, half by e-mail; staff report an outage of the core network all their services depend on (a"
  echo "manual incident is published at once)."
  echo
  echo "| Measure | Value |"
  echo "|---|---|"
  printf "| every message decided (ledger rows written) | **%s s** after the report |\n" "${R[decided_s]}"
  printf "| every message handed to the senders (on \`driftsvakt.notifications\`) | **%s s** after the report |\n" "${R[handed_s]}"
  printf "| SMS sender pace (configured %s/s per sender), over %s s | %s SMS/s |\n" "$SMS_RATE" "${R[watch_s]}" "${R[sms_per_s]}"
  printf "| e-mail sender pace (no limit configured), same window | %s e-mails/s |\n" "${R[email_per_s]}"
  printf "| duplicate provider calls / duplicate ledger keys | %s / %s |\n" "${R[duplicate_provider_calls]}" "${R[duplicate_ledger_keys]}"
  printf "| most messages to one recipient | %s |\n" "${R[max_messages_per_recipient]}"
  printf "| resident memory of the service at the end | %s MiB |\n" "$RSS"
  echo
  echo "Planner log: \`$PLAN\`"
  echo
  echo "Goal (issue 4): all messages handed to the senders within 60 s, 0 duplicates, senders at the provider rate."
  echo
  echo "No peer: none of the tools compared in issue 8 (Alertmanager, blackbox_exporter, nginx) tells customers; an"
  echo "Alertmanager webhook or e-mail receiver notifies a few on-call addresses, not 100,000 opted-in recipients. So there"
  echo "is no ratio here, only the goal (issue 8: seconds until all handed over, duplicates)."
} > "$OUT"
cat "$OUT"
