#!/usr/bin/env node
// `npm run asyncapi`: writes docs/asyncapi.json, the AsyncAPI 3.0.0 description of the platform's events.
//
//   node tools/asyncapi/generate.js            build @motcua/contracts (tsc -b, incremental), regenerate the file
//   node tools/asyncapi/generate.js --check    exit 1 if docs/asyncapi.json is stale (writes nothing)
//   node tools/asyncapi/generate.js --stdout   print the document instead of writing it
//   ... --no-build                             skip the contracts build (dist/ is already fresh)
//
// No ts-node: asyncapi.ts is transpiled in memory with the TypeScript compiler API (transpile only, no type
// check) and loaded as CommonJS; `@motcua/contracts` then resolves to libs/shared/contracts/dist, the same
// class-validator / class-transformer instances hold the decorator metadata. The output is formatted with
// the repository's prettier config so `npm run lint` (prettier --check) accepts it.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs', 'asyncapi.json');
const args = new Set(process.argv.slice(2));
const log = (msg) => process.stderr.write(`[asyncapi] ${msg}\n`);

function buildContracts() {
  log('building @motcua/contracts (tsc -b libs/shared/contracts/tsconfig.build.json)');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, '-b', path.join(ROOT, 'libs/shared/contracts/tsconfig.build.json')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Loads a TypeScript file as a CommonJS module (transpile only). */
function requireTs(file) {
  const ts = require('typescript');
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(outputText, file);
  return m.exports;
}

async function format(text) {
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(OUT)) ?? {};
  return prettier.format(text, { ...options, filepath: OUT });
}

async function main() {
  if (!args.has('--no-build')) buildContracts();
  require('reflect-metadata');
  const { buildAsyncApi, buildEventTable, serialize } = requireTs(path.join(__dirname, 'asyncapi.ts'));
  const text = await format(serialize(buildAsyncApi()));
  const table = buildEventTable();
  const tableFile = path.join(ROOT, 'docs', 'events.md');
  const tableStale = !fs.existsSync(tableFile) || fs.readFileSync(tableFile, 'utf8') !== table;

  if (args.has('--stdout')) {
    process.stdout.write(text);
    return;
  }
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : null;
  if (args.has('--check')) {
    if (tableStale) {
      log(`${path.relative(ROOT, tableFile)} is stale: run npm run asyncapi`);
      process.exitCode = 1;
    }
    if (current !== text) {
      log(`${path.relative(ROOT, OUT)} is stale: run npm run asyncapi`);
      process.exitCode = 1;
    } else log(`${path.relative(ROOT, OUT)} is up to date`);
    return;
  }
  if (tableStale) {
    fs.writeFileSync(tableFile, table);
    log(`wrote ${path.relative(ROOT, tableFile)}`);
  }
  if (current === text) {
    log(`${path.relative(ROOT, OUT)} unchanged`);
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  log(`wrote ${path.relative(ROOT, OUT)}`);
}

main().catch((err) => {
  log(`failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
