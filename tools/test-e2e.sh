#!/usr/bin/env bash
# `npm run test:e2e`: the platform as separate processes (built dist/) against real PostgreSQL and RabbitMQ.
# Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash tools/infra/ensure.sh)"
echo "[test-e2e] building (npx tsc -b tsconfig.build.json)" >&2
npx tsc -b tsconfig.build.json
exec npx jest -c jest.e2e.config.js "$@"
