# Shared helpers for the deploy/local scripts (sourced, not executed).

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LOCAL_DIR/../.." && pwd)
RUN_DIR="$LOCAL_DIR/run"
KAFKA_DIR="$LOCAL_DIR/kafka"
KAFKA_PORT=59092
KAFKA_CONTROLLER_PORT=59093
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

log() { echo "[baton-local] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# True if a TCP port on 127.0.0.1 accepts connections.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the pid stored in run/<name>.pid if that process is alive.
running_pid() {
  local file="$RUN_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid=$(<"$file")
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# stop_pid NAME [TIMEOUT]: SIGTERM the process of run/NAME.pid, wait, SIGKILL after TIMEOUT s.
stop_pid() {
  local name=$1 timeout=${2:-30} pid i
  if ! pid=$(running_pid "$name"); then
    log "$name is not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$RUN_DIR/$name.pid"
  log "$name stopped"
}

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found (JDK/JRE 17+ required)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [[ "${v%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17+ required, found '$v'"
}

# --- Added for cluster.sh; usable by any script. ---

# Prints the path of psql: the one on PATH, else the newest /usr/lib/postgresql/*/bin/psql.
find_psql() {
  command -v psql 2>/dev/null || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1
}

# Fetches the broker jars into kafka/libs once (kafka/pom.xml), as start-kafka.sh does.
ensure_kafka_jars() {
  compgen -G "$KAFKA_DIR/libs/kafka_2.13-*.jar" >/dev/null && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found: needed once to fetch the Kafka jars"
  log "fetching Kafka jars into deploy/local/kafka/libs (once)"
  (cd "$KAFKA_DIR" && mvn -B -q -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime </dev/null)
}

# Prints the Kafka version of the jars in kafka/libs (from kafka_2.13-<version>.jar).
kafka_version() {
  local jar
  jar=$(compgen -G "$KAFKA_DIR/libs/kafka_2.13-*.jar" | head -n 1) || return 1
  jar=${jar##*/kafka_2.13-}
  echo "${jar%.jar}"
}

# Fetches org.apache.kafka:kafka-tools (TopicCommand, LeaderElectionCommand, ...) of the brokers' version into
# kafka/libs/tools once; its other dependencies are among the broker jars. Run the tools with kafka_tools_cp.
ensure_kafka_tools() {
  local version
  ensure_kafka_jars
  version=$(kafka_version) || die "no kafka_2.13 jar in deploy/local/kafka/libs"
  [[ -f "$KAFKA_DIR/libs/tools/kafka-tools-$version.jar" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found: needed once to fetch kafka-tools"
  log "fetching kafka-tools $version into deploy/local/kafka/libs/tools (once)"
  (cd "$KAFKA_DIR" && mvn -B -q -Dstyle.color=never dependency:copy \
    -Dartifact="org.apache.kafka:kafka-tools:$version" -DoutputDirectory=libs/tools </dev/null)
}
kafka_tools_cp() { echo "$KAFKA_DIR/libs/*:$KAFKA_DIR/libs/tools/*"; }

# wait_http_ok NAME URL TIMEOUT: waits (1 s steps) until URL answers 2xx; fails at once when the process of
# run/NAME.pid is gone, or after TIMEOUT seconds.
wait_http_ok() {
  local name=$1 url=$2 timeout=$3 i
  for ((i = 0; i < timeout; i++)); do
    running_pid "$name" >/dev/null || return 1
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}
