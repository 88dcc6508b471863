import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { DOSSIER_RECEIVED, EventEnvelope } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, lateBound, makeEnvelope, TestDatabase } from '@motcua/testing';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '../src';

export const SECRET = 'routing-test-secret-0123456789';
export const CENTRE = '000.00.06.H56';
export const COMMUNE = '000.21.01.H56';
export const POLICE = '000.00.20.H56';
export const SOCIAL_INSURANCE = '000.00.30.H56';
export const LINKED_PROCEDURE = 'LT.KS-TT-BHYT';

const user = (sub: string, name: string, roles: AuthUser['roles'], agencyCode: string): AuthUser => ({ sub, name, roles, agencyCode });
export const USERS = {
  justice: user('tp1', 'Trần Minh Đức', ['SPECIALIST'], COMMUNE),
  justice2: user('tp2', 'Vũ Thị Hạnh', ['SPECIALIST'], COMMUNE),
  approver: user('ld1', 'Lê Văn Thành', ['APPROVER'], COMMUNE),
  approver2: user('ld2', 'Phạm Quốc Huy', ['APPROVER'], COMMUNE),
  police: user('ca1', 'Nguyễn Văn Bình', ['SPECIALIST'], POLICE),
  police2: user('ca2', 'Đỗ Thu Trang', ['SPECIALIST'], POLICE),
  insurance: user('bh1', 'Hoàng Thị Mai', ['SPECIALIST'], SOCIAL_INSURANCE),
  centre: user('tt1', 'Bùi Ngọc Lan', ['SPECIALIST'], CENTRE),
  clerk: user('c1', 'Lê Thu', ['COUNTER_CLERK'], CENTRE),
  stranger: user('x1', 'Ngô Văn Tài', ['SPECIALIST'], '000.21.02.H56'),
  supervisor: user('gs1', 'Đặng Văn Sơn', ['SUPERVISOR'], COMMUNE),
  admin: user('ad1', 'Quản trị hệ thống', ['ADMIN'], '000.00.00.H56'),
};
export const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

let seq = 0;
/** A `dossier.received` as intake publishes it; a fresh dossier code each call. */
export function received(over: Record<string, unknown> = {}) {
  seq += 1;
  const code = `${CENTRE}-261125-${1000 + Math.floor(Math.random() * 9000)}${String(seq).padStart(4, '0')}`;
  return makeEnvelope(
    DOSSIER_RECEIVED,
    {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: CENTRE,
      competentAgencyCode: COMMUNE,
      channel: 'COUNTER',
      receivedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa', phone: '0912345678' },
      ...over,
    },
    { correlationId: code, source: 'intake' },
  );
}

export interface TaskView {
  id: string;
  dossierCode: string;
  stepKey: string;
  attempt: number;
  name: string;
  agencyCode: string;
  role: string;
  status: string;
  startedAt: string;
  dueAt: string;
  outcome: string | null;
}

export type Published = EventEnvelope<Record<string, unknown>>;

/** Boots routing on a database and a bus, with a probe recording what routing publishes. */
export async function bootRouting(databaseUrl: string, bus: InProcessBus, extra: Record<string, string> = {}) {
  const config = routingConfigFromEnv({ LOG_LEVEL: 'silent', ...extra }, { databaseUrl, authJwtSecret: SECRET, bus });
  return createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
}

/** Records every event routing publishes (a queue of its own on the bus). */
export async function probe(bus: InProcessBus, name = 'probe', events: Published[] = []): Promise<Published[]> {
  await bus.consume({ service: name, bindings: ['processing.#', 'dossier.resolved'] }, async (raw) => {
    events.push(raw as Published);
  });
  return events;
}

export function client(app: INestApplication) {
  const http = () => request(app.getHttpServer());
  const inbox = async (u: AuthUser, status = 'OPEN') =>
    (await http().get(`/api/routing/v1/tasks?status=${status}`).set('Authorization', bearer(u)).expect(200)).body as TaskView[];
  /** Waits for the open task of a dossier (optionally of one step) in the user's inbox. */
  const taskFor = (u: AuthUser, code: string, stepKey?: string) =>
    expectEventually(async () => {
      const t = (await inbox(u)).find((x) => x.dossierCode === code && (!stepKey || x.stepKey === stepKey));
      if (!t) throw new Error(`no task ${stepKey ?? ''} for ${code} in ${u.agencyCode} yet`);
      return t;
    });
  const act = (u: AuthUser, taskId: string, action: string, body: object = {}) =>
    http().post(`/api/routing/v1/tasks/${taskId}/${action}`).set('Authorization', bearer(u)).send(body);
  const slip = (u: AuthUser, code: string) => http().get(`/api/routing/v1/dossiers/${code}/control-slip`).set('Authorization', bearer(u));
  return { http, inbox, taskFor, act, slip };
}

/** Waits for the events of a type about a dossier, exactly `count` of them. */
export function eventsOf(events: Published[], type: string, code: string, count = 1) {
  return expectEventually(() => {
    const found = events.filter((e) => e.type === type && e.correlationId === code);
    if (found.length !== count) throw new Error(`expected ${count} ${type} for ${code}, got ${found.length}`);
    return found;
  });
}

/** A database and a bus that outlive the routing instances booted on them (restarts, replicas). */
export interface RoutingInstances {
  db: TestDatabase;
  bus: InProcessBus;
  /** What routing published, recorded by a probe. */
  events: Published[];
  /** The instances running now, oldest first. */
  apps: INestApplication[];
  /** Boots one more routing instance on the database and the bus. */
  boot(): Promise<INestApplication>;
  /** Stops one instance (the database and the bus stay). */
  stop(app: INestApplication): Promise<void>;
  /** Stops every instance still running, then the bus, then drops the database. */
  close(): Promise<void>;
}

export async function startRoutingInstances(database: string, extra: Record<string, string> = {}): Promise<RoutingInstances> {
  const db = await createTestDatabase(database);
  const bus = new InProcessBus({ delayScale: 0.01 });
  const events = await probe(bus);
  const apps: INestApplication[] = [];
  return {
    db,
    bus,
    events,
    apps,
    boot: async () => {
      const app = await bootRouting(db.url, bus, extra);
      apps.push(app);
      return app;
    },
    stop: async (app) => {
      await app.close();
      apps.splice(apps.indexOf(app), 1);
    },
    close: async () => {
      for (const app of apps) await app.close();
      await bus.close();
      await db.drop();
    },
  };
}

/**
 * Routing on a scratch database over an in-process bus for a spec's tests (created in `beforeAll`, closed in
 * `afterAll`), with a probe recording what it publishes: `events`, `sql` for routing's database, `api` the HTTP client.
 */
export function useRouting(database: string, extra: Record<string, string> = {}) {
  let db: TestDatabase | undefined;
  let bus: InProcessBus | undefined;
  let app: INestApplication | undefined;
  let api: ReturnType<typeof client> | undefined;
  const events: Published[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(database);
    bus = new InProcessBus({ delayScale: 0.01 });
    await probe(bus, 'probe', events);
    app = await bootRouting(db.url, bus, extra);
    api = client(app);
  });
  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });
  return {
    events,
    app: lateBound(() => app),
    bus: lateBound(() => bus),
    api: lateBound(() => api),
    sql: <T>(q: string, params: unknown[] = []) =>
      lateBound(() => app)
        .get(DataSource)
        .query(q, params) as Promise<T[]>,
  };
}
