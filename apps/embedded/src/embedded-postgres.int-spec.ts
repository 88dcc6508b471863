import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

jest.setTimeout(120_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let base: string;
  let dataDir: string;
  let port: number;
  let pg: EmbeddedPostgres | undefined;
  const logs: string[] = [];
  const logger = { log: (m: string) => logs.push(m) };

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-embedded-pg-'));
    fs.chmodSync(base, 0o755); // as root the server runs as `postgres`, which must reach the data directory
    dataDir = path.join(base, 'data');
    port = await freePort();
  });

  afterAll(async () => {
    await pg?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('initialises, creates the databases, and serves queries', async () => {
    pg = await startEmbeddedPostgres({ dataDir, port, databases: ['intake', 'routing'], logger });
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(pg.urlFor('intake')).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/intake`);

    const dbs = await query<{ datname: string }>(pg.urlFor('postgres'), 'select datname from pg_database order by datname');
    expect(dbs.map((r) => r.datname)).toEqual(expect.arrayContaining(['intake', 'routing']));

    const [row] = await query<{ v: string; enc: string }>(
      pg.urlFor('intake'),
      `select current_setting('server_version') as v, pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()`,
    );
    expect(row.enc).toBe('UTF8');
    expect(Number(row.v.split('.')[0])).toBeGreaterThanOrEqual(17);

    await query(pg.urlFor('routing'), 'create table kept (id int primary key, note text)');
    await query(pg.urlFor('routing'), `insert into kept values (1, 'Hồ sơ một cửa')`);
    // Vietnamese case mapping works (builtin C.UTF-8 provider).
    const [{ up }] = await query<{ up: string }>(pg.urlFor('routing'), `select upper('hồ sơ') as up`);
    expect(up).toBe('HỒ SƠ');
  });

  it('refuses a port that is taken, with a clear message', async () => {
    await expect(startEmbeddedPostgres({ dataDir: path.join(base, 'other'), port, databases: [] })).rejects.toThrow(
      /port \d+ is already in use/,
    );
  });

  it('stops, and keeps the data across a restart on the same directory', async () => {
    await pg!.stop();
    await expect(query(pg!.urlFor('postgres'), 'select 1')).rejects.toThrow();
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

    pg = await startEmbeddedPostgres({ dataDir, port, databases: ['intake', 'routing', 'reporting'], logger });
    const rows = await query<{ note: string }>(pg.urlFor('routing'), 'select note from kept where id = 1');
    expect(rows).toEqual([{ note: 'Hồ sơ một cửa' }]);
    const dbs = await query<{ datname: string }>(pg.urlFor('postgres'), 'select datname from pg_database');
    expect(dbs.map((r) => r.datname)).toEqual(expect.arrayContaining(['intake', 'routing', 'reporting']));
    expect(logs.some((m) => /initialising/.test(m))).toBe(true);

    await pg.stop();
    await pg.stop(); // idempotent
    pg = undefined;
  });
});
