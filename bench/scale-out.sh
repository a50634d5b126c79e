#!/usr/bin/env bash
# Scale-out runs on the local three-broker cluster (deploy/local/cluster.sh): load through two ticket-command and two
# ticket-query nodes while brokers and nodes are killed, then an audit of store, topic, projection and deliveries;
# and the worker roles' throughput with 1, 2 and 3 instances. Figures go to docs/scaling.md.
#
#   bench/scale-out.sh brokers [load-seconds]   # 600 s load: kill -9 kafka-2 at 120 s, start it at 240 s, a rolling
#                                               # restart of all three at 330 s; then the audit
#   bench/scale-out.sh relay [load-seconds]     # 300 s load: kill -9 the ticket-command node that relays at 60 s
#                                               # (how long until the other relays), start it at 150 s; kill -9 the
#                                               # ticket-query node 2 at 200 s, start it at 240 s; then the audit
#   bench/scale-out.sh rebalance [load-seconds] # 240 s load: a second notification instance started at 40 s, the
#                                               # first killed (kill -9) at 120 s and started again at 160 s; the audit
#   bench/scale-out.sh workers                  # notifications, timers, hooks: 1, 2, 3 instances each, CPU per instance
#
# Each expects the cluster up (`deploy/local/cluster.sh up --workers 3 --demo`, with BATON_NOTIFICATION_WEBHOOK_URL
# pointing at the sink below) and writes everything to bench/target/run/scale-out/<scenario>-<time>/.
# Environment: SCALE_RATE (ticket starts per second, default 3), SCALE_CLIENTS (default 16).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
CLUSTER="$REPO/deploy/local/cluster.sh"
RUN_CLUSTER="$REPO/deploy/local/run/cluster"
DB=baton_cluster
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB?currentSchema"
KAFKA=127.0.0.1:59192,127.0.0.1:59292,127.0.0.1:59392
COMMANDS=http://127.0.0.1:18082,http://127.0.0.1:18182
QUERIES=http://127.0.0.1:18083,http://127.0.0.1:18183
SINK_PORT=${SCALE_SINK_PORT:-18095}
RATE=${SCALE_RATE:-3}
CLIENTS=${SCALE_CLIENTS:-16}

log() { echo "[scale-out] $(date +%T) $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
psql_q() { psql -X -w -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1" </dev/null; }

scenario=${1:-}
[[ -n "$scenario" ]] || { sed -n 2,18p "$0"; exit 2; }
shift
OUT="$BENCH_DIR/target/run/scale-out/$scenario-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
EVENTS="$OUT/events.txt"
: >"$EVENTS"
mark() { echo "$(now_ms) $1" >>"$EVENTS"; log "event: $1"; }

# every process that runs must be ready (worker instances may be stopped); the brokers and both nodes of each role run
"$CLUSTER" status >"$OUT/status-before.txt" 2>&1 || true
if awk '$6 == "up" && $7 != "yes" { bad = 1 } $1 ~ /^(kafka|ticket-|workflow-config)/ && $6 != "up" { bad = 1 } END { exit !bad }' \
    "$OUT/status-before.txt"; then
  cat "$OUT/status-before.txt" >&2
  die "the cluster is not ready"
fi
[[ -f "$BENCH_DIR/target/baton-bench.jar" ]] || (cd "$REPO" && bench/run.sh build)
# a PostgreSQL without autovacuum never analyzes the new tables, and the list reads' plans degrade as they grow
if [[ "$(psql_q 'SHOW autovacuum')" == off ]]; then
  log "autovacuum is off on this PostgreSQL: VACUUM ANALYZE before the run"
  psql_q "VACUUM ANALYZE" >/dev/null
fi

# load SECONDS: the scale mode in the background; its pid in LOAD_PID
load() {
  "$BENCH_DIR/run.sh" scale --duration-seconds "$1" --clients "$CLIENTS" --rate "$RATE" \
    --command-urls "$COMMANDS" --query-urls "$QUERIES" --ledger "$OUT/ledger.txt" --events "$EVENTS" \
    --sink-port "$SINK_PORT" --sink-log "$OUT/sink.log" --worker-jdbc "$JDBC=notification_worker" \
    --label "$scenario" --out "$OUT/results.jsonl" >"$OUT/load.txt" 2>&1 &
  LOAD_PID=$!
  log "load started (pid $LOAD_PID): $1 s, $CLIENTS clients, $RATE tickets/s; timeline in $OUT/load.txt"
}

# at SECONDS: sleeps until SECONDS after the load started
at() {
  local target=$(( LOAD_START + $1 * 1000 )) left
  left=$(( target - $(now_ms) ))
  (( left > 0 )) && sleep "$(awk -v ms="$left" 'BEGIN { printf "%.3f", ms / 1000 }')"
  return 0
}

audit() {
  wait "$LOAD_PID" || log "the load ended with status $? (see load.txt)"
  log "auditing"
  "$BENCH_DIR/run.sh" audit --ledger "$OUT/ledger.txt" --sink-log "$OUT/sink.log" --kafka "$KAFKA" \
    --command-jdbc "$JDBC=ticket_command" --query-jdbc "$JDBC=ticket_query" --worker-jdbc "$JDBC=notification_worker" \
    >"$OUT/audit.txt" 2>&1 && log "AUDIT PASSED" || log "AUDIT FAILED (status $?)"
  grep -E "^\s*(tickets|events|projected|parked|notifications|deliveries|sink)|AUDIT" "$OUT/audit.txt" >&2 || true
  "$CLUSTER" status >"$OUT/status-after.txt" 2>&1 || true
  log "results in $OUT"
}

# The instance whose pid the relay's owner names (owner = ticket-command@<pid>@<host>/<uuid>).
relay_owner() {
  psql_q "SELECT owner FROM ticket_command.token_entry WHERE processor_name = 'kafka-relay'"
}
instance_of_pid() {
  local pid=$1 f
  for f in "$RUN_CLUSTER"/ticket-command-*.pid; do
    [[ "$(<"$f")" == "$pid" ]] && { basename "$f" .pid; return 0; }
  done
  return 1
}

brokers() {
  local seconds=${1:-600}
  load "$seconds"
  LOAD_START=$(now_ms)
  at 120; mark "kill -9 kafka-2"; "$CLUSTER" kill kafka-2 >>"$OUT/cluster.txt" 2>&1
  at 240; mark "start kafka-2"; "$CLUSTER" start kafka-2 >>"$OUT/cluster.txt" 2>&1
  at 330; mark "rolling restart of the three brokers"
  "$CLUSTER" rolling-restart-brokers >>"$OUT/cluster.txt" 2>&1
  mark "rolling restart done"
  audit
}

relay() {
  local seconds=${1:-300} owner pid name from moved
  load "$seconds"
  LOAD_START=$(now_ms)
  at 60
  owner=$(relay_owner)
  pid=$(sed -E 's/^[^@]*@([0-9]+)@.*/\1/' <<<"$owner")
  name=$(instance_of_pid "$pid") || die "no ticket-command instance has pid $pid (relay owner '$owner')"
  mark "kill -9 $name (relays)"
  from=$(now_ms)
  "$CLUSTER" kill "$name" >>"$OUT/cluster.txt" 2>&1
  while :; do
    moved=$(relay_owner)
    if [[ -n "$moved" && "$moved" != "$owner" ]]; then
      echo "relay moved after $(( $(now_ms) - from )) ms: $owner -> $moved" | tee -a "$OUT/relay.txt" >&2
      break
    fi
    (( $(now_ms) - from > 120000 )) && { echo "relay did not move within 120 s" | tee -a "$OUT/relay.txt" >&2; break; }
    sleep 0.2
  done
  # starting takes a while on a busy host: in the background, so the next events keep their times
  at 150; mark "start $name"; "$CLUSTER" start "$name" >>"$OUT/cluster.txt" 2>&1 &
  at 200; mark "kill -9 ticket-query-2"; "$CLUSTER" kill ticket-query-2 >>"$OUT/cluster.txt" 2>&1
  at 240; mark "start ticket-query-2"; "$CLUSTER" start ticket-query-2 >>"$OUT/cluster.txt" 2>&1 &
  wait_starts
  audit
}

# waits for the instances started in the background (the load keeps running)
wait_starts() {
  local job
  for job in $(jobs -p); do
    [[ "$job" == "$LOAD_PID" ]] || wait "$job" || true
  done
}

# A notification instance added, then one killed and started again, under load: a rebalance of the role's
# consumer group and of the outbox's leases.
rebalance() {
  local seconds=${1:-240}
  load "$seconds"
  LOAD_START=$(now_ms)
  at 40; mark "start notifications-2"; "$CLUSTER" start notifications-2 >>"$OUT/cluster.txt" 2>&1 &
  at 120; mark "kill -9 notifications-1"; "$CLUSTER" kill notifications-1 >>"$OUT/cluster.txt" 2>&1
  at 160; mark "start notifications-1"; "$CLUSTER" start notifications-1 >>"$OUT/cluster.txt" 2>&1 &
  wait_starts
  audit
  "$CLUSTER" stop notifications-2 >>"$OUT/cluster.txt" 2>&1 || true
}

# cpu_ticks NAME...: the summed user+system clock ticks of the instances' JVMs
cpu_ticks() {
  local total=0 name pid
  for name in "$@"; do
    pid=$(<"$RUN_CLUSTER/$name.pid")
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") ))
  done
  echo "$total"
}

# role_run ROLE N: ROLE's instances 1..N running, the others stopped; then the role's benchmark; one result line
role_run() {
  local role=$1 n=$2 i names=() before after ticks secs
  for i in 1 2 3; do
    if (( i <= n )); then
      "$CLUSTER" status 2>/dev/null | grep -Eq "^$role-$i .* up +yes" || "$CLUSTER" start "$role-$i" >>"$OUT/cluster.txt" 2>&1
      names+=("$role-$i")
    else
      "$CLUSTER" stop "$role-$i" >>"$OUT/cluster.txt" 2>&1 || true
    fi
  done
  sleep 15   # the consumer group settles
  before=$(cpu_ticks "${names[@]}")
  secs=$(date +%s.%N)
  case "$role" in
    notifications) "$BENCH_DIR/run.sh" notifications --jdbc-url "$JDBC=notification_worker" --sink-port "$SINK_PORT" \
                     --deliveries "${SCALE_DELIVERIES:-4000}" --label "notifications x$n" --out "$OUT/results.jsonl" ;;
    timers) "$BENCH_DIR/run.sh" timers --jdbc-url "$JDBC=notification_worker" --bootstrap "$KAFKA" \
              --timers "${SCALE_TIMERS:-20000}" --spread-seconds 1 --label "timers x$n" --out "$OUT/results.jsonl" ;;
    hooks) "$BENCH_DIR/run.sh" hooks --jdbc-url "$JDBC=notification_worker" --bootstrap "$KAFKA" \
             --calls "${SCALE_CALLS:-3000}" --label "hooks x$n" --out "$OUT/results.jsonl" ;;
  esac >"$OUT/$role-x$n.txt" 2>&1 || log "$role x$n: benchmark failed (see $role-x$n.txt)"
  after=$(cpu_ticks "${names[@]}")
  ticks=$(getconf CLK_TCK)
  echo "$role x$n: $(grep -E "per second|/s" "$OUT/$role-x$n.txt" | tail -n 2 | tr '\n' ' ') | worker CPU $(awk -v t=$((after - before)) -v hz="$ticks" 'BEGIN { printf "%.1f", t / hz }') s over $(awk -v s="$secs" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }') s" \
    | tee -a "$OUT/workers.txt" >&2
}

# role_settings ROLE: what the role's benchmark needs of its instances (as the *-standalone benchmarks set them)
role_settings() {
  local role=$1 opts i file
  case "$role" in
    notifications) opts="-Dbaton.notification.idle-poll-interval=200ms" ;;
    timers) opts="" ;;
    hooks) opts="-Dbaton.hooks.allow-hosts=127.0.0.1 -Dbaton.hooks.secrets.bench=bench-secret -Dbaton.hooks.idle-poll-interval=200ms" ;;
  esac
  [[ -n "$opts" ]] || return 0
  for i in 1 2 3; do
    file="$RUN_CLUSTER/$role-$i.env"
    grep -qF -- "$opts" "$file" || sed -i "s|^CLUSTER_JVM_OPTS=.*|& $opts|" "$file"
  done
  "$CLUSTER" stop "$role-1" >>"$OUT/cluster.txt" 2>&1 || true
}

workers() {
  local role n
  # the timer and hook benchmarks send FireTimer and AnswerHook commands for tickets that do not exist: no
  # ticket-command takes them meanwhile (the benchmarks read them off the topic themselves)
  "$CLUSTER" stop ticket-command-1 >>"$OUT/cluster.txt" 2>&1
  "$CLUSTER" stop ticket-command-2 >>"$OUT/cluster.txt" 2>&1
  for role in ${SCALE_ROLES:-notifications timers hooks}; do
    role_settings "$role"
    for n in 1 2 3; do role_run "$role" "$n"; done
    for n in 2 3; do "$CLUSTER" stop "$role-$n" >>"$OUT/cluster.txt" 2>&1 || true; done
  done
  "$CLUSTER" start ticket-command-1 >>"$OUT/cluster.txt" 2>&1
  "$CLUSTER" start ticket-command-2 >>"$OUT/cluster.txt" 2>&1
  log "worker curves in $OUT/workers.txt"
}

case "$scenario" in
  brokers) brokers "$@" ;;
  relay) relay "$@" ;;
  rebalance) rebalance "$@" ;;
  workers) workers ;;
  *) die "unknown scenario '$scenario' (brokers, relay, rebalance, workers)" ;;
esac
