#!/usr/bin/env bash
# Make sure a PostgreSQL server accepts connections on 127.0.0.1:$PGPORT as user
# "postgres" without a password (trust auth).
#
# Two ways to use it:
#
#   1. Sourced (CI):  source .ci/ensure-postgres.sh && baton_ensure_postgres
#      If nothing is listening, a throwaway cluster is created in a temporary
#      directory and an EXIT trap stops it and deletes it when the sourcing shell
#      exits. (A caller that needs its own EXIT trap sets BATON_PG_NO_TRAP=1 and
#      calls baton_pg_cleanup from it.)
#
#   2. Executed (local development, see deploy/local):
#         bash .ci/ensure-postgres.sh start   # start (or reuse) a persistent cluster
#         bash .ci/ensure-postgres.sh stop    # stop the cluster that "start" created
#         bash .ci/ensure-postgres.sh status
#      The persistent cluster lives in $BATON_PG_DIR (default /tmp/baton-local-postgres)
#      and is kept across runs until "stop" (data stays until the directory is removed).
#
# Environment:
#   PGPORT        port to check/use (default 5432)
#   BATON_PG_DIR  cluster directory for the persistent mode (executed "start"/"stop")
#
# If PostgreSQL binaries are missing they are installed with apt-get (needs root).

BATON_PG_HOST=127.0.0.1
: "${PGPORT:=5432}"

_baton_pg_log() { echo "[ensure-postgres] $*" >&2; }

# Directory holding initdb/pg_ctl/postgres of the newest installed major version.
baton_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/postgres" ]]; then
    echo "$dir"
  fi
}

# True if something accepts PostgreSQL connections on host:port.
baton_pg_ready() {
  local bindir
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$BATON_PG_HOST" -p "$PGPORT"
    return
  fi
  bindir=$(baton_pg_bindir)
  if [[ -n "$bindir" ]]; then
    "$bindir/pg_isready" -q -h "$BATON_PG_HOST" -p "$PGPORT"
    return
  fi
  # No client tools at all: a bare TCP probe.
  (exec 3<>"/dev/tcp/$BATON_PG_HOST/$PGPORT") 2>/dev/null
}

# True if we can run a query as postgres without a password.
baton_pg_trust_ok() {
  local psql_bin bindir
  psql_bin=$(command -v psql || true)
  if [[ -z "$psql_bin" ]]; then
    bindir=$(baton_pg_bindir)
    [[ -n "$bindir" ]] && psql_bin="$bindir/psql"
  fi
  [[ -n "$psql_bin" ]] || return 1
  PGPASSWORD= PGCONNECT_TIMEOUT=5 "$psql_bin" -w -X -q -h "$BATON_PG_HOST" -p "$PGPORT" -U postgres \
    -d postgres -tAc 'select 1' </dev/null >/dev/null 2>&1
}

baton_pg_install() {
  if [[ $(id -u) -ne 0 ]]; then
    _baton_pg_log "PostgreSQL binaries are missing and we are not root: install them with 'apt-get install postgresql'."
    return 1
  fi
  _baton_pg_log "PostgreSQL binaries missing: installing the 'postgresql' package with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >&2
  apt-get install -y -q postgresql </dev/null >&2
  # The Debian package may have created and started its own cluster on 5432 with
  # password auth over TCP. If it is in our way and does not trust us, stop it.
  if baton_pg_ready && ! baton_pg_trust_ok; then
    if command -v pg_lsclusters >/dev/null 2>&1; then
      while read -r ver name port _; do
        if [[ "$port" == "$PGPORT" ]]; then
          _baton_pg_log "stopping the package's default cluster $ver/$name (no trust auth on TCP)"
          pg_ctlcluster "$ver" "$name" stop >&2 || true
        fi
      done < <(pg_lsclusters -h 2>/dev/null)
    fi
  fi
}

# Run a command as the postgres OS user (initdb/postgres refuse to run as root).
_baton_pg_as_owner() {
  # cd / first: the postgres tools fail if they cannot read the current directory.
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

_baton_pg_ensure_os_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  if ! id postgres >/dev/null 2>&1; then
    _baton_pg_log "creating OS user postgres"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# Start a cluster in directory $1 (data in $1/data, socket in $1, log in $1/postgres.log).
# Re-uses an existing data directory. Extra server settings come from $2 (optional).
baton_pg_start_cluster() {
  local dir=$1 extra=${2:-} bindir
  bindir=$(baton_pg_bindir)
  [[ -n "$bindir" ]] || { _baton_pg_log "no PostgreSQL binaries found"; return 1; }
  _baton_pg_ensure_os_user
  mkdir -p "$dir"
  chmod 0700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    _baton_pg_log "initdb into $dir/data"
    _baton_pg_as_owner "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  _baton_pg_log "starting PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $BATON_PG_HOST:$PGPORT"
  if ! _baton_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $PGPORT -c listen_addresses=$BATON_PG_HOST -k $dir -c max_connections=200 $extra" start >&2; then
    _baton_pg_log "PostgreSQL failed to start; last log lines:"
    tail -n 30 "$dir/postgres.log" >&2 || true
    return 1
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    baton_pg_ready && return 0
    sleep 1
  done
  _baton_pg_log "PostgreSQL did not become ready in 60s"
  tail -n 30 "$dir/postgres.log" >&2 || true
  return 1
}

baton_pg_stop_cluster() {
  local dir=$1 bindir
  bindir=$(baton_pg_bindir)
  if [[ -n "$bindir" && -f "$dir/data/postmaster.pid" ]]; then
    _baton_pg_log "stopping PostgreSQL in $dir"
    _baton_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || true
  fi
}

# Throwaway directory of the cluster started by baton_ensure_postgres (empty if none).
BATON_PG_TMPDIR=${BATON_PG_TMPDIR:-}

baton_pg_cleanup() {
  if [[ -n "${BATON_PG_TMPDIR:-}" && -d "$BATON_PG_TMPDIR" ]]; then
    baton_pg_stop_cluster "$BATON_PG_TMPDIR"
    rm -rf "$BATON_PG_TMPDIR"
    BATON_PG_TMPDIR=
  fi
}

# Ensure PostgreSQL on 127.0.0.1:$PGPORT; start a throwaway cluster if needed.
baton_ensure_postgres() {
  if baton_pg_ready; then
    if baton_pg_trust_ok; then
      _baton_pg_log "PostgreSQL already accepts connections on $BATON_PG_HOST:$PGPORT"
    else
      _baton_pg_log "warning: something listens on $BATON_PG_HOST:$PGPORT but 'psql -U postgres' without password failed"
    fi
    return 0
  fi
  [[ -n "$(baton_pg_bindir)" ]] || baton_pg_install
  if baton_pg_ready && baton_pg_trust_ok; then
    _baton_pg_log "PostgreSQL accepts connections on $BATON_PG_HOST:$PGPORT after install"
    return 0
  fi
  BATON_PG_TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/baton-pg.XXXXXX")
  if [[ -z "${BATON_PG_NO_TRAP:-}" ]]; then
    trap baton_pg_cleanup EXIT
    # Turn INT/TERM into a normal exit so that the EXIT trap stops the cluster.
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  # Throwaway cluster: durability does not matter, speed does.
  baton_pg_start_cluster "$BATON_PG_TMPDIR" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
}

# Executed directly: persistent cluster management for local development.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  BATON_PG_DIR=${BATON_PG_DIR:-${TMPDIR:-/tmp}/baton-local-postgres}
  case "${1:-start}" in
    start)
      if baton_pg_ready; then
        if baton_pg_trust_ok; then
          _baton_pg_log "PostgreSQL already accepts connections on $BATON_PG_HOST:$PGPORT"
        else
          _baton_pg_log "something listens on $BATON_PG_HOST:$PGPORT but 'psql -U postgres' without password failed;"
          _baton_pg_log "set SPRING_DATASOURCE_USERNAME/PASSWORD accordingly or free the port"
          exit 1
        fi
        exit 0
      fi
      [[ -n "$(baton_pg_bindir)" ]] || baton_pg_install
      if baton_pg_ready && baton_pg_trust_ok; then exit 0; fi
      baton_pg_start_cluster "$BATON_PG_DIR"
      _baton_pg_log "started; data in $BATON_PG_DIR/data (stop with: $0 stop)"
      ;;
    stop)
      baton_pg_stop_cluster "$BATON_PG_DIR"
      ;;
    status)
      if baton_pg_ready; then echo "PostgreSQL ready on $BATON_PG_HOST:$PGPORT"; else echo "PostgreSQL not reachable on $BATON_PG_HOST:$PGPORT"; exit 1; fi
      ;;
    *)
      echo "usage: $0 [start|stop|status]" >&2
      exit 2
      ;;
  esac
fi
