#!/usr/bin/env bash
# Restarts the local RabbitMQ application gracefully (the Erlang node stays up), for the e2e test that checks
# services reconnect and lose nothing:
#   rabbitmqctl stop_app && rabbitmqctl start_app, then wait until AMQP connections are accepted again.
# Needs root (or the rabbitmq user). Every connected client is disconnected: never run it against a broker
# other people use. Progress on stderr; exit 0 once the broker accepts connections again.
#
# Env: TEST_RABBITMQ_URL (default amqp://guest:guest@127.0.0.1:5672), MOTCUA_INFRA_TIMEOUT (default 90 s),
#      RABBITMQ_DOWN_SECONDS (how long to stay stopped before start_app, default 0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
URL="${TEST_RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}"
WAIT="${MOTCUA_INFRA_TIMEOUT:-90}"
log() { echo "[rabbitmq-restart] $*" >&2; }
die() { echo "[rabbitmq-restart] ERROR: $*" >&2; exit 1; }

command -v rabbitmqctl >/dev/null || die "rabbitmqctl not found: this script restarts a local broker only"
case "$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$URL")" in
  127.0.0.1 | localhost | ::1 | "[::1]") ;;
  *) die "TEST_RABBITMQ_URL does not point at this machine; refusing to restart a local broker for it" ;;
esac

start=$SECONDS
log "stop_app"
timeout "$WAIT" rabbitmqctl stop_app >&2 || die "rabbitmqctl stop_app failed or timed out"
if [[ "${RABBITMQ_DOWN_SECONDS:-0}" != 0 ]]; then
  log "staying down for ${RABBITMQ_DOWN_SECONDS}s"
  sleep "$RABBITMQ_DOWN_SECONDS"
fi
log "start_app"
timeout "$WAIT" rabbitmqctl start_app >&2 || die "rabbitmqctl start_app failed or timed out"
timeout "$WAIT" rabbitmqctl --timeout "$WAIT" await_startup >&2 || die "broker did not finish starting within ${WAIT}s"

deadline=$((SECONDS + WAIT))
until PROBE_TIMEOUT_MS=3000 node "$ROOT/tools/infra/probe.js" amqp "$URL" 2>/dev/null; do
  ((SECONDS < deadline)) || die "broker restarted but does not accept AMQP connections within ${WAIT}s"
  sleep 0.5
done
log "broker accepts connections again after $((SECONDS - start))s"
