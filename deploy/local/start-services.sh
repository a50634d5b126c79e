#!/usr/bin/env bash
# Start the Baton services as separate JVMs against the local Kafka broker
# (start-kafka.sh) and a local PostgreSQL on 127.0.0.1:5432.
#
#   deploy/local/start-services.sh                 # all four, in order
#   deploy/local/start-services.sh ticket-query    # only some (order as given)
#
# Environment (all optional):
#   BATON_ADMIN_SECRET   secret of the bootstrap admin caller app "admin"
#                        (default: local-admin-secret-change-me)
#   BATON_DB_USER / BATON_DB_PASSWORD   PostgreSQL credentials (default postgres / none)
#   BATON_NOTIFICATION_WEBHOOK_URL      passed to notification-worker if set
#   BATON_JAVA_OPTS      extra JVM options for every service
#   BATON_REBUILD=1      rebuild the jars even if they exist
#   BATON_READY_TIMEOUT  seconds to wait for each readiness endpoint (default 120)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# name:port, in start order (workflow-config first: the others depend on it).
ALL_SERVICES=(workflow-config:8081 ticket-command:8082 ticket-query:8083 notification-worker:8084)
VERSION=0.1.0-SNAPSHOT
PG_HOST=127.0.0.1
PG_PORT=5432
DB_NAME=baton
DB_USER=${BATON_DB_USER:-postgres}
DB_PASSWORD=${BATON_DB_PASSWORD:-}
ADMIN_APP=admin
ADMIN_SECRET=${BATON_ADMIN_SECRET:-local-admin-secret-change-me}
READY_TIMEOUT=${BATON_READY_TIMEOUT:-120}

port_of() {
  local entry
  for entry in "${ALL_SERVICES[@]}"; do
    [[ "${entry%%:*}" == "$1" ]] && { echo "${entry##*:}"; return 0; }
  done
  return 1
}
jar_of() { echo "$REPO_ROOT/$1/target/$1-$VERSION-exec.jar"; }

SELECTED=()
if [[ $# -eq 0 ]]; then
  for entry in "${ALL_SERVICES[@]}"; do SELECTED+=("${entry%%:*}"); done
else
  for name in "$@"; do
    port_of "$name" >/dev/null || die "unknown service '$name' (known: ${ALL_SERVICES[*]%%:*})"
    SELECTED+=("$name")
  done
fi

require_java
command -v curl >/dev/null 2>&1 || die "curl not found"
mkdir -p "$RUN_DIR"

# 1. PostgreSQL: reuse a running one, else start a persistent local cluster.
if port_open "$PG_PORT"; then
  log "PostgreSQL is listening on $PG_HOST:$PG_PORT"
else
  PGPORT=$PG_PORT bash "$REPO_ROOT/.ci/ensure-postgres.sh" start
fi

PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$PSQL" ]] || die "psql not found"
psql_q() { PGPASSWORD=$DB_PASSWORD "$PSQL" -X -w -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc "$1" </dev/null; }

# 2. Database "baton" (each service creates its own schema with Flyway).
if [[ "$(psql_q "select 1 from pg_database where datname='$DB_NAME'")" != "1" ]]; then
  log "creating database $DB_NAME"
  psql_q "create database $DB_NAME" >/dev/null
fi

# 3. Kafka must be up (up.sh starts it first).
port_open "$KAFKA_PORT" || die "Kafka is not listening on $KAFKA_BOOTSTRAP: run deploy/local/start-kafka.sh first"

# 4. Jars.
missing=0
for name in "${SELECTED[@]}"; do [[ -f "$(jar_of "$name")" ]] || missing=1; done
if [[ $missing -eq 1 || "${BATON_REBUILD:-}" == "1" ]]; then
  log "building the service jars (mvn -B -q -DskipTests package)"
  (cd "$REPO_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package </dev/null)
fi
for name in "${SELECTED[@]}"; do
  [[ -f "$(jar_of "$name")" ]] || die "jar not found after build: $name/target/$name-$VERSION-exec.jar"
done

# 5. Start each service and wait for its readiness endpoint before the next one.
start_service() {
  local name=$1 port pid url i start
  port=$(port_of "$name")
  if pid=$(running_pid "$name"); then
    log "$name already running (pid $pid) on port $port"
    return 0
  fi
  port_open "$port" && die "port $port (for $name) is already in use by another process"

  # Each service owns the schema named after it (workflow-config -> workflow_config); the
  # URL carries currentSchema because it replaces the one in the service's own yml.
  local schema=${name//-/_}
  local -a env=(
    SERVER_PORT="$port"
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME?currentSchema=$schema"
    SPRING_DATASOURCE_USERNAME="$DB_USER"
    SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD"
    SPRING_KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP"
    LOGGING_STRUCTURED_FORMAT_CONSOLE="${BATON_LOG_FORMAT-ecs}"
    # the web console's page (workflow-config's /console/) may call every service (docs/console.md)
    BATON_API_CORS_ALLOWEDORIGINS="http://localhost:$(port_of workflow-config),http://127.0.0.1:$(port_of workflow-config)"
  )
  case "$name" in
    workflow-config)
      env+=(BATON_BOOTSTRAP_ADMIN_APP="$ADMIN_APP" BATON_BOOTSTRAP_ADMIN_SECRET="$ADMIN_SECRET"
            BATON_CONSOLE_ENDPOINTS_TICKETCOMMAND=":$(port_of ticket-command)"
            BATON_CONSOLE_ENDPOINTS_TICKETQUERY=":$(port_of ticket-query)"
            BATON_CONSOLE_ENDPOINTS_NOTIFICATIONWORKER=":$(port_of notification-worker)") ;;
    ticket-query)
      env+=(SPRING_R2DBC_URL="r2dbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME?currentSchema=$schema"
            SPRING_R2DBC_USERNAME="$DB_USER" SPRING_R2DBC_PASSWORD="$DB_PASSWORD") ;;
    notification-worker)
      if [[ -n "${BATON_NOTIFICATION_WEBHOOK_URL:-}" ]]; then
        env+=(BATON_NOTIFICATION_WEBHOOK_URL="$BATON_NOTIFICATION_WEBHOOK_URL")
      fi ;;
  esac

  log "starting $name on port $port (log: deploy/local/run/$name.log)"
  start=$(date +%s)
  # shellcheck disable=SC2086  # BATON_JAVA_OPTS is a list of options
  env "${env[@]}" nohup java -Xmx256m -Daxoniq.update-checker.disabled=true ${BATON_JAVA_OPTS:-} \
    -jar "$(jar_of "$name")" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"

  url="http://127.0.0.1:$port/actuator/health/readiness"
  for ((i = 0; i < READY_TIMEOUT; i++)); do
    if ! running_pid "$name" >/dev/null; then
      tail -n 40 "$RUN_DIR/$name.log" >&2 || true
      die "$name exited during startup (see deploy/local/run/$name.log)"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      log "$name is ready after $(($(date +%s) - start))s ($url)"
      return 0
    fi
    sleep 1
  done
  tail -n 40 "$RUN_DIR/$name.log" >&2 || true
  die "$name not ready within ${READY_TIMEOUT}s ($url); it is still running, stop it with stop-services.sh"
}

for name in "${SELECTED[@]}"; do
  start_service "$name"
done

log "services up:"
for name in "${SELECTED[@]}"; do
  log "  $name  http://127.0.0.1:$(port_of "$name")  (pid $(<"$RUN_DIR/$name.pid"))"
done
