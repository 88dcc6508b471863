#!/usr/bin/env node
// Small readiness probe used by tools/infra/*.sh. Exit 0 when the target answers, 1 otherwise.
//   node tools/infra/probe.js pg   <postgres-url>   -> connects and runs `select 1`
//   node tools/infra/probe.js amqp <amqp-url>       -> opens and closes an AMQP connection
//   node tools/infra/probe.js http <url>            -> GET answers with a 2xx status
//   node tools/infra/probe.js tcp  <host> <port>    -> a TCP connection is accepted
// Falls back to a TCP check when the driver (pg / amqplib) is not installed yet.
'use strict';
const net = require('net');

const [kind, target, portArg] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.PROBE_TIMEOUT_MS || 5000);

function tcp(host, port) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port: Number(port) });
    s.setTimeout(TIMEOUT_MS, () => {
      s.destroy();
      reject(new Error(`timeout connecting to ${host}:${port}`));
    });
    s.once('connect', () => {
      s.end();
      resolve();
    });
    s.once('error', reject);
  });
}

function tryRequire(name) {
  try {
    return require(require.resolve(name, { paths: [process.cwd(), __dirname] }));
  } catch {
    return undefined;
  }
}

function hostPort(url, defPort) {
  const u = new URL(url);
  return [u.hostname || '127.0.0.1', Number(u.port || defPort)];
}

async function main() {
  switch (kind) {
    case 'tcp':
      return tcp(target, portArg);
    case 'pg': {
      const pg = tryRequire('pg');
      if (!pg) return tcp(...hostPort(target, 5432));
      const c = new pg.Client({ connectionString: target, connectionTimeoutMillis: TIMEOUT_MS });
      try {
        await c.connect();
        await c.query('select 1');
      } finally {
        await c.end().catch(() => undefined);
      }
      return;
    }
    case 'amqp': {
      const amqp = tryRequire('amqplib');
      if (!amqp) return tcp(...hostPort(target, 5672));
      const conn = await amqp.connect(target, { timeout: TIMEOUT_MS });
      await conn.close();
      return;
    }
    case 'http': {
      const u = new URL(target);
      const headers = authHeader(u);
      u.username = '';
      u.password = '';
      const res = await fetch(u, { signal: AbortSignal.timeout(TIMEOUT_MS), headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return;
    }
    default:
      throw new Error(`usage: probe.js pg|amqp|http|tcp <target>`);
  }
}

// fetch() refuses URLs with credentials; move them into an Authorization header.
function authHeader(u) {
  if (!u.username) return {};
  return {
    authorization: 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64'),
  };
}

main().then(
  () => process.exit(0),
  (e) => {
    if (process.env.PROBE_VERBOSE) console.error(`probe ${kind} failed: ${e && e.message}`);
    process.exit(1);
  },
);
