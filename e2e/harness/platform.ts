/* A small process manager: the platform as separate processes (built dist/), as in production. */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { createTestDatabase, TestDatabase, testRabbitMqUrl } from '@motcua/testing';
import { deleteBusTopology } from './infra';

/** The workspace root: the nearest folder above this file whose package.json declares workspaces (works from sources and from compiled copies). */
export const REPO_ROOT = findWorkspaceRoot(__dirname);

function findWorkspaceRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && Array.isArray((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces))
      return dir;
  }
  throw new Error(`No workspace root above ${from}`);
}

export type ServiceName = 'intake' | 'routing' | 'postal-delivery' | 'notification' | 'reporting';
export type SimulatorName = 'vnpost' | 'sms-gateway';
export type ProcessName = ServiceName | SimulatorName;

export const SERVICES: ServiceName[] = ['intake', 'routing', 'postal-delivery', 'notification', 'reporting'];
export const SIMULATORS: SimulatorName[] = ['vnpost', 'sms-gateway'];

export interface PlatformOptions {
  /** Services to start; those without a built dist/main.js are skipped with a warning unless `requireAll`. */
  services?: ServiceName[];
  requireAll?: boolean;
  /** VNPost simulator step delay (ms). */
  vnpostStepDelayMs?: number;
  logLevel?: string;
  /** Extra env per process (tuning knobs). */
  extraEnv?: Partial<Record<ProcessName, Record<string, string>>>;
  startTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace period. */
  stopGraceMs?: number;
}

interface Managed {
  name: ProcessName;
  script: string;
  port: number;
  env: NodeJS.ProcessEnv;
  healthPath: string;
  child?: ChildProcess;
  exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  starts: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function scriptOf(name: ProcessName): string {
  return (SIMULATORS as string[]).includes(name)
    ? path.join(REPO_ROOT, 'simulators', name, 'dist', 'main.js')
    : path.join(REPO_ROOT, 'services', name, 'dist', 'main.js');
}

/** All live children of every Platform, killed if the test process exits without stopAll(). */
const LIVE = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of LIVE) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export class Platform {
  readonly runId: string;
  readonly busPrefix: string;
  readonly logDir: string;
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly webhookSecret = randomBytes(24).toString('hex');
  readonly vnpostToken = `vnpost-${randomBytes(8).toString('hex')}`;
  readonly smsApiKey = `sms-${randomBytes(8).toString('hex')}`;
  readonly smsBrandname = 'MOTCUA';
  readonly databases = new Map<ServiceName, TestDatabase>();
  /** Services actually started (those with a build). */
  readonly running: ServiceName[] = [];
  readonly skipped: ServiceName[] = [];
  private readonly procs = new Map<ProcessName, Managed>();
  private readonly opts: Required<Omit<PlatformOptions, 'extraEnv'>> & Pick<PlatformOptions, 'extraEnv'>;

  constructor(opts: PlatformOptions = {}) {
    this.runId = `e2e-${randomBytes(4).toString('hex')}`;
    this.busPrefix = this.runId;
    this.logDir = path.join(REPO_ROOT, 'e2e', '.logs', this.runId);
    this.opts = {
      services: opts.services ?? SERVICES,
      requireAll: opts.requireAll ?? process.env.E2E_REQUIRE_ALL_SERVICES === 'true',
      vnpostStepDelayMs: opts.vnpostStepDelayMs ?? 100,
      logLevel: opts.logLevel ?? process.env.E2E_LOG_LEVEL ?? 'info',
      startTimeoutMs: opts.startTimeoutMs ?? 90_000,
      stopGraceMs: opts.stopGraceMs ?? 10_000,
      extraEnv: opts.extraEnv,
    };
  }

  has(service: ServiceName): boolean {
    return this.running.includes(service);
  }

  url(name: ProcessName): string {
    const p = this.procs.get(name);
    if (!p) throw new Error(`${name} is not part of this run`);
    return `http://127.0.0.1:${p.port}`;
  }

  logFile(name: ProcessName): string {
    return path.join(this.logDir, `${name}.log`);
  }

  private log(msg: string): void {
    fs.appendFileSync(path.join(this.logDir, 'harness.log'), `${new Date().toISOString()} ${msg}\n`);
  }

  /** Databases, ports, simulators, then the services; resolves once every /health answers 200. */
  async start(): Promise<void> {
    fs.mkdirSync(this.logDir, { recursive: true });
    this.log(`run ${this.runId}, bus prefix ${this.busPrefix}`);
    for (const s of this.opts.services) {
      if (fs.existsSync(scriptOf(s))) this.running.push(s);
      else if (this.opts.requireAll) throw new Error(`${s} is not built (${scriptOf(s)} missing): run npx tsc -b tsconfig.build.json`);
      else this.skipped.push(s);
    }
    if (this.skipped.length) this.log(`WARNING: not built, skipped: ${this.skipped.join(', ')}`);
    for (const sim of SIMULATORS) if (!fs.existsSync(scriptOf(sim))) throw new Error(`${sim} simulator is not built (${scriptOf(sim)})`);

    for (const s of this.running) this.databases.set(s, await createTestDatabase(`e2e_${s.replace(/-/g, '_')}`));
    const ports = new Map<ProcessName, number>();
    for (const n of [...SIMULATORS, ...this.running]) {
      let p = await freePort();
      while ([...ports.values()].includes(p)) p = await freePort();
      ports.set(n, p);
    }
    const base = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', TZ: process.env.TZ };
    const postalUrl = `http://127.0.0.1:${ports.get('postal-delivery') ?? 1}`;
    this.define('vnpost', ports.get('vnpost')!, '/__sim/config', {
      ...base,
      VNPOST_SIM_TOKEN: this.vnpostToken,
      VNPOST_SIM_WEBHOOK_URL: `${postalUrl}/api/postal/v1/carriers/vnpost/webhook`,
      VNPOST_SIM_WEBHOOK_SECRET: this.webhookSecret,
      VNPOST_SIM_STEP_DELAY_MS: String(this.opts.vnpostStepDelayMs),
    });
    this.define('sms-gateway', ports.get('sms-gateway')!, '/__sim/config', {
      ...base,
      SMS_SIM_API_KEY: this.smsApiKey,
      SMS_SIM_BRANDNAMES: this.smsBrandname,
    });
    const common = {
      ...base,
      RABBITMQ_URL: testRabbitMqUrl(),
      BUS_PREFIX: this.busPrefix,
      AUTH_JWT_SECRET: this.jwtSecret,
      LOG_LEVEL: this.opts.logLevel,
    };
    const specific: Record<ServiceName, Record<string, string>> = {
      intake: { SEED_DEMO_DATA: 'true', LOOKUP_SECRET_KEY: `e2e-lookup-key-${this.runId}`, PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' },
      routing: {},
      'postal-delivery': {
        VNPOST_BASE_URL: `http://127.0.0.1:${ports.get('vnpost')}`,
        VNPOST_TOKEN: this.vnpostToken,
        VNPOST_WEBHOOK_SECRET: this.webhookSecret,
      },
      notification: {
        SMS_GATEWAY_URL: `http://127.0.0.1:${ports.get('sms-gateway')}`,
        SMS_GATEWAY_API_KEY: this.smsApiKey,
        SMS_BRANDNAME: this.smsBrandname,
      },
      reporting: {},
    };
    for (const s of this.running) {
      this.define(s, ports.get(s)!, '/health', { ...common, DATABASE_URL: this.databases.get(s)!.url, ...specific[s] });
    }
    await Promise.all(SIMULATORS.map((n) => this.spawnAndWait(n)));
    await Promise.all(this.running.map((n) => this.spawnAndWait(n)));
    this.log(`all up: ${[...this.procs.values()].map((p) => `${p.name}=:${p.port}`).join(' ')}`);
  }

  private define(name: ProcessName, port: number, healthPath: string, env: NodeJS.ProcessEnv): void {
    this.procs.set(name, {
      name,
      script: scriptOf(name),
      port,
      healthPath,
      env: { ...env, PORT: String(port), ...(this.opts.extraEnv?.[name] ?? {}) },
      starts: 0,
    });
  }

  private spawnProcess(p: Managed): void {
    const fd = fs.openSync(this.logFile(p.name), 'a');
    p.starts++;
    fs.writeSync(fd, `\n===== ${new Date().toISOString()} [harness] start #${p.starts} of ${p.name} on :${p.port} =====\n`);
    const child = spawn(process.execPath, [p.script], { cwd: REPO_ROOT, env: p.env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    LIVE.add(child);
    p.child = child;
    p.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        LIVE.delete(child);
        fs.appendFileSync(
          this.logFile(p.name),
          `===== ${new Date().toISOString()} [harness] ${p.name} exited code=${code} signal=${signal} =====\n`,
        );
        this.log(`${p.name} (pid ${child.pid}) exited code=${code} signal=${signal}`);
        resolve({ code, signal });
      });
    });
    this.log(`${p.name} started, pid ${child.pid}, port ${p.port}`);
  }

  private async spawnAndWait(name: ProcessName): Promise<void> {
    const p = this.procs.get(name)!;
    this.spawnProcess(p);
    await this.waitHealthy(name);
  }

  /** Polls the process's health path until 200; fails early (with the log tail) if the process exits. */
  async waitHealthy(name: ProcessName, timeoutMs = this.opts.startTimeoutMs): Promise<void> {
    const p = this.procs.get(name)!;
    const child = p.child!;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${name} exited (code ${child.exitCode}, signal ${child.signalCode}) before becoming healthy:\n${this.tail(name)}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${p.port}${p.healthPath}`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status} ${await res.text()}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await sleep(200);
    }
    throw new Error(`${name} not healthy within ${timeoutMs} ms (last: ${last}):\n${this.tail(name)}`);
  }

  /** Waits until every running process answers its health check (e.g. after a broker restart). */
  async waitAllHealthy(timeoutMs = this.opts.startTimeoutMs): Promise<void> {
    await Promise.all([...this.procs.keys()].filter((n) => this.isRunning(n)).map((n) => this.waitHealthy(n, timeoutMs)));
  }

  tail(name: ProcessName, lines = 40): string {
    try {
      return fs.readFileSync(this.logFile(name), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  pid(name: ProcessName): number | undefined {
    return this.procs.get(name)?.child?.pid;
  }

  isRunning(name: ProcessName): boolean {
    const c = this.procs.get(name)?.child;
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  /** Sends `signal` and waits for the process to exit (SIGKILL after the grace period if it does not). */
  async kill(name: ProcessName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.procs.get(name);
    if (!p?.child || !this.isRunning(name)) return;
    this.log(`kill ${name} (pid ${p.child.pid}) with ${signal}`);
    p.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      p.exited!.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.opts.stopGraceMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.log(`${name} did not exit within ${this.opts.stopGraceMs} ms of ${signal}: SIGKILL`);
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }

  /** Stops the process if it runs (SIGTERM), starts it again on the same port and waits for its health. */
  async restart(name: ProcessName): Promise<void> {
    await this.kill(name, 'SIGTERM');
    await this.spawnAndWait(name);
  }

  /** Starts a process that was killed (same env and port). */
  async startAgain(name: ProcessName): Promise<void> {
    if (this.isRunning(name)) return;
    await this.spawnAndWait(name);
  }

  /** SIGTERM to every process, SIGKILL to those still running after the grace period. */
  async stopAll(): Promise<void> {
    const names = [...this.procs.keys()].filter((n) => this.isRunning(n));
    await Promise.all(names.map((n) => this.kill(n, 'SIGTERM')));
  }

  /** Drops the run's databases and deletes its queues and exchange. Call after stopAll(). */
  async cleanup(): Promise<void> {
    for (const db of this.databases.values()) await db.drop().catch((err: Error) => this.log(`drop ${db.name} failed: ${err.message}`));
    await deleteBusTopology(this.busPrefix, SERVICES).catch((err: Error) => this.log(`topology cleanup failed: ${err.message}`));
  }
}
