#!/usr/bin/env bash
# `npm run bench`: measures this machine and prints ONE JSON document on stdout (progress on stderr):
#
#   { machine: { cpus, cpuModel, memGiB, node, platform }, generatedAt, gitCommit,
#     baselines: { postgres, rabbitmq },   # bench/raw-baselines.ts
#     legalClock: { ... },                 # bench/legal-clock.bench.ts
#     platform: { intake, lifecycle, memoryMB, ... },   # bench/platform.bench.ts
#     routing: { claimQuery, firing, tasks, ... },      # bench/routing.bench.ts (100k pending step timers, tasks/s)
#     postal: { updatesPerSec, latencyMs, ... },        # bench/postal.bench.ts (signed VNPost webhooks)
#     reporting: { ingest, queries },                   # bench/reporting.bench.ts (event ingest, II.06a / indicators)
#     notification: { sentPerSec, deliveredPerSec, ... } }  # bench/notification.bench.ts (event → provider → receipt)
#
#   npm run bench > bench-result.json
#
# Knobs (env): BENCH_PG_CLIENTS, BENCH_PG_SECONDS, BENCH_MQ_SECONDS, BENCH_MQ_BATCHES, BENCH_CLOCK_SECONDS — see bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { echo "[bench] $*" >&2; }
TSC=(node "$ROOT/node_modules/typescript/bin/tsc")

OUT="$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
START=$SECONDS

eval "$(bash tools/infra/ensure.sh)"

# ------------------------------------------------------------------ build
# The whole platform (its dist/ is what the services run from and what `@motcua/*` resolves to), the test
# library the e2e harness imports, then the bench scripts with that harness (bench/tsconfig.json → bench/dist:
# bench/dist/bench/*.js and bench/dist/e2e/harness/*.js).
log "building the platform (tsc -b tsconfig.build.json, @motcua/calendar, @motcua/testing) and bench/"
"${TSC[@]}" -b tsconfig.build.json libs/shared/calendar/tsconfig.build.json libs/shared/testing/tsconfig.build.json >&2
rm -rf bench/dist
"${TSC[@]}" -p bench/tsconfig.json >&2

# ------------------------------------------------------------------ pieces
log "raw baselines (PostgreSQL, RabbitMQ)"
node bench/dist/bench/raw-baselines.js >"$OUT/baselines.json"

log "legal clock"
node bench/dist/bench/legal-clock.bench.js >"$OUT/legal-clock.json"

# ------------------------------------------------------------------ full platform
# bench/platform.bench.ts: the five services and two simulators as processes (e2e/harness) with their own
# databases and bus prefix, dropped at the end. Prints ONE JSON document of shape `PlatformResult` (bench/lib.ts):
#   { intake:    { connections, durationSeconds, requestsPerSec, latencyMs: { p50, p95, p99 }, ... },   # autocannon
#     lifecycle: { dossiers, completionsPerSec, latencyMs, ... },                                       # received → returned
#     memoryMB, peakMemoryMB, ... }
log "platform"
node bench/dist/bench/platform.bench.js >"$OUT/platform.json"

# ------------------------------------------------------------------ services in process
# One service module each, booted with createServiceApp over an InProcessBus on a `bench_test_*` database of
# its own (dropped at the end); each prints ONE JSON document.
log "routing timers and tasks per second"
node bench/dist/bench/routing.bench.js >"$OUT/routing.json"

log "postal-delivery webhooks"
node bench/dist/bench/postal.bench.js >"$OUT/postal.json"

log "reporting ingest and queries"
node bench/dist/bench/reporting.bench.js >"$OUT/reporting.json"

log "notification pipeline (event → template → provider HTTP → receipt)"
node bench/dist/bench/notification.bench.js >"$OUT/notification.json"

# ------------------------------------------------------------------ report
log "done in $((SECONDS - START))s"
node - "$OUT" <<'EOF'
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const dir = process.argv[2];
const read = (name) => {
  const text = fs.readFileSync(path.join(dir, name), 'utf8').trim();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${name} is not one JSON document: ${err.message}\n${text.slice(0, 500)}`);
  }
};
let gitCommit = null;
try {
  gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {}
const report = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? null,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  },
  generatedAt: new Date().toISOString(),
  gitCommit,
  baselines: read('baselines.json'),
  legalClock: read('legal-clock.json'),
  platform: read('platform.json'),
  routing: read('routing.json'),
  postal: read('postal.json'),
  reporting: read('reporting.json'),
  notification: read('notification.json'),
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
EOF
