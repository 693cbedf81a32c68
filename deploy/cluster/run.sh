#!/usr/bin/env bash
# Scale-out on one machine, for real: a 3-broker Kafka cluster (KRaft, each broker its own JVM from Maven Central
# jars, replication 3, min.insync.replicas 2), one PostgreSQL (its own process, Maven Central binaries) and 2–3
# replicas of the production artifact, all on localhost. Used by hand and by the fault suite (docs/reliability.md).
#
#   deploy/cluster/run.sh up [REPLICAS]      start everything (default 2 replicas); prints the addresses
#   deploy/cluster/run.sh status             what runs, with pids and ports
#   deploy/cluster/run.sh kill-broker N      kill -9 broker N (1–3)        start-broker N   start it again
#   deploy/cluster/run.sh kill-service N     kill -9 replica N             start-service N  start it again
#   deploy/cluster/run.sh stop-db | start-db stop PostgreSQL cleanly / start it again on the same data
#   deploy/cluster/run.sh down               stop everything (data stays in deploy/work/cluster until `clean`)
#   deploy/cluster/run.sh clean              down, then delete the data
#
# Ports: brokers 19092/19192/19292 (controllers +1), PostgreSQL 15433, replicas 18181.. (management on the same port).
# Tokens (for trying it by hand): ingest "cluster-ingest", staff "cluster-staff", admin "cluster-admin".
# Catalog: $CATALOG, or 200 generated components with one customer group (bench/ingest/catalog.py --group).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-deploy/work/cluster}
mkdir -p "$WORK"
BROKERS="localhost:19092,localhost:19192,localhost:19292"
VOTERS="1@localhost:19093,2@localhost:19193,3@localhost:19293"
PG_PORT=15433

sha() { echo -n "$1" | sha256sum | cut -d' ' -f1; }
pidof_() { [ -f "$WORK/$1.pid" ] && kill -0 "$(cat "$WORK/$1.pid")" 2>/dev/null && cat "$WORK/$1.pid"; }

classpath() {
  if [ ! -s "$WORK/cp.txt" ] || [ pom.xml -nt "$WORK/cp.txt" ]; then
    mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
  fi
  echo "target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
}

broker_props() {
  local n=$1 port=$((19092 + 100 * ($1 - 1)))
  cat > "$WORK/broker-$n.properties" <<PROPS
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$VOTERS
listeners=PLAINTEXT://localhost:$port,CONTROLLER://localhost:$((port + 1))
advertised.listeners=PLAINTEXT://localhost:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$PWD/$WORK/kafka-$n
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
unclean.leader.election.enable=false
PROPS
}

start_broker() {
  local n=$1 cp; cp=$(classpath)
  if pidof_ "broker-$n" >/dev/null; then echo "broker $n runs"; return; fi
  broker_props "$n"
  if [ ! -f "$WORK/kafka-$n/meta.properties" ]; then
    [ -f "$WORK/cluster-id" ] || java -cp "$cp" kafka.tools.StorageTool random-uuid > "$WORK/cluster-id"
    java -cp "$cp" kafka.tools.StorageTool format -t "$(cat "$WORK/cluster-id")" -c "$WORK/broker-$n.properties" \
      > "$WORK/format-$n.log" 2>&1
  fi
  nohup java -Xmx512m -cp "$cp" kafka.Kafka "$WORK/broker-$n.properties" > "$WORK/broker-$n.log" 2>&1 &
  echo $! > "$WORK/broker-$n.pid"
  echo "broker $n: pid $(cat "$WORK/broker-$n.pid"), localhost:$((19092 + 100 * (n - 1)))"
}

start_db() {
  if pidof_ db >/dev/null; then echo "PostgreSQL runs"; return; fi
  local cp; cp=$(classpath)
  nohup java -Xmx256m -cp "$cp" no.nhn.driftsvakt.deploy.StandaloneDatabase "$WORK/postgres" "$PG_PORT" \
    > "$WORK/db.log" 2>&1 &
  echo $! > "$WORK/db.pid"
  for _ in $(seq 120); do grep -q "postgres ready" "$WORK/db.log" && break; sleep 0.5; done
  grep -q "postgres ready" "$WORK/db.log" || { tail -20 "$WORK/db.log"; exit 1; }
  echo "PostgreSQL: pid $(cat "$WORK/db.pid"), localhost:$PG_PORT"
}

stop_db() {
  local p; p=$(pidof_ db) || { echo "PostgreSQL is not running"; return; }
  kill "$p"; while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; echo "PostgreSQL stopped"
}

start_service() {
  local n=$1 port=$((18180 + $1))
  if pidof_ "service-$n" >/dev/null; then echo "replica $n runs"; return; fi
  [ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
  if [ -z "${CATALOG:-}" ] && [ ! -f "$WORK/catalog.yaml" ]; then python3 bench/ingest/catalog.py 200 "$WORK/catalog.yaml" --group; fi
  KAFKA_BOOTSTRAP_SERVERS=$BROKERS DRIFTSVAKT_KAFKA_REPLICATION_FACTOR=3 \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/driftsvakt" QUARKUS_DATASOURCE_USERNAME=postgres \
  DRIFTSVAKT_CATALOG_PATH="${CATALOG:-$WORK/catalog.yaml}" QUARKUS_HTTP_PORT=$port \
  DRIFTSVAKT_INGEST_TOKEN_SHA256=$(sha cluster-ingest) DRIFTSVAKT_SECURITY_ADMIN_TOKEN_SHA256=$(sha cluster-admin) \
  DRIFTSVAKT_SECURITY_STAFF_TOKENS="cluster:$(sha cluster-staff)" DRIFTSVAKT_SECURE_COOKIES=false \
    nohup java ${SERVICE_JAVA_OPTS:--Xmx768m} -jar target/quarkus-app/quarkus-run.jar > "$WORK/service-$n.log" 2>&1 &
  echo $! > "$WORK/service-$n.pid"
  for _ in $(seq 240); do curl -sf "localhost:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "localhost:$port/q/health/ready" >/dev/null || { tail -40 "$WORK/service-$n.log"; exit 1; }
  echo "replica $n: pid $(cat "$WORK/service-$n.pid"), http://localhost:$port"
}

kill9() { local p; p=$(pidof_ "$1") || { echo "$1 is not running"; return; }; kill -9 "$p"; echo "killed -9 $1 (pid $p)"; }

status() {
  for n in 1 2 3; do printf "broker %s  %s\n" $n "$(pidof_ "broker-$n" || echo down)"; done
  printf "postgres  %s\n" "$(pidof_ db || echo down)"
  for f in "$WORK"/service-*.pid; do [ -f "$f" ] || continue; n=${f##*service-}; n=${n%.pid}
    printf "replica %s %s  http://localhost:%s\n" "$n" "$(pidof_ "service-$n" || echo down)" $((18180 + n)); done
}

down() {
  for f in "$WORK"/service-*.pid "$WORK"/broker-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  stop_db || true
  sleep 1; for f in "$WORK"/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
  echo "cluster stopped (data kept in $WORK)"
}

case "${1:-}" in
  up)
    classpath > /dev/null
    for n in 1 2 3; do start_broker $n; done
    start_db
    for n in $(seq "${2:-2}"); do start_service "$n"; done
    echo "Kafka: $BROKERS  PostgreSQL: localhost:$PG_PORT"
    echo "Try: curl -H 'Authorization: Bearer cluster-staff' localhost:18181/api/v1/incidents" ;;
  status) status ;;
  kill-broker) kill9 "broker-$2" ;;
  start-broker) start_broker "$2" ;;
  kill-service) kill9 "service-$2" ;;
  start-service) start_service "$2" ;;
  stop-db) stop_db ;;
  start-db) start_db ;;
  down) down ;;
  clean) down; rm -rf "$WORK" ;;
  *) sed -n 2,17p "$0"; exit 2 ;;
esac
