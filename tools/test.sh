#!/usr/bin/env bash
# `npm test`: unit and integration tests (jest.config.js) against a real PostgreSQL and RabbitMQ.
# Extra arguments go to jest, e.g. `npm test -- services/intake` or `npm test -- -t 'outbox'`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash tools/infra/ensure.sh)"
exec npx jest "$@"
