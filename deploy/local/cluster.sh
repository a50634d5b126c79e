#!/usr/bin/env bash
# A scale-out Baton on one machine, without Docker: a three-broker KRaft Kafka cluster (each node broker and
# controller), PostgreSQL database baton_cluster on 127.0.0.1:5432, and several JVMs of each service sharing it
# (see deploy/local/README.md, "A scale-out cluster").
#
#   deploy/local/cluster.sh up [--workers N] [--notifications N] [--timers N] [--hooks N] [--partitions P] [--demo]
#   deploy/local/cluster.sh status | topics [-v] | down | wipe
#   deploy/local/cluster.sh kill NAME | stop NAME | start NAME | restart NAME  # NAME: kafka-2, ticket-command-1, hooks-1, ...
#   deploy/local/cluster.sh rolling-restart-brokers
#
# Environment (all optional): BATON_ADMIN_SECRET, BATON_DB_USER / BATON_DB_PASSWORD, BATON_NOTIFICATION_WEBHOOK_URL,
# BATON_JAVA_OPTS, BATON_REBUILD, BATON_LOG_FORMAT as for start-services.sh; BATON_DEMO_SECRET (with --demo, default
# demo-oa-secret); BATON_READY_TIMEOUT (default 180 s per service), BATON_STOP_TIMEOUT (default 30 s: then SIGKILL),
# KAFKA_START_TIMEOUT (default 90 s per broker), KAFKA_SYNC_TIMEOUT (default 300 s: rolling restart catch-up),
# KAFKA_LAST_BROKER_GRACE (default 10 s: see stop_brokers).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLUSTER_DIR="$RUN_DIR/cluster"
# lib.sh's running_pid and stop_pid keep pid files in $RUN_DIR: the cluster keeps its own, in run/cluster.
RUN_DIR=$CLUSTER_DIR
MANIFEST="$CLUSTER_DIR/cluster.conf"     # one line per process, in start order: NAME KIND PORT MODULE ROLE
CLUSTER_ID_FILE="$CLUSTER_DIR/cluster.id"
JAR_DIR="$CLUSTER_DIR/jars"

VERSION=0.1.0-SNAPSHOT
PG_HOST=127.0.0.1
PG_PORT=5432
DB_NAME=baton_cluster
DB_USER=${BATON_DB_USER:-postgres}
DB_PASSWORD=${BATON_DB_PASSWORD:-}
ADMIN_APP=admin
ADMIN_SECRET=${BATON_ADMIN_SECRET:-local-admin-secret-change-me}
DEMO_APP=demo-oa
DEMO_SECRET=${BATON_DEMO_SECRET:-demo-oa-secret}
READY_TIMEOUT=${BATON_READY_TIMEOUT:-180}
STOP_TIMEOUT=${BATON_STOP_TIMEOUT:-30}
BROKER_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
SYNC_TIMEOUT=${KAFKA_SYNC_TIMEOUT:-300}
LAST_BROKER_GRACE=${KAFKA_LAST_BROKER_GRACE:-10}
BROKERS=(kafka-1 kafka-2 kafka-3)
BOOTSTRAP=127.0.0.1:59192,127.0.0.1:59292,127.0.0.1:59392
MODULES=(workflow-config ticket-command ticket-query notification-worker)

usage() {
  sed -n '2,/^[^#]/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

# --- small helpers ---------------------------------------------------------------------------------------------

now_ms() { date +%s%3N; }
# secs MILLIS: seconds, one decimal (12.3); since START: seconds since a now_ms value
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
since() { secs $(($(now_ms) - $1)); }

broker_id() { echo "${1#kafka-}"; }
broker_port() { echo $((59092 + 100 * $1)); }
controller_port() { echo $((59093 + 100 * $1)); }
jar_of() { echo "$REPO_ROOT/$1/target/$1-$VERSION-exec.jar"; }
is_broker() { [[ "$1" =~ ^kafka-[123]$ ]]; }

# manifest_get NAME: prints "KIND PORT MODULE ROLE" of NAME.
manifest_get() {
  [[ -f "$MANIFEST" ]] || die "no cluster set up yet: run 'cluster.sh up' first"
  local line
  line=$(awk -v n="$1" '$1 == n { print $2, $3, $4, $5 }' "$MANIFEST")
  [[ -n "$line" ]] || die "unknown name '$1' (known: $(awk '{ printf "%s ", $1 }' "$MANIFEST"))"
  echo "$line"
}
manifest_names() { awk -v k="$1" 'k == "" || $2 == k { print $1 }' "$MANIFEST"; }

# Runs a Kafka tool (kafka-tools' main classes); without a log4j2 file its logging is Log4j's default: errors only.
tool() { java -Xmx256m -cp "$(kafka_tools_cp)" "$@" 2>&1 | grep -v -e '^SLF4J' -e 'StatusLogger' || true; }
topic_command() { tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" "$@"; }

psql_q() {
  PGPASSWORD=$DB_PASSWORD "$PSQL" -X -w -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc "$1" </dev/null
}

# --- brokers ---------------------------------------------------------------------------------------------------

# Writes kafka-<n>.properties from the template and formats kafka-<n>-data once (one cluster id for all three).
prepare_broker() {
  local name=$1 n props data
  n=$(broker_id "$name")
  props="$CLUSTER_DIR/$name.properties"
  data="$CLUSTER_DIR/$name-data"
  sed -e "s|@NODE_ID@|$n|g" -e "s|@BROKER_PORT@|$(broker_port "$n")|g" \
      -e "s|@CONTROLLER_PORT@|$(controller_port "$n")|g" -e "s|@LOG_DIRS@|$data|g" \
      "$KAFKA_DIR/cluster-server.properties" >"$props"
  if [[ ! -f "$data/meta.properties" ]]; then
    log "formatting $name's storage (cluster id $(<"$CLUSTER_ID_FILE"))"
    java -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -Dkafka.log.file="$CLUSTER_DIR/$name.log" \
      -cp "$KAFKA_DIR/libs/*" kafka.tools.StorageTool format -t "$(<"$CLUSTER_ID_FILE")" -c "$props" \
      >>"$CLUSTER_DIR/$name.out" 2>&1 || { tail -n 20 "$CLUSTER_DIR/$name.out" >&2; die "storage format of $name failed"; }
  fi
}

# Starts a broker in the background (no wait).
launch_broker() {
  local name=$1 n pid
  n=$(broker_id "$name")
  if pid=$(running_pid "$name"); then
    log "$name already running (pid $pid)"
    return 0
  fi
  [[ -f "$CLUSTER_DIR/$name.properties" ]] || die "$name was never set up: run 'cluster.sh up' first"
  if port_open "$(broker_port "$n")" || port_open "$(controller_port "$n")"; then
    die "port $(broker_port "$n") or $(controller_port "$n") (for $name) is already in use by another process"
  fi
  log "starting $name on 127.0.0.1:$(broker_port "$n") (controller $(controller_port "$n"); log: deploy/local/run/cluster/$name.log)"
  nohup java -Xmx384m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -Dkafka.log.file="$CLUSTER_DIR/$name.log" \
    -cp "$KAFKA_DIR/libs/*" kafka.Kafka "$CLUSTER_DIR/$name.properties" >>"$CLUSTER_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/$name.pid"
}

# Waits until the broker's PLAINTEXT listener accepts connections.
wait_broker() {
  local name=$1 port i
  port=$(broker_port "$(broker_id "$name")")
  for ((i = 0; i < BROKER_START_TIMEOUT * 2; i++)); do
    if ! running_pid "$name" >/dev/null; then
      tail -n 40 "$CLUSTER_DIR/$name.out" >&2 || true
      die "$name exited during startup (see deploy/local/run/cluster/$name.log)"
    fi
    port_open "$port" && return 0
    sleep 0.5
  done
  tail -n 40 "$CLUSTER_DIR/$name.log" >&2 || true
  die "$name did not listen on 127.0.0.1:$port within ${BROKER_START_TIMEOUT}s (still running)"
}

any_broker_listening() {
  local n
  for n in 1 2 3; do port_open "$(broker_port "$n")" && return 0; done
  return 1
}

# Prints the under-replicated partitions (empty when every replica is in sync); fails if the brokers do not answer.
under_replicated() {
  local out
  out=$(topic_command --describe --under-replicated-partitions)
  if grep -q -e 'Exception' -e 'ERROR' <<<"$out"; then
    echo "$out" >&2
    return 1
  fi
  grep -E 'Partition:' <<<"$out" || true
}

# --- services --------------------------------------------------------------------------------------------------

# write_service_env NAME MODULE PORT ROLE: the settings NAME runs with, one VAR=value a line, in NAME.env.
write_service_env() {
  local name=$1 module=$2 port=$3 role=$4 schema=${2//-/_}
  local -a env=(
    SERVER_PORT="$port"
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME?currentSchema=$schema"
    SPRING_DATASOURCE_USERNAME="$DB_USER"
    SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD"
    SPRING_KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP"
    BATON_KAFKA_REPLICATION=3
    BATON_KAFKA_MININSYNCREPLICAS=2
    BATON_KAFKA_PARTITIONS="$PARTITIONS"
    # Eight to fourteen service JVMs share one PostgreSQL (max_connections 100 by default): each pool opens one
    # connection at start and grows only under load (back down after Hikari's idle timeout, 10 min), to at most
    # what the role needs (below); all together stay under 100 with --workers 3
    SPRING_DATASOURCE_HIKARI_MINIMUMIDLE=1
    LOGGING_STRUCTURED_FORMAT_CONSOLE="${BATON_LOG_FORMAT-ecs}"
    # the web console's page (workflow-config's /console/) may call every service (docs/console.md)
    BATON_API_CORS_ALLOWEDORIGINS="http://localhost:18081,http://127.0.0.1:18081"
  )
  case "$module" in
    workflow-config)
      # the console calls the first node of each role
      env+=(SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=4
            BATON_BOOTSTRAP_ADMIN_APP="$ADMIN_APP" BATON_BOOTSTRAP_ADMIN_SECRET="$ADMIN_SECRET"
            BATON_CONSOLE_ENDPOINTS_TICKETCOMMAND=":18082"
            BATON_CONSOLE_ENDPOINTS_TICKETQUERY=":18083"
            BATON_CONSOLE_ENDPOINTS_NOTIFICATIONWORKER=":18084")
      if [[ $DEMO -eq 1 ]]; then
        env+=(BATON_DEMO_ENABLED=true
              BATON_BOOTSTRAP_APPS_0_APPID="$DEMO_APP" BATON_BOOTSTRAP_APPS_0_NAME="Demo OA system"
              BATON_BOOTSTRAP_APPS_0_SECRET="$DEMO_SECRET" BATON_BOOTSTRAP_APPS_0_WORKFLOWS_0=leave-request)
      fi ;;
    ticket-query)
      env+=(SPRING_R2DBC_URL="r2dbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME?currentSchema=$schema"
            SPRING_R2DBC_USERNAME="$DB_USER" SPRING_R2DBC_PASSWORD="$DB_PASSWORD" SPRING_R2DBC_POOL_INITIALSIZE=1
            # the projection's six consumers (over both nodes) each hold a connection while they write a poll
            SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=10 SPRING_R2DBC_POOL_MAXSIZE=6) ;;
    ticket-command)
      env+=(SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=10) ;;
    notification-worker)
      # exactly one role per instance
      env+=(SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=4
            BATON_NOTIFICATIONS_ENABLED=$([[ $role == notifications ]] && echo true || echo false)
            BATON_TIMERS_ENABLED=$([[ $role == timers ]] && echo true || echo false)
            BATON_HOOKS_ENABLED=$([[ $role == hooks ]] && echo true || echo false))
      if [[ -n "${BATON_NOTIFICATION_WEBHOOK_URL:-}" ]]; then
        env+=(BATON_NOTIFICATION_WEBHOOK_URL="$BATON_NOTIFICATION_WEBHOOK_URL")
      fi ;;
  esac
  # the JVM's options travel in the same file (read back by launch_service, not passed on)
  env+=(CLUSTER_JVM_OPTS="-Xmx256m -Daxoniq.update-checker.disabled=true ${BATON_JAVA_OPTS:-}")
  printf '%s\n' "${env[@]}" >"$CLUSTER_DIR/$name.env"
}

# launch_service NAME: starts NAME with the settings in NAME.env and waits for its readiness endpoint.
launch_service() {
  local name=$1 kind port module role pid start line jvm_opts=""
  read -r kind port module role <<<"$(manifest_get "$name")"
  [[ $role == - ]] && role=""
  if pid=$(running_pid "$name"); then
    log "$name already running (pid $pid) on port $port"
    return 0
  fi
  [[ -f "$CLUSTER_DIR/$name.env" ]] || die "$name has no settings: run 'cluster.sh up' first"
  [[ -f "$JAR_DIR/$module.jar" ]] || die "no copy of $module's jar: run 'cluster.sh up' first"
  port_open "$port" && die "port $port (for $name) is already in use by another process"
  local -a env=()
  while IFS= read -r line; do
    if [[ $line == CLUSTER_JVM_OPTS=* ]]; then jvm_opts=${line#CLUSTER_JVM_OPTS=}; else env+=("$line"); fi
  done <"$CLUSTER_DIR/$name.env"

  log "starting $name ($module${role:+, role $role}) on port $port (log: deploy/local/run/cluster/$name.log)"
  start=$(now_ms)
  # shellcheck disable=SC2086  # jvm_opts is a list of options
  env "${env[@]}" nohup java $jvm_opts -jar "$JAR_DIR/$module.jar" >"$CLUSTER_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/$name.pid"

  local url="http://127.0.0.1:$port/actuator/health/readiness"
  if wait_http_ok "$name" "$url" "$READY_TIMEOUT"; then
    log "$name is ready after $(since "$start")s"
    return 0
  fi
  tail -n 40 "$CLUSTER_DIR/$name.log" >&2 || true
  running_pid "$name" >/dev/null || die "$name exited during startup (see deploy/local/run/cluster/$name.log)"
  die "$name not ready within ${READY_TIMEOUT}s ($url); it is still running: 'cluster.sh down' stops everything"
}

service_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null; }

# One line: how many services are ready, and which are not.
services_summary() {
  local name kind port module role total=0 ready=0 missing=""
  while read -r name kind port module role; do
    [[ $kind == service ]] || continue
    total=$((total + 1))
    if service_ready "$port"; then ready=$((ready + 1)); else missing+=" $name"; fi
  done <"$MANIFEST"
  echo "services ready: $ready/$total${missing:+ (not ready:$missing)}"
}

# --- commands --------------------------------------------------------------------------------------------------

cmd_up() {
  local notifications=1 timers=1 hooks=1
  PARTITIONS=6
  DEMO=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --workers) [[ $# -ge 2 ]] || usage; notifications=$2 timers=$2 hooks=$2; shift 2 ;;
      --notifications) [[ $# -ge 2 ]] || usage; notifications=$2; shift 2 ;;
      --timers) [[ $# -ge 2 ]] || usage; timers=$2; shift 2 ;;
      --hooks) [[ $# -ge 2 ]] || usage; hooks=$2; shift 2 ;;
      --partitions) [[ $# -ge 2 ]] || usage; PARTITIONS=$2; shift 2 ;;
      --demo) DEMO=1; shift ;;
      *) usage ;;
    esac
  done
  local n
  for n in "$notifications" "$timers" "$hooks"; do
    [[ "$n" =~ ^[123]$ ]] || die "worker counts are 1 to 3 per role, got '$n'"
  done
  [[ "$PARTITIONS" =~ ^[1-9][0-9]*$ ]] || die "--partitions wants a positive number, got '$PARTITIONS'"

  require_java
  command -v curl >/dev/null 2>&1 || die "curl not found"
  mkdir -p "$CLUSTER_DIR"

  # The processes, in start order.
  local -a plan=(kafka-1:broker:59192:kafka:- kafka-2:broker:59292:kafka:- kafka-3:broker:59392:kafka:-
                 workflow-config-1:service:18081:workflow-config:-
                 ticket-command-1:service:18082:ticket-command:- ticket-command-2:service:18182:ticket-command:-
                 ticket-query-1:service:18083:ticket-query:- ticket-query-2:service:18183:ticket-query:-)
  local i
  for ((i = 1; i <= notifications; i++)); do plan+=("notifications-$i:service:$((18084 + 100 * (i - 1))):notification-worker:notifications"); done
  for ((i = 1; i <= timers; i++)); do plan+=("timers-$i:service:$((18085 + 100 * (i - 1))):notification-worker:timers"); done
  for ((i = 1; i <= hooks; i++)); do plan+=("hooks-$i:service:$((18086 + 100 * (i - 1))):notification-worker:hooks"); done

  # Something of an earlier shape still running? Only a subset of the new plan may be.
  local name
  if [[ -f "$MANIFEST" ]]; then
    while read -r name _; do
      if running_pid "$name" >/dev/null && ! printf '%s\n' "${plan[@]}" | grep -q "^$name:"; then
        die "$name is running but not part of this cluster's shape: 'cluster.sh down' first"
      fi
    done <"$MANIFEST"
  fi
  printf '%s\n' "${plan[@]}" | tr ':' ' ' >"$MANIFEST"

  # Jars (built as start-services.sh builds them, if one is missing or BATON_REBUILD=1).
  local missing=0 module
  for module in "${MODULES[@]}"; do [[ -f "$(jar_of "$module")" ]] || missing=1; done
  if [[ $missing -eq 1 || "${BATON_REBUILD:-}" == "1" ]]; then
    log "building the service jars (mvn -B -q -DskipTests package)"
    (cd "$REPO_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package </dev/null)
  fi
  # The services run from copies (run/cluster/jars), so that a rebuild does not change the jar under a running
  # JVM and 'start NAME' starts the code the cluster came up with. A new copy replaces the old one by a rename.
  mkdir -p "$JAR_DIR"
  for module in "${MODULES[@]}"; do
    [[ -f "$(jar_of "$module")" ]] || die "jar not found after build: $module/target/$module-$VERSION-exec.jar"
    cp "$(jar_of "$module")" "$JAR_DIR/$module.jar.tmp"
    mv -f "$JAR_DIR/$module.jar.tmp" "$JAR_DIR/$module.jar"
  done

  # 1. Brokers: one cluster id, three data dirs; all three start together (the quorum needs two), then wait.
  ensure_kafka_jars
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    java -cp "$KAFKA_DIR/libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$CLUSTER_ID_FILE"
    [[ -s "$CLUSTER_ID_FILE" ]] || die "could not generate a cluster id"
  fi
  local start
  start=$(now_ms)
  for name in "${BROKERS[@]}"; do prepare_broker "$name"; done
  for name in "${BROKERS[@]}"; do launch_broker "$name"; done
  for name in "${BROKERS[@]}"; do wait_broker "$name"; done
  log "brokers listening on $BOOTSTRAP after $(since "$start")s"

  # 2. PostgreSQL (reused, or the persistent local cluster started as start-services.sh does) and the database.
  if port_open "$PG_PORT"; then
    log "PostgreSQL is listening on $PG_HOST:$PG_PORT"
  else
    PGPORT=$PG_PORT bash "$REPO_ROOT/.ci/ensure-postgres.sh" start
  fi
  PSQL=$(find_psql) || true
  [[ -n "$PSQL" ]] || die "psql not found"
  if [[ "$(psql_q "select 1 from pg_database where datname='$DB_NAME'")" != "1" ]]; then
    log "creating database $DB_NAME"
    psql_q "create database $DB_NAME" >/dev/null
  fi

  # 3. Services, each waiting for the one before it to be ready.
  while read -r name kind port module role; do
    [[ $kind == service ]] || continue
    [[ $role == - ]] && role=""
    write_service_env "$name" "$module" "$port" "$role"
  done <"$MANIFEST"
  for name in $(manifest_names service); do launch_service "$name"; done

  log "cluster up after $(since "$start")s"
  cmd_status || true
}

cmd_status() {
  [[ -f "$MANIFEST" ]] || { echo "no cluster set up (cluster.sh up)"; return 1; }
  local name kind port module role pid state ready all=0
  printf '%-18s %-20s %-14s %6s %8s  %-5s %s\n' NAME MODULE ROLE PORT PID STATE READY
  while read -r name kind port module role; do
    if pid=$(running_pid "$name"); then state=up; else pid=-; state=down; fi
    ready=no
    if [[ $state == up ]]; then
      if [[ $kind == broker ]]; then
        port_open "$port" && ready=yes
      else
        service_ready "$port" && ready=yes
      fi
    fi
    [[ $ready == yes ]] || all=1
    printf '%-18s %-20s %-14s %6s %8s  %-5s %s\n' "$name" "$module" "$role" "$port" "$pid" "$state" "$ready"
  done <"$MANIFEST"
  return $all
}

# Stops NAMEs together: SIGTERM to each, SIGKILL to any still alive after the timeout.
stop_together() {
  local timeout=$1 name
  shift
  for name in "$@"; do stop_pid "$name" "$timeout" & done
  wait
}

# Stops the brokers together. A broker shuts down in a controlled way: the controllers' quorum must record it first.
# The last one left alive has no quorum (two of three voters are gone) and Kafka would wait 5 minutes for it, so it
# gets SIGKILL LAST_BROKER_GRACE seconds after it is alone (its logs are recovered at its next start); any broker
# still alive after the stop timeout too.
stop_brokers() {
  local name pid start lone="" killed=""
  local -A pids=()
  for name in "${BROKERS[@]}"; do
    if pid=$(running_pid "$name"); then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids[$name]=$pid
    fi
  done
  start=$(now_ms)
  while ((${#pids[@]} > 0)); do
    for name in "${!pids[@]}"; do
      if ! kill -0 "${pids[$name]}" 2>/dev/null; then
        unset "pids[$name]"
        rm -f "$CLUSTER_DIR/$name.pid"
        log "$name stopped"
      fi
    done
    ((${#pids[@]} > 0)) || break
    if ((${#pids[@]} == 1)) && [[ -z $lone ]]; then lone=$(now_ms); fi
    if [[ -z $killed ]] && { (($(now_ms) - start > STOP_TIMEOUT * 1000)) ||
       { [[ -n $lone ]] && (($(now_ms) - lone > LAST_BROKER_GRACE * 1000)); }; }; then
      for name in "${!pids[@]}"; do
        if [[ -n $lone ]]; then
          log "$name is the last broker: without a controller quorum it cannot finish its controlled shutdown; SIGKILL"
        else
          log "$name did not stop within ${STOP_TIMEOUT}s, sending SIGKILL"
        fi
        kill -KILL "${pids[$name]}" 2>/dev/null || true
      done
      killed=1
    fi
    sleep 0.5
  done
}

cmd_down() {
  [[ -f "$MANIFEST" ]] || { log "no cluster set up"; return 0; }
  local -a services=()
  mapfile -t services < <(manifest_names service | tac)
  stop_together "$STOP_TIMEOUT" "${services[@]}"
  stop_brokers
  log "cluster down (PostgreSQL is left running)"
}

cmd_kill() {
  local name=$1 pid
  manifest_get "$name" >/dev/null
  pid=$(running_pid "$name") || die "$name is not running"
  kill -KILL "$pid"
  local i
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  rm -f "$CLUSTER_DIR/$name.pid"
  log "$name killed (kill -9, pid $pid)"
}

cmd_start() {
  local name=$1 start
  manifest_get "$name" >/dev/null
  if is_broker "$name"; then
    start=$(now_ms)
    launch_broker "$name"
    wait_broker "$name"
    log "$name is listening after $(since "$start")s"
  else
    launch_service "$name"
  fi
}

cmd_stop() {
  local name=$1
  manifest_get "$name" >/dev/null
  stop_pid "$name" "$STOP_TIMEOUT"
}

cmd_restart() {
  local name=$1
  manifest_get "$name" >/dev/null
  stop_pid "$name" "$STOP_TIMEOUT"
  cmd_start "$name"
}

# Waits until no partition is under-replicated; prints how many were while waiting.
wait_in_sync() {
  local start=$1 urp count
  while true; do
    if urp=$(under_replicated 2>/dev/null); then
      count=$(grep -c 'Partition:' <<<"$urp" || true)
      [[ $count -eq 0 ]] && return 0
    fi
    (($(now_ms) - start < SYNC_TIMEOUT * 1000)) || die "partitions still under-replicated after ${SYNC_TIMEOUT}s"
    sleep 2
  done
}

cmd_rolling_restart_brokers() {
  [[ -f "$MANIFEST" ]] || die "no cluster set up yet: run 'cluster.sh up' first"
  ensure_kafka_tools
  local name urp t0 t1 t2 t3 all
  for name in "${BROKERS[@]}"; do
    running_pid "$name" >/dev/null || die "$name is not running: 'cluster.sh start $name' first"
  done
  urp=$(under_replicated) || die "the brokers do not answer"
  [[ -z "$urp" ]] || { echo "$urp" >&2; die "partitions are under-replicated already: not restarting a broker now"; }
  all=$(now_ms)
  for name in "${BROKERS[@]}"; do
    t0=$(now_ms)
    stop_pid "$name" "${KAFKA_STOP_TIMEOUT:-60}"
    t1=$(now_ms)
    launch_broker "$name"
    wait_broker "$name"
    t2=$(now_ms)
    wait_in_sync "$t2"
    t3=$(now_ms)
    printf '%s: stopped in %ss, listening %ss after start, all partitions in sync %ss later; step %ss; %s\n' \
      "$name" "$(secs $((t1 - t0)))" "$(secs $((t2 - t1)))" "$(secs $((t3 - t2)))" "$(secs $((t3 - t0)))" \
      "$(services_summary)"
  done
  t0=$(now_ms)
  tool org.apache.kafka.tools.LeaderElectionCommand --bootstrap-server "$BOOTSTRAP" \
    --election-type preferred --all-topic-partitions >/dev/null
  printf 'preferred leaders elected again in %ss; rolling restart took %ss; %s\n' "$(since "$t0")" "$(since "$all")" \
    "$(services_summary)"
}

cmd_topics() {
  [[ ${1:-} == "" || ${1:-} == -v ]] || usage
  [[ -f "$MANIFEST" ]] || die "no cluster set up yet: run 'cluster.sh up' first"
  any_broker_listening || die "no broker is listening on $BOOTSTRAP"
  ensure_kafka_tools
  local out broker_min
  out=$(topic_command --describe --topic 'baton\..*')
  if grep -q -e 'Exception' -e 'ERROR' <<<"$out"; then echo "$out" >&2; die "the brokers do not answer"; fi
  [[ -n "$out" ]] || { echo "no Baton topics yet"; return 0; }
  broker_min=$(awk -F= '$1 == "min.insync.replicas" { print $2 }' "$CLUSTER_DIR/kafka-1.properties")
  # Summary: one line per topic. ISR: the smallest and largest ISR over its partitions; leaders: partitions led by
  # each broker; min.insync.replicas: as the topic's description says (the topic's or the brokers' setting).
  printf '%-34s %10s %11s %7s %-19s %s\n' TOPIC PARTITIONS REPLICATION ISR MIN.INSYNC.REPLICAS 'LEADERS (broker 1/2/3)'
  awk -v broker_min="$broker_min" '
    /PartitionCount:/ {
      topic = ""; parts = ""; rf = ""; mir = ""
      for (i = 1; i <= NF; i++) {
        if ($i == "Topic:") topic = $(i + 1)
        if ($i == "PartitionCount:") parts = $(i + 1)
        if ($i == "ReplicationFactor:") rf = $(i + 1)
        if ($i == "Configs:") { cfg = $(i + 1); n = split(cfg, kv, ",")
          for (j = 1; j <= n; j++) if (kv[j] ~ /^min.insync.replicas=/) { split(kv[j], p, "="); mir = p[2] } }
      }
      order[++count] = topic; P[topic] = parts; RF[topic] = rf
      MIR[topic] = mir != "" ? mir : broker_min
      next
    }
    /Partition:/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Topic:") t = $(i + 1)
        if ($i == "Leader:") l = $(i + 1)
        if ($i == "Isr:") isr = split($(i + 1), x, ",")
      }
      if (!(t in MINI) || isr < MINI[t]) MINI[t] = isr
      if (!(t in MAXI) || isr > MAXI[t]) MAXI[t] = isr
      LEAD[t, l]++
    }
    END {
      for (k = 1; k <= count; k++) {
        t = order[k]
        isr = MINI[t] == MAXI[t] ? MINI[t] : MINI[t] "-" MAXI[t]
        printf "%-34s %10s %11s %7s %-19s %d/%d/%d\n", t, P[t], RF[t], isr, MIR[t], LEAD[t, 1], LEAD[t, 2], LEAD[t, 3]
      }
    }' <<<"$out" | sort
  if [[ ${1:-} == -v ]]; then
    echo
    echo "$out"
  fi
}

cmd_wipe() {
  cmd_down
  local n
  for n in 1 2 3; do rm -rf "$CLUSTER_DIR/kafka-$n-data" "$CLUSTER_DIR/kafka-$n.properties"; done
  rm -f "$CLUSTER_ID_FILE" "$MANIFEST" "$CLUSTER_DIR"/*.env
  rm -rf "$JAR_DIR"
  log "deleted the brokers' data and the cluster's settings (logs kept in deploy/local/run/cluster)"
  PSQL=$(find_psql) || true
  if [[ -n "$PSQL" ]] && port_open "$PG_PORT"; then
    PGOPTIONS="-c client_min_messages=warning" psql_q "drop database if exists $DB_NAME with (force)" >/dev/null
    log "dropped database $DB_NAME"
  else
    log "PostgreSQL is not listening on $PG_HOST:$PG_PORT: database $DB_NAME not dropped"
  fi
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case "$command" in
  up) cmd_up "$@" ;;
  down) [[ $# -eq 0 ]] || usage; cmd_down ;;
  status) [[ $# -eq 0 ]] || usage; cmd_status ;;
  kill) [[ $# -eq 1 ]] || usage; cmd_kill "$1" ;;
  start) [[ $# -eq 1 ]] || usage; cmd_start "$1" ;;
  stop) [[ $# -eq 1 ]] || usage; cmd_stop "$1" ;;
  restart) [[ $# -eq 1 ]] || usage; cmd_restart "$1" ;;
  rolling-restart-brokers) [[ $# -eq 0 ]] || usage; cmd_rolling_restart_brokers ;;
  topics) cmd_topics "$@" ;;
  wipe) [[ $# -eq 0 ]] || usage; cmd_wipe ;;
  *) usage ;;
esac
