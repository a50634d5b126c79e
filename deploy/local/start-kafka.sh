#!/usr/bin/env bash
# Start a single-node KRaft Kafka broker (broker+controller) on 127.0.0.1:59092
# (controller 59093), no Docker. Jars come from Maven Central via kafka/pom.xml;
# data in run/kafka-data, log in run/kafka.log, pid in run/kafka.pid.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_java
mkdir -p "$RUN_DIR/kafka"

if pid=$(running_pid kafka); then
  log "Kafka already running (pid $pid) on $KAFKA_BOOTSTRAP"
  exit 0
fi
if port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; then
  die "port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT is already in use by another process"
fi

# 1. Broker jars (once).
if ! compgen -G "$KAFKA_DIR/libs/kafka_2.13-*.jar" >/dev/null; then
  command -v mvn >/dev/null 2>&1 || die "mvn not found: needed once to fetch the Kafka jars"
  log "fetching Kafka jars into deploy/local/kafka/libs (once)"
  (cd "$KAFKA_DIR" && mvn -B -q -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime </dev/null)
fi

# 2. Broker configuration from the template.
PROPS="$RUN_DIR/kafka/server.properties"
DATA_DIR="$RUN_DIR/kafka-data"
sed "s|^log.dirs=@LOG_DIRS@\$|log.dirs=$DATA_DIR|" "$KAFKA_DIR/server.properties" >"$PROPS"

JAVA_LOG_OPTS=(-Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -Dkafka.log.file="$RUN_DIR/kafka.log")
CP="$KAFKA_DIR/libs/*"

# 3. Format the storage once.
if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  CID=$(java "${JAVA_LOG_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  [[ -n "$CID" ]] || die "could not generate a cluster id"
  log "formatting $DATA_DIR (cluster id $CID)"
  java "${JAVA_LOG_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool format -t "$CID" -c "$PROPS" >>"$RUN_DIR/kafka.out" 2>&1 \
    || { tail -n 20 "$RUN_DIR/kafka.out" >&2; die "storage format failed"; }
fi

# 4. Start the broker in the background.
log "starting Kafka on $KAFKA_BOOTSTRAP (log: deploy/local/run/kafka.log)"
START=$(date +%s)
nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true "${JAVA_LOG_OPTS[@]}" \
  -cp "$CP" kafka.Kafka "$PROPS" >>"$RUN_DIR/kafka.out" 2>&1 </dev/null &
echo $! >"$RUN_DIR/kafka.pid"

# 5. Wait until the PLAINTEXT listener accepts connections.
TIMEOUT=${KAFKA_START_TIMEOUT:-60}
for ((i = 0; i < TIMEOUT * 2; i++)); do
  if ! running_pid kafka >/dev/null; then
    tail -n 40 "$RUN_DIR/kafka.out" >&2 || true
    die "Kafka exited during startup (see deploy/local/run/kafka.log)"
  fi
  if port_open "$KAFKA_PORT"; then
    log "Kafka is listening on $KAFKA_BOOTSTRAP after $(($(date +%s) - START))s (pid $(<"$RUN_DIR/kafka.pid"))"
    exit 0
  fi
  sleep 0.5
done
tail -n 40 "$RUN_DIR/kafka.log" >&2 || true
die "Kafka did not listen on $KAFKA_BOOTSTRAP within ${TIMEOUT}s (still running; stop it with stop-kafka.sh)"
