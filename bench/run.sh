#!/usr/bin/env bash
# Baton load benchmark helper (see docs/benchmarks.md). Everything it writes goes to bench/target/run/.
#
#   bench/run.sh build                         # shaded driver jar: bench/target/baton-bench.jar
#   bench/run.sh standalone-start|standalone-stop
#   bench/run.sh flow --clients 32 --tickets 3000 --warmup 300 [...]   # any driver mode: flow|todo|storage|sql|jfr|summary|scale|audit
#   bench/run.sh scale --duration-seconds 600 --command-urls URL,URL --query-urls URL,URL [--events FILE] [...]  # round-robin load, timeline, ledger
#   bench/run.sh audit --ledger FILE --kafka HOST:PORT [--command-jdbc ... --query-jdbc ... --worker-jdbc ...]  # after a scale run: lost/doubled/reordered
#   bench/run.sh standalone-kafka              # the running standalone's Kafka bootstrap address (its port is drawn at start)
#   bench/run.sh scale-standalone [scale options]  # fresh standalone notifying a local sink, scale (60 s default), audit, stop
#   bench/run.sh seed | unseed                 # bench/seed-projection.sql into the standalone's PostgreSQL (PGPORT)
#   bench/run.sh rss                           # RSS of the standalone JVM (and of its embedded PostgreSQL)
#   bench/run.sh profile <pid> <seconds>       # JFR CPU profile of a JVM, summarised
#   bench/run.sh profile-standalone            # PG work per ticket, JFR + thread dumps at 32 clients
#   bench/run.sh memory-standalone [JVM opts]  # RSS and native memory by area (NMT) after 32-client load
#   bench/run.sh suite-standalone [repeats]    # 1/8/32 clients + half-load lag + storage + RSS, fresh standalone each repeat
#   bench/run.sh local-up|local-down           # the services as separate processes (as deploy/local, own ports)
#   bench/run.sh suite-local [repeats]         # the standard runs against them
#   bench/run.sh summary                       # medians over repeats from bench/target/run/results.jsonl
#   bench/run.sh cost-standalone [clients]     # what one ticket costs (transactions, statements, rows, Kafka records), fresh standalone
#   bench/run.sh idle-standalone [warm-seconds] # CPU of an idle standalone (JVM by thread, embedded PostgreSQL) over 60 s
#   bench/run.sh idle-broker [warm-seconds]    # CPU of the standalone's in-JVM Kafka broker alone, idle, over 60 s
#   bench/run.sh cpu-probe                     # a fixed single-core task: how fast the shared host is right now
#   bench/run.sh timers-standalone [--timers 100000 --spread-seconds 30]   # timer lateness and firings/s on a fresh standalone
#   bench/run.sh hooks-standalone [--calls 10000]  # hook calls/s against a local sink, on a fresh standalone
#   bench/run.sh console-pages [rounds]       # each web console page's time to show on the demo data, in headless Chromium (fresh standalone)
#   bench/run.sh notifications-standalone [--deliveries 10000] [--batch-size 50]  # notification deliveries/s to a local webhook sink
#
# Environment: BENCH_JAVA_OPTS (driver JVM), STANDALONE_JAVA_OPTS (default: the launcher's, bin/standalone-jvm-opts.sh), PGPORT (seed; default 55432).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
JAR=$BENCH_DIR/target/baton-bench.jar
RUN=$BENCH_DIR/target/run
STANDALONE_JAR=${STANDALONE_JAR:-$REPO/standalone/target/standalone-0.1.0-SNAPSHOT.jar}
RESULTS=${RESULTS:-$RUN/results.jsonl}
mkdir -p "$RUN"

log() { echo "[bench] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

driver() {
  [[ -f "$JAR" ]] || build
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$JAR" "$@"
}

build() {
  mvn -B -q -f "$BENCH_DIR/pom.xml" -DskipTests package </dev/null
}

standalone_pid() {
  local pid
  [[ -f "$RUN/standalone.pid" ]] || return 1
  pid=$(<"$RUN/standalone.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

standalone_start() {
  [[ -f "$STANDALONE_JAR" ]] || die "no $STANDALONE_JAR: run 'mvn -B -q -DskipTests install' at the repository root"
  if standalone_pid >/dev/null; then die "a standalone started by this script runs already (pid $(standalone_pid))"; fi
  for p in 8081 8082 8083 8084 55432 59092; do port_open $p && die "port $p is in use (another Baton running?)"; done
  # Run a copy, so that a rebuild of the repository during a suite does not change what is measured.
  mkdir -p "$RUN/jar"
  cp "$STANDALONE_JAR" "$RUN/jar/standalone-0.1.0-SNAPSHOT.jar"
  record_build standalone "$STANDALONE_JAR"
  log "starting the standalone (log: $RUN/standalone.log)"
  # shellcheck source=../bin/standalone-jvm-opts.sh
  source "$REPO/bin/standalone-jvm-opts.sh"
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} nohup java ${STANDALONE_JAVA_OPTS:-$BATON_STANDALONE_JVM_OPTS} -Daxoniq.update-checker.disabled=true -jar "$RUN/jar/standalone-0.1.0-SNAPSHOT.jar" >"$RUN/standalone.log" 2>&1 </dev/null &
  echo $! >"$RUN/standalone.pid"
  local i
  for ((i = 0; i < 600; i++)); do
    grep -q "Baton is running" "$RUN/standalone.log" && break
    standalone_pid >/dev/null || { tail -40 "$RUN/standalone.log" >&2; die "the standalone exited"; }
    sleep 0.5
  done
  grep -q "Baton is running" "$RUN/standalone.log" || die "the standalone did not start within 300 s"
  # Remember its data directory (embedded PostgreSQL + Kafka) so that stop can remove it.
  local datadir
  datadir=$(ps -eo args | sed -n 's|.*postgres -D \(/[^ ]*baton-standalone-[^ ]*\)/pg -p 55432.*|\1|p' | head -n 1)
  echo "$datadir" >"$RUN/standalone.datadir"
  log "standalone running (pid $(standalone_pid), data $datadir)"
}

# The Kafka bootstrap address the running standalone printed.
standalone_kafka() {
  sed -n 's|^  Kafka  *\([^ ]*\).*|\1|p' "$RUN/standalone.log" | head -n 1
}

# What one ticket costs, counted: a fresh standalone with pg_stat_statements, a warm-up, then N tickets at the given
# concurrency with the driver's cost model (docs/benchmarks.md, "Cost model").
cost_standalone() {
  local clients=${1:-8} tickets=${2:-1000}
  BATON_PG_STAT_STATEMENTS=true standalone_start
  driver flow --clients 32 --tickets 2000 --warmup 0 --lag-commands none \
    --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton --label "cost jvm-warmup" >"$RUN/cost-warmup.txt"
  driver flow --clients "$clients" --tickets "$tickets" --warmup 0 --lag-commands none \
    --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton --cost --kafka "$(standalone_kafka)" \
    --metrics workflow-config=http://127.0.0.1:8081,ticket-command=http://127.0.0.1:8082,ticket-query=http://127.0.0.1:8083,notification-worker=http://127.0.0.1:8084 \
    --cpu-group "$STANDALONE_GROUPS" --threads-of standalone --label "cost c$clients" --out "$RESULTS" || true
  standalone_stop
}

# CPU of an idle standalone: started, left alone for warm-seconds (JIT and start-up work settle), then 60 s measured
# by thread from /proc, with the embedded PostgreSQL's processes.
idle_standalone() {
  local warm=${1:-240} pid pm tick t0 t1 p0 p1
  standalone_start
  pid=$(standalone_pid)
  log "idle for ${warm} s before measuring"
  sleep "$warm"
  pm=$(pgrep -f -- "-p 55432" | head -n 1)
  tick=$(getconf CLK_TCK)
  pg_ticks() { local s=0 p v; for p in $pm $(pgrep -P "$pm"); do v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0); s=$((s + v)); done; echo "$s"; }
  threads() { local t; for t in /proc/"$pid"/task/*; do echo "$(basename "$t") $(awk '{print $14+$15}' "$t/stat") $(tr ' ' '_' <"$t/comm")"; done; }
  threads >"$RUN/idle-threads-0.txt"
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat"); p0=$(pg_ticks)
  sleep 60
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat"); p1=$(pg_ticks)
  threads >"$RUN/idle-threads-1.txt"
  awk -v tick="$tick" -v jvm=$((t1 - t0)) -v pg=$((p1 - p0)) 'BEGIN {
    printf "idle standalone over 60 s: JVM %.2f %% of one core, embedded PostgreSQL %.2f %%, together %.2f %%\n",
      100 * jvm / tick / 60, 100 * pg / tick / 60, 100 * (jvm + pg) / tick / 60 }'
  echo "busiest threads (% of one core):"
  join <(sort "$RUN/idle-threads-0.txt") <(sort "$RUN/idle-threads-1.txt") \
    | awk -v tick="$tick" '{d = $4 - $2; if (d > 0) printf "%6.2f %s\n", 100 * d / tick / 60, $3}' | sort -rn | head -20
  standalone_stop
}

# CPU of the standalone's in-JVM Kafka broker alone (the standalone's settings, no client at all), idle: the floor
# under the idle standalone's figure. Runs the broker from the standalone jar (dev.baton.standalone.IdleBroker).
idle_broker() {
  local warm=${1:-180} pid tick t0 t1 dir
  [[ -f "$STANDALONE_JAR" ]] || die "no $STANDALONE_JAR: run 'mvn -B -q -DskipTests install' at the repository root"
  dir=$RUN/idle-broker
  mkdir -p "$dir"
  source "$REPO/bin/standalone-jvm-opts.sh"
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} nohup java ${STANDALONE_JAVA_OPTS:-$BATON_STANDALONE_JVM_OPTS} \
    -Dloader.main=dev.baton.standalone.IdleBroker -cp "$STANDALONE_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher >"$dir/broker.log" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < 120; i++)); do grep -q "idle broker at" "$dir/broker.log" && break; sleep 0.5; done
  grep -q "idle broker at" "$dir/broker.log" || { kill "$pid"; tail -20 "$dir/broker.log" >&2; die "the broker did not start"; }
  log "broker alone running (pid $pid); idle for ${warm} s before measuring"
  sleep "$warm"
  tick=$(getconf CLK_TCK)
  threads() { local t; for t in /proc/"$pid"/task/*; do echo "$(basename "$t") $(awk '{print $14+$15}' "$t/stat") $(tr ' ' '_' <"$t/comm")"; done; }
  threads >"$dir/threads-0.txt"
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  sleep 60
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  threads >"$dir/threads-1.txt"
  awk -v tick="$tick" -v jvm=$((t1 - t0)) 'BEGIN { printf "idle broker alone over 60 s: JVM %.2f %% of one core\n", 100 * jvm / tick / 60 }'
  echo "by thread group (% of one core; digits folded):"
  join <(sort "$dir/threads-0.txt") <(sort "$dir/threads-1.txt") \
    | awk -v tick="$tick" '{d = $4 - $2; n = $3; gsub(/[0-9]+/, "#", n); s[n] += d} END {for (k in s) if (s[k] > 0) printf "%6.2f %s\n", 100 * s[k] / tick / 60, k}' \
    | sort -rn | head -15
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local logs
  logs=$(sed -n 's|.*logs in \(/.*baton-idle-broker-[^ ]*\)$|\1|p' "$dir/broker.log" | head -n 1)
  [[ -n "$logs" ]] && rm -rf "$logs"
}

# A fixed single-core CPU task (seconds; lower is faster): shows when the shared host itself is slow.
cpu_probe() {
  local t0 t1
  t0=$(date +%s.%N)
  awk 'BEGIN { s = 0; for (i = 0; i < 30000000; i++) s += i * i }'
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

# Which build is measured: the repository's commit and the jar's modification time, into the results file.
record_build() {
  local what=$1 jar=$2 commit dirty
  commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | grep -vc '^.. bench/' || true)
  printf '{"mode":"build","label":"%s","commit":"%s","modifiedFiles":%s,"jar":"%s","jarTime":"%s","cpuProbeSeconds":%s}\n' \
    "$what" "$commit" "${dirty:-0}" "$(basename "$jar")" "$(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ)" "$(cpu_probe)" >>"$RESULTS"
}

standalone_stop() {
  local pid i datadir
  if pid=$(standalone_pid); then
    log "stopping the standalone (pid $pid)"
    kill -TERM "$pid"
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "still running after 60 s, SIGKILL"; kill -KILL "$pid"; }
  fi
  rm -f "$RUN/standalone.pid"
  datadir=$(cat "$RUN/standalone.datadir" 2>/dev/null || true)
  if [[ "$datadir" == */baton-standalone-* && -d "$datadir" ]]; then
    sleep 2
    rm -rf "$datadir"
    log "removed $datadir"
  fi
  rm -f "$RUN/standalone.datadir"
}

# RSS in MB of the standalone JVM, and of the embedded PostgreSQL's processes (their RSS double-counts shared memory).
rss() {
  local pid jvm pg
  pid=${1:-$(standalone_pid)} || die "no standalone running"
  jvm=$(ps -o rss= -p "$pid" | awk '{print int($1/1024)}')
  pg=$(ps -eo rss=,args= | awk '/postgres.*-p 55432|postgres: .*baton|postgres: (checkpointer|background writer|walwriter|autovacuum|logical)/ && !/awk/ {s+=$1} END {print int(s/1024)}')
  echo "standalone JVM RSS: ${jvm} MB (pid $pid); embedded PostgreSQL processes: ~${pg} MB (RSS sum, shared buffers counted repeatedly)"
  printf '{"mode":"rss","label":"%s","jvmRssMb":%s,"pgRssMb":%s}\n' "${LABEL:-}" "$jvm" "$pg" >>"$RESULTS"
}

profile() {
  local pid=$1 seconds=${2:-30} file
  file="$RUN/profile-$pid-$(date +%H%M%S).jfr"
  jcmd "$pid" JFR.start name=bench settings=profile duration="${seconds}s" filename="$file" >/dev/null
  sleep $((seconds + 3))
  driver jfr --file "$file"
}

# Where the time goes at 32 clients in the standalone: PostgreSQL work per ticket (pg_stat counters over a run),
# a 30 s JFR CPU profile plus thread dumps of the projection threads during a second run.
profile_standalone() {
  local dir=$RUN/profile pid i q
  mkdir -p "$dir"
  source "$REPO/bin/standalone-jvm-opts.sh"
  STANDALONE_JAVA_OPTS="$BATON_STANDALONE_JVM_OPTS -XX:FlightRecorderOptions:stackdepth=128" standalone_start
  pid=$(standalone_pid)
  q="SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = 'baton'"
  driver flow --clients 32 --tickets 4000 --warmup 0 --lag-commands none --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton \
    --label "profile jvm-warmup" >"$dir/warmup.txt"
  psql -X -At -h 127.0.0.1 -p 55432 -U postgres -d baton -c "SELECT pg_stat_reset()" >/dev/null
  psql -X -At -h 127.0.0.1 -p 55432 -U postgres -d baton -c "$q" >"$dir/pg-before.txt"
  driver flow --clients 32 --tickets 3000 --warmup 0 --lag-commands none --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton \
    --cpu-group "$STANDALONE_GROUPS" --threads-of standalone --label "profile c32" --out "$dir/results.jsonl" >"$dir/c32.txt" &
  local driver_pid=$!
  sleep 15
  jcmd "$pid" JFR.start name=bench settings=profile duration=30s filename="$dir/c32.jfr" >/dev/null
  for ((i = 0; i < 10; i++)); do jcmd "$pid" Thread.print >"$dir/threads-$i.txt"; sleep 3; done
  wait "$driver_pid"
  sleep 3
  psql -X -At -h 127.0.0.1 -p 55432 -U postgres -d baton -c "$q" >"$dir/pg-after.txt"
  psql -X -h 127.0.0.1 -p 55432 -U postgres -d baton -c "SELECT schemaname || '.' || relname AS table, n_tup_ins, n_tup_upd, n_tup_del, idx_scan, seq_scan FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del + coalesce(idx_scan, 0) > 0 ORDER BY 1" >"$dir/pg-tables.txt"
  ps -o rss= -p "$pid" >"$dir/rss.txt"
  driver jfr --file "$dir/c32.jfr" >"$dir/jfr-summary.txt"
  # The projection threads: where they are when sampled.
  cat "$dir"/threads-*.txt | awk 'BEGIN {RS = ""} /^"ticket-projection/ {n = split($0, l, "\n"); top = ""; for (i = 3; i <= n && i < 9; i++) { if (l[i] ~ /org.postgresql|hikari|dev.baton|KafkaConsumer|LinkedBlocking|Unsafe.park/) { top = l[i]; break } } print top}' \
    | sed -E 's/^[[:space:]]+at //; s/\(.*//' | sort | uniq -c | sort -rn >"$dir/projection-threads.txt"
  standalone_stop
  log "profile in $dir"
}

# RSS of the standalone after 32-client load, with native memory tracking (which itself costs some throughput).
memory_standalone() {
  source "$REPO/bin/standalone-jvm-opts.sh"
  local opts=${1:-$BATON_STANDALONE_JVM_OPTS} dir pid
  dir=$RUN/memory-$(date +%H%M%S)
  mkdir -p "$dir"
  echo "$opts" >"$dir/opts.txt"
  STANDALONE_JAVA_OPTS="$opts -XX:NativeMemoryTracking=summary" standalone_start
  pid=$(standalone_pid)
  driver flow --clients 32 --tickets 4000 --warmup 0 --lag-commands none --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton \
    --label "memory jvm-warmup ($opts)" --out "$dir/results.jsonl" >"$dir/warmup.txt"
  driver flow --clients 32 --tickets 3000 --warmup 0 --lag-commands none --jdbc-url jdbc:postgresql://127.0.0.1:55432/baton \
    --cpu-group "$STANDALONE_GROUPS" --label "memory c32 ($opts)" --out "$dir/results.jsonl" >"$dir/c32.txt"
  jcmd "$pid" VM.native_memory summary >"$dir/nmt.txt"
  LABEL="memory ($opts)" RESULTS="$dir/results.jsonl" rss | tee "$dir/rss.txt"
  standalone_stop
  grep "^==" "$dir"/*.txt
  log "memory figures in $dir"
}

STANDALONE_GROUPS="standalone=standalone-0.1.0-SNAPSHOT.jar,postgres=baton-standalone-"
LOCAL_GROUPS="workflow-config=workflow-config-0.1.0-SNAPSHOT-exec.jar,ticket-command=ticket-command-0.1.0-SNAPSHOT-exec.jar,ticket-query=ticket-query-0.1.0-SNAPSHOT-exec.jar,notification-worker=notification-worker-0.1.0-SNAPSHOT-exec.jar,kafka=kafka.Kafka,postgres=${PG_CMDLINE_PATTERN:-bin/postgres -D}"

# The standard runs against one setup. The JIT of a JVM holding four services and a broker needs minutes, so a
# first run only warms up. Throughput runs (1, 8, 32 clients, closed loop) do not sample the lag: its 5 ms todo
# polling is load of its own. The lag is measured in runs paced at half the throughput measured at 32 clients
# (the 250/s target's half, 125/s, is out of reach here), at fixed 10 and 20 tickets/s, and at 1 client. Every run
# first waits until the relay and the projection have caught up with the event store (--jdbc-url).
runs() {
  local setup=$1 rep=$2 groups=$3 threads=$4 jdbc=$5 tps half n rate
  shift 5
  local common=(--max-seconds 240 --out "$RESULTS" --cpu-group "$groups" --threads-of "$threads" --jdbc-url "$jdbc" "$@")
  driver flow --clients 32 --tickets 4000 --warmup 0 --lag-commands none --label "$setup jvm-warmup r$rep" "${common[@]}"
  driver flow --clients 1 --tickets 200 --warmup 20 --lag-commands none --label "$setup c1 r$rep" "${common[@]}"
  driver flow --clients 8 --tickets 1000 --warmup 100 --lag-commands none --label "$setup c8 r$rep" "${common[@]}"
  driver flow --clients 32 --tickets 3000 --warmup 300 --lag-commands none --label "$setup c32 r$rep" "${common[@]}"
  tps=$(grep "\"label\":\"$setup c32 r$rep\"" "$RESULTS" | tail -n 1 | sed -E 's/.*"ticketsPerSecond":([0-9.]+).*/\1/')
  half=$(awk -v t="$tps" 'BEGIN {printf "%.0f", t / 2}')
  n=$(awk -v h="$half" 'BEGIN {printf "%d", h * 45}')
  driver flow --clients 32 --rate "$half" --tickets "$n" --warmup 100 --label "$setup lag-half-of-c32 r$rep" "${common[@]}"
  for rate in 10 20; do
    driver flow --clients 32 --rate "$rate" --tickets $((rate * 45)) --warmup 50 --label "$setup lag-rate$rate r$rep" "${common[@]}"
  done
  driver flow --clients 1 --tickets 200 --warmup 10 --label "$setup lag-c1 r$rep" "${common[@]}"
}

suite_standalone() {
  local repeats=${1:-2} rep
  for ((rep = 1; rep <= repeats; rep++)); do
    standalone_start
    runs standalone "$rep" "$STANDALONE_GROUPS" standalone jdbc:postgresql://127.0.0.1:55432/baton
    LABEL="standalone r$rep" rss
    driver storage --compact --label "standalone r$rep" --out "$RESULTS"
    LABEL="standalone r$rep after-storage" rss
    standalone_stop
  done
}

suite_local() {
  local repeats=${1:-2} rep
  for ((rep = 1; rep <= repeats; rep++)); do
    local_up
    runs local "$rep" "$LOCAL_GROUPS" none "$LOCAL_JDBC" \
      --command-url http://127.0.0.1:18082 --query-url http://127.0.0.1:18083
    driver storage --compact --jdbc-url "$LOCAL_JDBC" --label "local r$rep" --out "$RESULTS"
    local_rss "local r$rep"
    local_down
  done
}

local_rss() {
  local name pid line="" 
  for name in workflow-config ticket-command ticket-query notification-worker kafka; do
    pid=$(local_pid "$name") || continue
    line+="\"$name\":$(ps -o rss= -p "$pid" | awk '{print int($1/1024)}'),"
  done
  echo "RSS MB: ${line%,}"
  printf '{"mode":"rss","label":"%s",%s}\n' "$1" "${line%,}" >>"$RESULTS"
}

# --- The services as separate processes, like deploy/local, but on ports of their own --------------------------
# Same service jars (copied first), same environment and JVM options as deploy/local/start-services.sh, a KRaft
# broker from deploy/local/kafka/libs, and a fresh database on the local PostgreSQL. Own ports (services
# 18081..18084, Kafka 19092/19093) and database (baton_bench), so that it can run next to a deploy/local or a
# standalone started by someone else. The demo (workflow, directory, demo-oa app) is loaded as in the standalone.
LOCAL_SERVICES=(workflow-config:18081 ticket-command:18082 ticket-query:18083 notification-worker:18084)
LOCAL_KAFKA_PORT=19092
LOCAL_CONTROLLER_PORT=19093
LOCAL_DB=baton_bench
LOCAL_JDBC=jdbc:postgresql://127.0.0.1:5432/$LOCAL_DB
LOCAL_DIR=$RUN/local
KAFKA_LIBS=$REPO/deploy/local/kafka
DEMO_OPTS="-Dbaton.demo.enabled=true -Dbaton.bootstrap.apps[0].app-id=demo-oa -Dbaton.bootstrap.apps[0].name=DemoOA -Dbaton.bootstrap.apps[0].secret=demo-oa-secret -Dbaton.bootstrap.apps[0].workflows[0]=leave-request"

local_pid() {
  local pid
  [[ -f "$LOCAL_DIR/$1.pid" ]] || return 1
  pid=$(<"$LOCAL_DIR/$1.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

local_up() {
  local entry name port schema i pid cid
  [[ -d "$KAFKA_LIBS/libs" ]] || die "no Kafka jars in deploy/local/kafka/libs (run deploy/local/start-kafka.sh once)"
  for p in 18081 18082 18083 18084 $LOCAL_KAFKA_PORT $LOCAL_CONTROLLER_PORT; do port_open $p && die "port $p is in use"; done
  mkdir -p "$LOCAL_DIR" "$RUN/jar"
  for entry in "${LOCAL_SERVICES[@]}"; do
    name=${entry%%:*}
    [[ -f "$REPO/$name/target/$name-0.1.0-SNAPSHOT-exec.jar" ]] || die "no $name exec jar: mvn -B -q -DskipTests install"
    cp "$REPO/$name/target/$name-0.1.0-SNAPSHOT-exec.jar" "$RUN/jar/"
    record_build "local $name" "$REPO/$name/target/$name-0.1.0-SNAPSHOT-exec.jar"
  done
  # Kafka: the deploy/local broker configuration on other ports, fresh data.
  rm -rf "$LOCAL_DIR/kafka-data"
  sed -e "s|^log.dirs=@LOG_DIRS@\$|log.dirs=$LOCAL_DIR/kafka-data|" -e "s/59092/$LOCAL_KAFKA_PORT/g" -e "s/59093/$LOCAL_CONTROLLER_PORT/g" \
    "$KAFKA_LIBS/server.properties" >"$LOCAL_DIR/server.properties"
  local logopts=(-Dlog4j2.configurationFile="$KAFKA_LIBS/log4j2.properties" -Dkafka.log.file="$LOCAL_DIR/kafka.log")
  cid=$(java "${logopts[@]}" -cp "$KAFKA_LIBS/libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  java "${logopts[@]}" -cp "$KAFKA_LIBS/libs/*" kafka.tools.StorageTool format -t "$cid" -c "$LOCAL_DIR/server.properties" \
    >"$LOCAL_DIR/kafka.out" 2>&1 || { tail "$LOCAL_DIR/kafka.out" >&2; die "Kafka storage format failed"; }
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true "${logopts[@]}" -cp "$KAFKA_LIBS/libs/*" \
    kafka.Kafka "$LOCAL_DIR/server.properties" >>"$LOCAL_DIR/kafka.out" 2>&1 </dev/null &
  echo $! >"$LOCAL_DIR/kafka.pid"
  for ((i = 0; i < 120; i++)); do port_open $LOCAL_KAFKA_PORT && break; sleep 0.5; done
  port_open $LOCAL_KAFKA_PORT || die "Kafka did not start (see $LOCAL_DIR/kafka.out)"
  log "Kafka on 127.0.0.1:$LOCAL_KAFKA_PORT (pid $(local_pid kafka))"
  # A fresh database.
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $LOCAL_DB" -c "CREATE DATABASE $LOCAL_DB"
  for entry in "${LOCAL_SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    schema=${name//-/_}
    local -a env=(SERVER_PORT="$port"
      SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$LOCAL_DB?currentSchema=$schema"
      SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
      SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$LOCAL_KAFKA_PORT")
    case "$name" in
      workflow-config) env+=(BATON_BOOTSTRAP_ADMIN_APP=admin-console BATON_BOOTSTRAP_ADMIN_SECRET=admin-console-demo-secret) ;;
      ticket-query) env+=(SPRING_R2DBC_URL="r2dbc:postgresql://127.0.0.1:5432/$LOCAL_DB?currentSchema=$schema"
        SPRING_R2DBC_USERNAME=postgres SPRING_R2DBC_PASSWORD=) ;;
    esac
    # shellcheck disable=SC2086
    env "${env[@]}" nohup java -Xmx256m -Daxoniq.update-checker.disabled=true $DEMO_OPTS ${BATON_JAVA_OPTS:-} \
      -jar "$RUN/jar/$name-0.1.0-SNAPSHOT-exec.jar" >"$LOCAL_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$LOCAL_DIR/$name.pid"
    for ((i = 0; i < 180; i++)); do
      local_pid "$name" >/dev/null || { tail -30 "$LOCAL_DIR/$name.log" >&2; die "$name exited"; }
      curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null && break
      sleep 1
    done
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" || die "$name not ready"
    log "$name ready on $port (pid $(local_pid "$name"))"
  done
}

local_down() {
  local entry name pid i
  for name in notification-worker ticket-query ticket-command workflow-config kafka; do
    if pid=$(local_pid "$name"); then
      kill -TERM "$pid"
      for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      log "stopped $name"
    fi
    rm -f "$LOCAL_DIR/$name.pid"
  done
  rm -rf "$LOCAL_DIR/kafka-data"
}

# The timer role alone under a backlog: ticket-command's command-topic consumer is off, so the firings (for tickets
# that do not exist) only measure the timer worker, not the tickets' answers.
timers_standalone() {
  # shellcheck source=../bin/standalone-jvm-opts.sh
  source "$REPO/bin/standalone-jvm-opts.sh"
  STANDALONE_JAVA_OPTS="${STANDALONE_JAVA_OPTS:-$BATON_STANDALONE_JVM_OPTS} -Dbaton.command-topic.enabled=false" standalone_start
  local kafka
  kafka=$(sed -n 's/^  Kafka *localhost:\([0-9]*\).*/127.0.0.1:\1/p' "$RUN/standalone.log" | head -n 1)
  driver timers --bootstrap "$kafka" --out "$RESULTS" "$@" || true
  standalone_stop
}

# The hook role alone: calls to a local sink the driver starts; ticket-command's command-topic consumer is off.
hooks_standalone() {
  # shellcheck source=../bin/standalone-jvm-opts.sh
  source "$REPO/bin/standalone-jvm-opts.sh"
  STANDALONE_JAVA_OPTS="${STANDALONE_JAVA_OPTS:-$BATON_STANDALONE_JVM_OPTS} -Dbaton.command-topic.enabled=false -Dbaton.hooks.allow-hosts=127.0.0.1 -Dbaton.hooks.secrets.bench=bench-secret -Dbaton.hooks.idle-poll-interval=200ms" standalone_start
  local kafka
  kafka=$(sed -n 's/^  Kafka *localhost:\([0-9]*\).*/127.0.0.1:\1/p' "$RUN/standalone.log" | head -n 1)
  driver hooks --bootstrap "$kafka" --out "$RESULTS" "$@" || true
  standalone_stop
}

notifications_standalone() {
  local batch=50 args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --batch-size) batch=$2; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  # shellcheck source=../bin/standalone-jvm-opts.sh
  source "$REPO/bin/standalone-jvm-opts.sh"
  STANDALONE_JAVA_OPTS="${STANDALONE_JAVA_OPTS:-$BATON_STANDALONE_JVM_OPTS} -Dbaton.notification.webhook-url=http://127.0.0.1:18094/notify -Dbaton.notification.batch-size=$batch -Dbaton.notification.idle-poll-interval=200ms" standalone_start
  driver notifications --sink-port 18094 --out "$RESULTS" "${args[@]}" || true
  standalone_stop
}

# The scale-out load against a fresh standalone (its one command and one query node, each named twice, so that the
# round-robin runs), its notifications posted to the driver's webhook sink; then the audit; then the standalone stops.
# Output in bench/target/run/scale/. The audit's exit status is this command's.
scale_standalone() {
  local dir=$RUN/scale sink_port=18095 status=0
  mkdir -p "$dir"
  rm -f "$dir/ledger.txt" "$dir/sink.log"
  BATON_NOTIFICATION_WEBHOOK_URL=http://127.0.0.1:$sink_port/notify standalone_start
  driver scale --duration-seconds 60 --clients 16 \
    --command-urls http://127.0.0.1:8082,http://127.0.0.1:8082 --query-urls http://127.0.0.1:8083,http://127.0.0.1:8083 \
    --ledger "$dir/ledger.txt" --sink-port "$sink_port" --sink-log "$dir/sink.log" \
    --worker-jdbc "jdbc:postgresql://127.0.0.1:55432/baton?currentSchema=notification_worker" \
    --out "$RESULTS" "$@" | tee "$dir/scale.txt" || status=$?
  if [[ $status -eq 0 ]]; then
    driver audit --ledger "$dir/ledger.txt" --sink-log "$dir/sink.log" --kafka "$(standalone_kafka)" --out "$RESULTS" \
      | tee "$dir/audit.txt" || status=$?
  fi
  standalone_stop
  return "$status"
}

cmd=${1:-help}
shift || true
case "$cmd" in
  build) build ;;
  standalone-start) standalone_start ;;
  standalone-stop) standalone_stop ;;
  standalone-kafka) standalone_kafka ;;
  flow|todo|storage|timers|hooks|notifications|sql|jfr|summary|scale|audit) driver "$cmd" "$@" ;;
  scale-standalone) scale_standalone "$@" ;;
  timers-standalone) timers_standalone "$@" ;;
  hooks-standalone) hooks_standalone "$@" ;;
  notifications-standalone) notifications_standalone "$@" ;;
  seed) psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PGPORT:-55432}" -U postgres -d baton -f "$BENCH_DIR/seed-projection.sql" ;;
  unseed) psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PGPORT:-55432}" -U postgres -d baton -f "$BENCH_DIR/unseed-projection.sql" ;;
  rss) rss "$@" ;;
  profile) profile "$@" ;;
  profile-standalone) profile_standalone ;;
  memory-standalone) memory_standalone "$@" ;;
  suite-standalone) suite_standalone "$@" ;;
  suite-local) suite_local "$@" ;;
  local-up) local_up ;;
  local-down) local_down ;;
  local-rss) local_rss "${1:-}" ;;
  cost-standalone) cost_standalone "$@" ;;
  idle-standalone) idle_standalone "$@" ;;
  idle-broker) idle_broker "$@" ;;
  console-pages) (cd "$REPO/console" && BATON_PAGE_TIMINGS="${1:-5}" npx vitest run --config vitest.e2e.config.ts) ;;
  cpu-probe) cpu_probe; echo " s (fixed single-core task; lower is faster)" ;;
  *) sed -n '2,/^# Environment/p' "$0" ;;
esac
