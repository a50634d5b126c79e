#!/usr/bin/env bash
# W1 side by side with Flowable 7.2 (the shared harness, bench/flowable of the shared benchmarks), Baton in its
# multi-process deployment: each service its own JVM (the -exec jars, the environment, JVM options and demo options
# of `bench/run.sh local-up` / deploy/local), a real Kafka broker (deploy/local/kafka: its jars, server.properties,
# -Xms256m -Xmx512m -XX:+UseG1GC) and a PostgreSQL 15 of its own (initdb + postgres, fsync on, started like the
# harness starts Flowable's), everything on 127.0.0.1 (services 8081-8084, broker 59092/59093, PostgreSQL
# $BATON_PG_PORT, default 55503).
#
#   bench/side-by-side-multiprocess.sh [--harness DIR] [--work DIR] [--reps N] [--tickets N] [--concurrency 1,8,32]
#       [--warmup N] [--jit-warmup N] [--max-seconds N] [--netns] [--check | --check-only] [--skip-build]
#       [--systems L] [--flowable-pg-conf L] [--wait-file F --wait-minutes M]     (as run-side-by-side.sh)
#
#   --harness DIR   the shared harness (default: ../shared/bench/flowable beside this repository); it is only read
#   --work DIR      working folder (default: <system temp>/w1-side-by-side-multiprocess); the harness is copied to
#                   DIR/harness, the service jars to DIR/jar
#   --skip-build    neither `mvn install` at the repository root nor the harness build (both must have run before:
#                   the -exec jars in <service>/target, the harness jars in DIR/harness)
#
# How it reuses the harness. The harness is copied to $WORK/harness and built there. A patched copy of its
# run-side-by-side.sh, $WORK/harness/run-side-by-side-multiprocess.sh, is generated with checked line replacements
# (the script stops if any of them does not match exactly once):
#   - before its main part (the line `if [ "$BUILD" = 1 ]; then`), this script is sourced with `--overrides`, which
#     redefines baton_start and baton_stop (the multi-process start/stop below) and series (Flowable's series runs
#     the harness's own function unchanged; Baton's runs the same driver command and adds the CPU accounting below);
#   - its two lines that copy the standalone jar become no-ops, and its two header lines about the standalone jar
#     and JVM options print the multi-process jars and options instead.
# Everything else (option handling, --netns, Flowable's PostgreSQL and server, the check, the interleaved
# repetitions, the driver and its summary) is the harness's own code. The harness is run with --skip-build (this
# script builds it first, outside any network namespace).
#
# CPU accounting. The driver measures one server pid (utime+stime of /proc/<pid>/stat) and the PostgreSQL tree of
# --pg-pid. Baton's driver runs get --watch-pid <ticket-command> and --pg-pid <Baton's postmaster>, exactly as the
# harness passes the standalone's. The driver's output is read line by line; the moment it prints the result of a
# run (the JIT warm-up line, the warm-up line, each measured row: it prints them right after it stops its own CPU
# probe, and the next run starts right after), this script reads utime+stime of each of the five Baton JVMs
# (workflow-config, ticket-command, ticket-query, notification-worker, the Kafka broker) and of each of their
# threads. The difference between two such readings is the run's CPU; the run's JSON line is then rewritten before
# it goes into the harness's w1.jsonl: cpuTargetS = the sum of the five JVMs (was: ticket-command alone, kept as
# cpuTicketCommandByDriverS to check the alignment of the two windows), cpuOtherS recomputed, cpuByProcessS
# added, serverThreadCpuS / serverThreadsByNameCpuS = the harness's thread groups over all five JVMs (the broker's
# own threads fall in "kafka-broker" by name, as the in-JVM broker's do in the standalone). PostgreSQL stays the
# driver's figure. The driver is excluded. RSS columns stay ticket-command's; the series lines list each JVM's peak.
set -euo pipefail

MP_SERVICES=(workflow-config:8081 ticket-command:8082 ticket-query:8083 notification-worker:8084)
MP_PROCS=(workflow-config ticket-command ticket-query notification-worker kafka)
MP_VERSION=0.1.0-SNAPSHOT
MP_DEMO_OPTS=(-Dbaton.demo.enabled=true "-Dbaton.bootstrap.apps[0].app-id=demo-oa" "-Dbaton.bootstrap.apps[0].name=DemoOA"
  "-Dbaton.bootstrap.apps[0].secret=demo-oa-secret" "-Dbaton.bootstrap.apps[0].workflows[0]=leave-request")

# =====================================================================================================================
# Part 1: sourced by the patched harness (`source side-by-side-multiprocess.sh --overrides`): the harness's variables
# and functions (WORK, LOGS, BATON_PG_PORT, SECRET_FILE, JSONL, log, driver, as_pg, ...) are in scope.
# =====================================================================================================================
if [[ "${1:-}" == "--overrides" ]]; then
  : "${W1_MP_REPO:?}" "${W1_MP_KAFKA_LIBS:?}" "${W1_MP_KAFKA_PORT:?}" "${W1_MP_CONTROLLER_PORT:?}"
  MP_PGBIN=${W1_MP_PGBIN:-/usr/lib/postgresql/15/bin}
  MP_PGDATA=$WORK/baton-pgdata
  MP_KAFKA_DIR=$WORK/baton-kafka
  MP_JARS=$WORK/jar
  MP_HZ=$(getconf CLK_TCK)
  declare -gA MP_PID=()

  mp_header_jars() {
    local name j
    for name in "${MP_PROCS[@]:0:4}"; do
      j=$MP_JARS/$name-$MP_VERSION-exec.jar
      echo "baton (multi-process) $name: $(basename "$j"), sha256 $(sha256sum "$j" | cut -c1-16)"
    done
    echo "baton kafka broker: $(basename "$(ls "$W1_MP_KAFKA_LIBS"/kafka_2.13-*.jar | head -1)") (deploy/local/kafka/server.properties)"
  }
  mp_header_jvm() {
    echo "baton JVMs: each service -Xmx256m -Daxoniq.update-checker.disabled=true ${MP_DEMO_OPTS[*]} ${BATON_JAVA_OPTS:-}; broker -Xms256m -Xmx512m -XX:+UseG1GC; PostgreSQL 15 of its own on 127.0.0.1:$BATON_PG_PORT (fsync on, shared_buffers 512MB, as Flowable's); CPU = the 5 JVMs (4 services + broker) + PostgreSQL"
  }

  mp_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  mp_pg_q() { "$MP_PGBIN/psql" -X -h 127.0.0.1 -p "$BATON_PG_PORT" -U postgres -d postgres -qAt "$@"; }

  mp_pg_start() { # PostgreSQL 15 for Baton, as the harness's pg_start does Flowable's; a fresh database "baton"
    if [ ! -f "$MP_PGDATA/PG_VERSION" ]; then
      mkdir -p "$MP_PGDATA"; chown postgres:postgres "$MP_PGDATA"
      as_pg "$MP_PGBIN/initdb" -D "$MP_PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$LOGS/baton-initdb.log"
      cat >>"$MP_PGDATA/postgresql.conf" <<PGCONF
listen_addresses = '127.0.0.1'
port = $BATON_PG_PORT
unix_socket_directories = ''
max_connections = 100
shared_buffers = 512MB
PGCONF
    fi
    as_pg "$MP_PGBIN/pg_ctl" -D "$MP_PGDATA" -l "$MP_PGDATA/postgres.log" -w start >/dev/null
    mp_pg_q -c "drop database if exists baton" -c "create database baton"
    log "baton's PostgreSQL: fsync $(mp_pg_q -c 'show fsync'), synchronous_commit $(mp_pg_q -c 'show synchronous_commit'), shared_buffers $(mp_pg_q -c 'show shared_buffers') (postmaster $(head -1 "$MP_PGDATA/postmaster.pid"))"
  }
  mp_pg_stop() {
    if [ -f "$MP_PGDATA/postmaster.pid" ]; then as_pg "$MP_PGBIN/pg_ctl" -D "$MP_PGDATA" -m fast -w stop >/dev/null 2>&1 || true; fi
  }

  mp_kafka_start() { # label: the deploy/local broker configuration, fresh data
    local label=$1 cid i props=$MP_KAFKA_DIR/server.properties
    rm -rf "$MP_KAFKA_DIR"; mkdir -p "$MP_KAFKA_DIR"
    sed -e "s|^log.dirs=@LOG_DIRS@\$|log.dirs=$MP_KAFKA_DIR/data|" -e "s/59092/$W1_MP_KAFKA_PORT/g" \
      -e "s/59093/$W1_MP_CONTROLLER_PORT/g" "$W1_MP_REPO/deploy/local/kafka/server.properties" >"$props"
    grep -qx "log.dirs=$MP_KAFKA_DIR/data" "$props" || { log "deploy/local/kafka/server.properties: no log.dirs=@LOG_DIRS@ line"; return 1; }
    local logopts=(-Dlog4j2.configurationFile="$W1_MP_REPO/deploy/local/kafka/log4j2.properties" -Dkafka.log.file="$LOGS/baton-kafka-$label.log")
    cid=$(java "${logopts[@]}" -cp "$W1_MP_KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java "${logopts[@]}" -cp "$W1_MP_KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cid" -c "$props" \
      >"$LOGS/baton-kafka-$label.out" 2>&1 || { tail "$LOGS/baton-kafka-$label.out" >&2; log "Kafka storage format failed"; return 1; }
    java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true "${logopts[@]}" -cp "$W1_MP_KAFKA_LIBS/*" \
      kafka.Kafka "$props" >>"$LOGS/baton-kafka-$label.out" 2>&1 </dev/null &
    MP_PID[kafka]=$!
    for ((i = 0; i < 240; i++)); do
      mp_port_taken "$W1_MP_KAFKA_PORT" && break
      kill -0 "${MP_PID[kafka]}" 2>/dev/null || { tail -30 "$LOGS/baton-kafka-$label.out" >&2; log "Kafka exited"; return 1; }
      sleep 0.5
    done
    mp_port_taken "$W1_MP_KAFKA_PORT" || { log "Kafka did not listen on $W1_MP_KAFKA_PORT"; return 1; }
  }

  mp_service_start() { # name port label: the environment and options of bench/run.sh local_up / deploy/local
    local name=$1 port=$2 label=$3 schema=${1//-/_} i t0=$SECONDS
    local db="127.0.0.1:$BATON_PG_PORT/baton?currentSchema=$schema"
    local -a env=(SERVER_PORT="$port" SPRING_DATASOURCE_URL="jdbc:postgresql://$db"
      SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
      SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$W1_MP_KAFKA_PORT")
    case "$name" in
      workflow-config) env+=(BATON_BOOTSTRAP_ADMIN_APP=admin-console BATON_BOOTSTRAP_ADMIN_SECRET=admin-console-demo-secret) ;;
      ticket-query) env+=(SPRING_R2DBC_URL="r2dbc:postgresql://$db" SPRING_R2DBC_USERNAME=postgres SPRING_R2DBC_PASSWORD=) ;;
    esac
    # shellcheck disable=SC2086  # BATON_JAVA_OPTS is a list of options
    env "${env[@]}" java -Xmx256m -Daxoniq.update-checker.disabled=true "${MP_DEMO_OPTS[@]}" ${BATON_JAVA_OPTS:-} \
      -jar "$MP_JARS/$name-$MP_VERSION-exec.jar" >"$LOGS/baton-$name-$label.log" 2>&1 </dev/null &
    MP_PID[$name]=$!
    for ((i = 0; i < 180; i++)); do
      kill -0 "${MP_PID[$name]}" 2>/dev/null || { tail -30 "$LOGS/baton-$name-$label.log" >&2; log "$name exited"; return 1; }
      curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null && break
      sleep 1
    done
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" || { log "$name not ready"; return 1; }
    echo "    $name ready on $port after $((SECONDS - t0)) s (pid ${MP_PID[$name]})" >&2
  }

  baton_start() { # label (replaces the harness's standalone start)
    local label=$1 entry p
    for p in 8081 8082 8083 8084 "$W1_MP_KAFKA_PORT" "$W1_MP_CONTROLLER_PORT" "$BATON_PG_PORT"; do
      if mp_port_taken "$p"; then log "port $p is taken (use --netns)"; return 1; fi
    done
    mp_pg_start || return 1
    mp_kafka_start "$label" || return 1
    for entry in "${MP_SERVICES[@]}"; do mp_service_start "${entry%%:*}" "${entry##*:}" "$label" || return 1; done
    BATON_PID=${MP_PID[ticket-command]}
    BATON_PG=$(head -1 "$MP_PGDATA/postmaster.pid")
    BATON_DATA=""
    log "baton multi-process up (workflow-config ${MP_PID[workflow-config]}, ticket-command ${MP_PID[ticket-command]}, ticket-query ${MP_PID[ticket-query]}, notification-worker ${MP_PID[notification-worker]}, kafka ${MP_PID[kafka]}, postmaster $BATON_PG)"
    driver --mode baton-setup --secret-file "$SECRET_FILE" >"$LOGS/baton-setup-$label.log" 2>&1 \
      || { tail -20 "$LOGS/baton-setup-$label.log"; return 1; }
    grep -E "^(directory sync|published|app|ready)" "$LOGS/baton-setup-$label.log" | sed 's/^/    /' >&2 || true
  }

  baton_stop() { # services first (all at once), then the broker, then PostgreSQL
    local name pid i group
    for group in "workflow-config ticket-command ticket-query notification-worker" kafka; do
      for name in $group; do
        pid=${MP_PID[$name]:-}
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
      done
      for name in $group; do
        pid=${MP_PID[$name]:-}
        [ -n "$pid" ] || continue
        for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then log "$name still running after 60 s: SIGKILL $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
        wait "$pid" 2>/dev/null || true
      done
    done
    MP_PID=()
    mp_pg_stop
    rm -rf "$MP_KAFKA_DIR"
    BATON_PID=""; BATON_PG=""; BATON_DATA=""
  }

  # One reading: "tag <TAB> process <TAB> P|tid <TAB> cpu-s <TAB> thread name" for each JVM and each of its threads.
  mp_snap() { # tag file
    local name files=()
    for name in "${MP_PROCS[@]}"; do
      files+=("/proc/${MP_PID[$name]}/stat" "/proc/${MP_PID[$name]}/task/"*/stat)
    done
    LC_ALL=C awk -v tag="$1" -v hz="$MP_HZ" -v names="${MP_PROCS[*]}" -v pids="$(for name in "${MP_PROCS[@]}"; do printf '%s ' "${MP_PID[$name]}"; done)" '
      BEGIN { n = split(names, nm, " "); split(pids, pd, " "); for (i = 1; i <= n; i++) proc[pd[i]] = nm[i] }
      FNR == 1 {
        s = $0; o = index(s, "("); c = 0
        for (i = length(s); i > 0; i--) if (substr(s, i, 1) == ")") { c = i; break }
        comm = substr(s, o + 1, c - o - 1); split(substr(s, c + 2), f, " ")
        split(FILENAME, p, "/"); cpu = (f[12] + f[13]) / hz
        if (p[4] == "stat") printf "%s\t%s\tP\t%.2f\t\n", tag, proc[p[3]], cpu
        else printf "%s\t%s\t%s\t%.2f\t%s\n", tag, proc[p[3]], p[5], cpu, comm
        nextfile
      }' "${files[@]}" >>"$2" 2>/dev/null || true
  }

  mp_snap_on_results() { # file: passes the driver's output through, reading the JVMs' CPU at each run's result line
    local line
    while IFS= read -r line; do
      if [[ "$line" == "# target:"* ]]; then mp_snap start "$1"
      elif [[ "$line" == "jit warm-up ("* ]]; then mp_snap jit "$1"
      elif [[ "$line" == "warm-up: "* ]]; then mp_snap warmup "$1"
      elif [[ "$line" =~ ^\|\ [^|]*#[0-9]+\ \|\ ([0-9]+)\ \| ]]; then mp_snap "c${BASH_REMATCH[1]}" "$1"
      fi
      printf '%s\n' "$line"
    done
  }

  # Deltas between consecutive readings: one JSON object per interval, keyed by the reading that ends it.
  mp_intervals() { # snapshot-file
    LC_ALL=C awk -F'\t' -v procs="${MP_PROCS[*]}" '
      function grp(c,   k, n, a) {
        if (c ~ /^(C1|C2|CN) CompilerThre/) return "jit"
        if (c == "VM Thread" || c ~ /^GC Thread/ || c ~ /^G1 /) return "gc"
        n = split("data-plane-kafk kafka-scheduler kafka-log-clean kafka-0- kafka-1- kafka-N- quorum-controll raft- group-metadata executor- kafka-cluster-t transaction-log ExpirationReape metrics-meter-t broker- controller- LogDirFailure share- group-coordinat kafka-request-h kafka-network-t AlterPartition ReplicaFetcher", a, " ")
        for (k = 1; k <= n; k++) if (index(c, a[k]) == 1) return "kafka-broker"
        n = split("kafka-producer- kafka-coordinat kafka-admin-cli micrometer-kafk", a, " ")
        for (k = 1; k <= n; k++) if (index(c, a[k]) == 1) return "kafka-client"
        if (index(c, "reactor-http-") == 1 || index(c, "http-nio-") == 1) return "http"
        return "other"
      }
      function flush(   out, k, first, name, g, nn) {
        if (prev == "") return
        out = "{\"tag\":\"" cur "\",\"proc\":{"; first = 1
        for (k = 1; k <= np; k++) { out = out (first ? "" : ",") "\"" pn[k] "\":" sprintf("%.2f", pc[pn[k]] - pp[pn[k]]); first = 0 }
        split("jit gc kafka-broker kafka-client http other", gl, " ")
        for (k in gd) delete gd[k]; for (k in nd) delete nd[k]
        for (k in tc) { d = tc[k] - ((k in tp) ? tp[k] : 0); name = tn[k]; gd[grp(name)] += d
          if (d > 0) { gsub(/[0-9]+/, "N", name); nd[name] += d } }
        out = out "},\"groups\":{"; first = 1
        for (k = 1; k <= 6; k++) { out = out (first ? "" : ",") "\"" gl[k] "\":" sprintf("%.2f", gd[gl[k]] + 0); first = 0 }
        out = out "},\"names\":{"; first = 1
        for (nn in nd) if (nd[nn] >= 0.05) { g = nn; gsub(/\\/, "/", g); gsub(/"/, "\x27", g); out = out (first ? "" : ",") "\"" g "\":" sprintf("%.2f", nd[nn]); first = 0 }
        print out "}}"
      }
      BEGIN { np = split(procs, pn, " ") }
      $1 != cur {
        if (cur != "") { flush(); prev = cur
          for (k in pc) pp[k] = pc[k]; for (k in tp) delete tp[k]; for (k in tc) tp[k] = tc[k]
          for (k in pc) delete pc[k]; for (k in tc) delete tc[k]; for (k in tn) delete tn[k] }
        cur = $1
      }
      $3 == "P" { pc[$2] = $4; next }
      { tc[$2 "/" $3] = $4; tn[$2 "/" $3] = $5 }
      END { if (cur != "") flush() }' "$1"
  }

  mp_series() { # system rep pid pgpid target-args... (the harness's series, with the multi-process CPU accounting)
    local system=$1 rep=$2 pid=$3 pgpid=$4; shift 4
    local m0 w0 snap=$WORK/mp/cpu-$system-$rep.tsv js=$WORK/mp/runs-$system-$rep.jsonl md=$WORK/mp/rows-$system-$rep.md
    local iv=$WORK/mp/intervals-$system-$rep.jsonl name hwm=""
    mkdir -p "$WORK/mp"; : >"$snap"; : >"$js"; : >"$md"
    m0=$(machine_busy_s); w0=$(date +%s)
    log "$system#$rep: series start ($(load))"
    driver "$@" --mode w1 --tickets "$TICKETS" --concurrency "$CONC" --warmup "$WARMUP" --jit-warmup "$JIT_WARMUP" \
      --jit-warmup-concurrency 32 --max-seconds "$MAX_SECONDS" --seed "$rep" --watch-pid "$pid" --pg-pid "$pgpid" \
      --label "$system#$rep" --out-md "$md" --out-json "$js" | mp_snap_on_results "$snap" | tee "$LOGS/driver-$system-$rep.log" \
      | grep -E '^\| '"$system"'|^jit|^warm-up|^first error' >&2 || true
    mp_intervals "$snap" >"$iv"
    # Each JSON line of the driver gets the interval that ends at its result line (the warm-up has no JSON line).
    jq -c --slurpfile iv "$iv" '
      (.label | endswith("-jit-warmup")) as $jit
      | (if $jit then "jit" else "c\(.concurrency)" end) as $tag
      | ([$iv[] | select(.tag == $tag)] | first) as $i
      | if $i == null then error("no CPU reading for run \(.label) c\(.concurrency)") else . end
      | ([$i.proc[]] | add) as $sum
      | .cpuTicketCommandByDriverS = .cpuTargetS
      | .cpuTargetS = (($sum * 100 | round) / 100)
      | .cpuOtherS = ([0, .cpuMachineS - $sum - .cpuDriverS - .cpuPostgresS] | max | (. * 100 | round) / 100)
      | .cpuByProcessS = $i.proc
      | .serverThreadCpuS = $i.groups
      | .serverThreadsByNameCpuS = $i.names
      | .target = .target + " [multi-process: server CPU = 4 service JVMs + Kafka broker]"' "$js" >"$js.mp"
    cat "$js.mp" >>"$JSONL"
    # The markdown rows: the last cell (CPU s target / driver / pg / other) with the multi-process target.
    jq -r 'select(.label | endswith("-jit-warmup") | not) | [.cpuTargetS, .cpuDriverS, .cpuPostgresS, .cpuOtherS, .wallSeconds] | @tsv' "$js.mp" \
      | awk -F'\t' -v nproc="$(nproc)" 'NR == FNR { c[NR] = sprintf("%.0f / %.0f / %.0f / %.0f%s", $1, $2, $3, $4, $4 > 0.10 * $5 * nproc ? " (contended)" : ""); next }
          { n++; sub(/\| [^|]*\|$/, "| " c[n] " |"); print }' - "$md" >>"$WORK/w1-rows.md"
    jq -r '. as $r | "# cpu-split (multi-process) \(.label) c\(.concurrency): ms/ticket "
      + ([.cpuByProcessS | to_entries[] | "\(.key) \(.value * 1000 / $r.ticketsDone * 10 | round / 10)"] | join(", "))
      + ", postgres \(.cpuPostgresS * 1000 / .ticketsDone * 10 | round / 10); JVMs+broker \(.cpuTargetS * 1000 / .ticketsDone * 10 | round / 10); ticket-command as the driver measured it \(.cpuTicketCommandByDriverS * 1000 / .ticketsDone * 10 | round / 10)"' \
      "$js.mp" | tee -a "$WORK/mp/cpu-split.txt" >&2
    for name in "${MP_PROCS[@]}"; do hwm+="$name $(hwm_mib "${MP_PID[$name]}"), "; done
    echo "- $system#$rep (multi-process): whole series $(( $(date +%s) - w0 )) s, machine busy $(awk -v a="$m0" -v b="$(machine_busy_s)" 'BEGIN{printf "%.0f", b-a}') CPU-s; RSS peak (VmHWM) MiB: ${hwm%, }; $(load) at end" >>"$WORK/series.md"
  }

  eval "mp_harness_$(declare -f series)"   # the harness's own series, kept as mp_harness_series
  series() { # system rep pid pgpid target-args...
    if [ "$1" = baton ]; then mp_series "$@"; else mp_harness_series "$@"; fi
  }
  return 0
fi

# =====================================================================================================================
# Part 2: the command.
# =====================================================================================================================
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
SELF=$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")
HARNESS_SRC=$REPO/../shared/bench/flowable
WORK=""; SKIP_BUILD=0; CHECK_ONLY=0
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --harness) HARNESS_SRC=$2; shift ;;
    --work) WORK=$2; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    --check-only) CHECK_ONLY=1; PASS+=("$1") ;;
    --netns|--check|--no-measure) PASS+=("$1") ;;
    --reps|--tickets|--concurrency|--warmup|--jit-warmup|--max-seconds|--wait-file|--wait-minutes|--systems|--flowable-pg-conf)
      PASS+=("$1" "$2"); shift ;;
    --profile|--baton-jar|--baton-jvm-opts|--flowable-label)
      echo "$1 is not supported for the multi-process deployment (use the harness's run-side-by-side.sh for the standalone)" >&2; exit 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$SELF" | sed '$d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$HARNESS_SRC/run-side-by-side.sh" ] || { echo "no harness at $HARNESS_SRC (give --harness DIR)" >&2; exit 2; }
HARNESS_SRC=$(cd "$HARNESS_SRC" && pwd)
WORK=${WORK:-$(dirname "$(mktemp -u)")/w1-side-by-side-multiprocess}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
H=$WORK/harness
say() { echo "[side-by-side-multiprocess] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# 1. Baton's jars (-exec jars of the four services), copied so that a rebuild during the run changes nothing.
if [ "$SKIP_BUILD" = 0 ]; then
  say "building Baton (mvn install at the repository root)"
  (cd "$REPO" && mvn -B -q -o install -DskipTests -Daxoniq.update-checker.disabled=true </dev/null) || die "Baton build failed"
fi
mkdir -p "$WORK/jar"
for entry in "${MP_SERVICES[@]}"; do
  name=${entry%%:*}
  jar=$REPO/$name/target/$name-$MP_VERSION-exec.jar
  [ -f "$jar" ] || die "no $jar: mvn -B -q -o install -DskipTests -Daxoniq.update-checker.disabled=true at the repository root"
  cp "$jar" "$WORK/jar/"
done

# 2. The broker's jars: deploy/local/kafka/libs when start-kafka.sh fetched them, else the same copy into $WORK.
if compgen -G "$REPO/deploy/local/kafka/libs/kafka_2.13-*.jar" >/dev/null; then
  KAFKA_LIBS=$REPO/deploy/local/kafka/libs
else
  KAFKA_LIBS=$WORK/kafka-libs
  if ! compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null; then
    say "fetching the Kafka broker jars (deploy/local/kafka/pom.xml) into $KAFKA_LIBS"
    (cd "$REPO/deploy/local/kafka" && mvn -B -q -Daxoniq.update-checker.disabled=true dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime </dev/null) || die "could not fetch the Kafka jars"
  fi
fi

# 3. The harness: a copy, built there (outside any network namespace), then run with --skip-build.
if [ "$SKIP_BUILD" = 1 ] && [ -f "$H/driver/target/w1-driver-1.0-all.jar" ] && [ -f "$H/server/target/flowable-w1-server.jar" ] \
  && cmp -s "$HARNESS_SRC/run-side-by-side.sh" "$H/run-side-by-side.sh"; then
  say "reusing the harness copy built in $H"
else
  [ "$SKIP_BUILD" = 1 ] && die "--skip-build, but $H holds no built copy of the current harness"
  rm -rf "$H"; cp -r "$HARNESS_SRC" "$H"; chmod -R u+w "$H"
  say "building the harness copy in $H"
  (cd "$H" && mvn -B -q install -DskipTests -Daxoniq.update-checker.disabled=true </dev/null) >"$WORK/harness-build.log" 2>&1 \
    || { tail -30 "$WORK/harness-build.log" >&2; die "harness build failed"; }
fi

# 4. The patched harness: every replacement must match exactly one line, or nothing runs.
ORIG=$H/run-side-by-side.sh
PATCHED=$H/run-side-by-side-multiprocess.sh
for fn in 'baton_start() {' 'baton_stop() {' 'series() {' 'cleanup() { flowable_stop; baton_stop; pg_stop; }' \
  'series baton "$rep" "$BATON_PID" "$BATON_PG" --target baton-rest'; do
  [ "$(grep -cF -- "$fn" "$ORIG")" = 1 ] || die "the harness changed: '$fn' is not there exactly once; the overrides would not fit"
done
awk -v self="$SELF" '
  BEGIN { n = 0 }
  index($0, "if [ \"$BUILD\" = 1 ]; then") == 1 {
    print "# side-by-side-multiprocess.sh: Baton multi-process start/stop and CPU accounting (baton_start, baton_stop, series)"
    print "source \"$W1_MP_SCRIPT\" --overrides"; m[1]++ }
  index($0, "cp \"$BATON_JAR\" \"$WORK/jar/standalone.jar\"") == 1 { print ": # (multi-process: the service jars are in $WORK/jar)"; m[2]++; next }
  index($0, "mkdir -p \"$WORK/baton-tmp\" && cp \"$BATON_JAR\"") == 1 { print ": # (multi-process: no standalone /tmp)"; m[3]++; next }
  index($0, "  echo \"baton jar: ") == 1 { print "  mp_header_jars"; m[4]++; next }
  index($0, "  echo \"baton JVM: ") == 1 { print "  mp_header_jvm"; m[5]++; next }
  { print }
  END { for (i = 1; i <= 5; i++) if (m[i] != 1) { printf "patch %d matched %d lines\n", i, m[i] > "/dev/stderr"; bad = 1 } exit bad }' \
  "$ORIG" >"$PATCHED" || die "the harness changed: the patch does not apply (see above)"
chmod +x "$PATCHED"
bash -n "$PATCHED" || die "the patched harness does not parse"

# 5. Run it. Its own EXIT trap stops every process it started (Flowable, its PostgreSQL, Baton's JVMs, broker and
#    PostgreSQL); a signal to this script is passed on to it.
export W1_MP_SCRIPT=$SELF W1_MP_REPO=$REPO W1_MP_KAFKA_LIBS=$KAFKA_LIBS
export W1_MP_KAFKA_PORT=${W1_MP_KAFKA_PORT:-59092} W1_MP_CONTROLLER_PORT=${W1_MP_CONTROLLER_PORT:-59093}
rm -f "$WORK/w1.jsonl" "$WORK/w1-rows.md" "$WORK/series.md" "$WORK/side-by-side.md" "$WORK/side-by-side-multiprocess.md"
rm -rf "$WORK/mp"
HPID=""
forward() { [ -n "$HPID" ] && kill -TERM "$HPID" 2>/dev/null; wait "$HPID" 2>/dev/null; exit 130; }
trap forward INT TERM
say "running $PATCHED (work folder $WORK)"
"$PATCHED" --baton-jar "$WORK/jar/ticket-command-$MP_VERSION-exec.jar" --baton-jvm-opts "$PATCHED" --work "$WORK" \
  --skip-build "${PASS[@]}" &
HPID=$!
rc=0; wait "$HPID" || rc=$?
HPID=""
[ -s "$WORK/check.md" ] && { echo "## Check (50 tickets each)"; echo; cat "$WORK/check.md"; echo; }
[ "$rc" = 0 ] || die "the harness failed (exit $rc; logs in $WORK/logs, $WORK/run.log)"
[ "$CHECK_ONLY" = 1 ] && exit 0
[ -s "$WORK/w1.jsonl" ] || die "no measured runs in $WORK/w1.jsonl"

# 6. The comparison: per clients, tickets/s and CPU ms/ticket (server + PostgreSQL; Baton's server = 4 JVMs + broker),
#    means over the repetitions, and Baton's CPU by process.
{
  echo "## W1 side by side: Flowable 7.2 and Baton multi-process"
  echo
  cat "$WORK/header.md"
  echo
  echo "| clients | Flowable tickets/s | Baton MP tickets/s | ratio | Flowable CPU ms/ticket | Baton MP CPU ms/ticket | ratio |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  jq -rs '
    def mean: if length == 0 then null else add / length end;
    [.[] | select(.label | endswith("-jit-warmup") | not) | . + {system: (.label | sub("[#-].*$"; ""))}
      | . + {cpums: ((.cpuTargetS + .cpuPostgresS) * 1000 / .ticketsDone)}]
    | group_by(.concurrency)[] | . as $g
    | ([$g[] | select(.system == "flowable")]) as $f | ([$g[] | select(.system == "baton")]) as $b
    | [$g[0].concurrency, ([$f[].ticketsPerSecond] | mean), ([$b[].ticketsPerSecond] | mean),
       ([$f[].cpums] | mean), ([$b[].cpums] | mean), ([$f[].ticketsPerSecond] | map(tostring) | join(", ")),
       ([$b[].ticketsPerSecond] | map(tostring) | join(", "))] | @tsv' "$WORK/w1.jsonl" \
  | awk -F'\t' 'function f(x) { return x == "" ? "-" : sprintf("%.1f", x) }
      function r(a, b) { return (a == "" || b == "" || a == 0) ? "-" : sprintf("%.2f", b / a) }
      { printf "| %s | %s (%s) | %s (%s) | %s | %s | %s | %s |\n", $1, f($2), $6, f($3), $7, r($2, $3), f($4), f($5), r($4, $5) }'
  echo
  echo "Baton multi-process, CPU ms per ticket by process (mean over repetitions):"
  echo
  echo "| clients | workflow-config | ticket-command | ticket-query | notification-worker | Kafka broker | PostgreSQL | total |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  jq -rs '
    def mean: if length == 0 then null else add / length end;
    [.[] | select((.label | startswith("baton#")) and (.label | endswith("-jit-warmup") | not))]
    | group_by(.concurrency)[] | . as $g
    | [$g[0].concurrency]
      + ([ "workflow-config", "ticket-command", "ticket-query", "notification-worker", "kafka" ] | map(. as $p | [$g[] | .cpuByProcessS[$p] * 1000 / .ticketsDone] | mean))
      + [([$g[] | .cpuPostgresS * 1000 / .ticketsDone] | mean), ([$g[] | (.cpuTargetS + .cpuPostgresS) * 1000 / .ticketsDone] | mean)]
    | @tsv' "$WORK/w1.jsonl" | awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %.1f |", $i; print "" }'
  echo
  jq -rs '
    def mean: if length == 0 then null else add / length end;
    [.[] | select(.concurrency == 32 and (.label | endswith("-jit-warmup") | not)) | . + {system: (.label | sub("[#-].*$"; ""))}]
    | ([.[] | select(.system == "flowable")]) as $f | ([.[] | select(.system == "baton")]) as $b
    | [([$b[].ticketsPerSecond] | mean), ([$f[].ticketsPerSecond] | mean),
       ([$b[] | (.cpuTargetS + .cpuPostgresS) / .ticketsDone] | mean), ([$f[] | (.cpuTargetS + .cpuPostgresS) / .ticketsDone] | mean)]
    | @tsv' "$WORK/w1.jsonl" \
  | awk -F'\t' '$1 == "" || $2 == "" || $3 == "" || $4 == "" { print "side-by-side (multi-process): no runs at 32 clients for both systems"; next }
      { printf "side-by-side (multi-process): baton/flowable tickets/s at 32 clients = %.2f; cpu ms/ticket = %.2f\n", $1 / $2, $3 / $4 }'
  echo
  echo "The harness's own tables (Baton's \"server JVM\" = its 4 service JVMs + the Kafka broker; RSS = ticket-command's): $WORK/side-by-side.md"
} | tee "$WORK/side-by-side-multiprocess.md"
