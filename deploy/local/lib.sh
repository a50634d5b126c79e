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
