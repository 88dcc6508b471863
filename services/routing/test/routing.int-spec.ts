import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, EventEnvelope, PROCESSING_STEP_STARTED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp, pendingSchemaChanges } from '@motcua/platform';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { ROUTING_ENTITIES, ROUTING_MIGRATIONS, ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '../src';
import { timelinessOf } from '../src/workflows/timeliness';

const SECRET = 'routing-test-secret-0123456789';
const COMMUNE = '000.21.01.H56';
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Minh Đức', roles: ['SPECIALIST'], agencyCode: COMMUNE };
const specialist2: AuthUser = { sub: 'sp3', name: 'Vũ Hạnh', roles: ['SPECIALIST'], agencyCode: COMMUNE };
const otherAgency: AuthUser = { sub: 'sp2', name: 'Nguyễn Lan', roles: ['SPECIALIST'], agencyCode: '000.21.02.H56' };
const clerk: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

let seq = 0;
function received(over: Record<string, unknown> = {}) {
  seq += 1;
  const code = `000.00.06.H56-261125-${String(seq).padStart(4, '0')}`;
  return makeEnvelope(
    DOSSIER_RECEIVED,
    {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: COMMUNE,
      channel: 'COUNTER',
      receivedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Thị Hòa', phone: '0912345678' },
      ...over,
    },
    { correlationId: code, source: 'intake' },
  );
}

describe('routing over HTTP, real PostgreSQL, in-process bus', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  const published: EventEnvelope<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('routing');
    bus = new InProcessBus({ delayScale: 0.01 });
    await bus.consume({ service: 'probe', bindings: ['processing.#', 'dossier.resolved'] }, async (raw) => {
      published.push(raw as EventEnvelope<Record<string, unknown>>);
    });
    const config = routingConfigFromEnv({ LOG_LEVEL: 'silent' }, { databaseUrl: db.url, authJwtSecret: SECRET, bus });
    app = await createServiceApp(RoutingModule.forRoot(config), ROUTING_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const inbox = async (u: AuthUser) =>
    (await http().get('/api/routing/v1/tasks').set('Authorization', bearer(u)).expect(200)).body as Array<{
      id: string;
      dossierCode: string;
      status: string;
    }>;
  const taskFor = (u: AuthUser, code: string) =>
    expectEventually(async () => {
      const t = (await inbox(u)).find((x) => x.dossierCode === code);
      if (!t) throw new Error(`no task for ${code} yet`);
      return t;
    });

  it('entities and migrations agree', async () => {
    const scratch = await createTestDatabase('routing_schema');
    try {
      expect(await pendingSchemaChanges({ url: scratch.url, entities: ROUTING_ENTITIES, migrations: ROUTING_MIGRATIONS })).toEqual({
        up: [],
        down: [],
      });
    } finally {
      await scratch.drop();
    }
  });

  it('opens one task at the competent agency per dossier, even when the event comes twice', async () => {
    const e = received();
    await bus.publish([e, e]);
    await bus.publish([{ ...e, id: e.id }]);
    const task = await taskFor(specialist, e.data.dossierCode);
    expect(task.status).toBe('OPEN');
    expect((await inbox(specialist)).filter((t) => t.dossierCode === e.data.dossierCode)).toHaveLength(1);
    expect((await inbox(otherAgency)).find((t) => t.dossierCode === e.data.dossierCode)).toBeUndefined();
    const started = await expectEventually(() => {
      const s = published.filter((p) => p.type === PROCESSING_STEP_STARTED && p.correlationId === e.data.dossierCode);
      if (s.length !== 1) throw new Error(`expected one step-started, got ${s.length}`);
      return s[0];
    });
    expect(started.data).toMatchObject({ agencyCode: COMMUNE, stepId: task.id });
    expect(started.causationId).toBe(e.id);
  });

  it('a second copy of the dossier under a new event id still opens no second task', async () => {
    const e = received();
    await bus.publish([e]);
    await taskFor(specialist, e.data.dossierCode);
    const copy = { ...e, id: randomUUID() };
    await bus.publish([copy]);
    // wait until routing has handled the copy (its inbox row), then look
    await expectEventually(async () => {
      const rows = await app.get(DataSource).query('SELECT 1 FROM inbox_message WHERE message_id = $1', [copy.id]);
      expect(rows).toHaveLength(1);
    });
    expect((await inbox(specialist)).filter((t) => t.dossierCode === e.data.dossierCode)).toHaveLength(1);
  });

  it('completes a task with a result: dossier.resolved with timeliness; a second actor gets 409', async () => {
    const e = received();
    await bus.publish([e]);
    const task = await taskFor(specialist, e.data.dossierCode);
    const [a, b] = await Promise.all([
      http()
        .post(`/api/routing/v1/tasks/${task.id}/complete`)
        .set('Authorization', bearer(specialist))
        .send({ resultSummary: 'Đã cấp Giấy khai sinh' }),
      http()
        .post(`/api/routing/v1/tasks/${task.id}/complete`)
        .set('Authorization', bearer(specialist2))
        .send({ resultSummary: 'Đã cấp Giấy khai sinh' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('ROUTING.TASK_NOT_OPEN');
    const resolved = await expectEventually(() => {
      const r = published.find((p) => p.type === DOSSIER_RESOLVED && p.correlationId === e.data.dossierCode);
      if (!r) throw new Error('not resolved yet');
      return r;
    });
    expect(resolved.data).toMatchObject({ resolvingAgencyCode: COMMUNE, timeliness: 'EARLY', resultSummary: 'Đã cấp Giấy khai sinh' });
  });

  it('scopes actions to the agency and roles, and validates input', async () => {
    const e = received();
    await bus.publish([e]);
    const task = await taskFor(specialist, e.data.dossierCode);
    await http()
      .post(`/api/routing/v1/tasks/${task.id}/complete`)
      .set('Authorization', bearer(otherAgency))
      .send({ resultSummary: 'x' })
      .expect(404);
    await http()
      .post(`/api/routing/v1/tasks/${task.id}/complete`)
      .set('Authorization', bearer(clerk))
      .send({ resultSummary: 'x' })
      .expect(403);
    const bad = await http()
      .post(`/api/routing/v1/tasks/${task.id}/complete`)
      .set('Authorization', bearer(specialist))
      .send({})
      .expect(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'resultSummary' })]));
    const badId = await http()
      .post('/api/routing/v1/tasks/not-a-uuid/complete')
      .set('Authorization', bearer(specialist))
      .send({ resultSummary: 'x' })
      .expect(400);
    expect(badId.body.error.details[0]).toMatchObject({ field: 'id', rule: 'isUuid' });
    const badQuery = await http().get('/api/routing/v1/tasks?limit=9999').set('Authorization', bearer(specialist)).expect(400);
    expect(badQuery.body.error.details[0].field).toBe('limit');
  });

  it('dead-letters an event that breaks its contract', async () => {
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, { dossierCode: 'bad' }) as EventEnvelope]);
    await expectEventually(async () => {
      const dead = await bus.peekDeadLetters('routing');
      expect(dead.some((d) => (d.envelope as { data: { dossierCode: string } }).data.dossierCode === 'bad')).toBe(true);
    });
  });
});

describe('timelinessOf', () => {
  const due = new Date('2026-11-26T09:00:00+07:00');
  it.each([
    ['2026-11-25T16:00:00+07:00', 'EARLY'],
    ['2026-11-26T08:59:00+07:00', 'ON_TIME'],
    ['2026-11-26T09:00:00+07:00', 'ON_TIME'],
    ['2026-11-26T09:00:01+07:00', 'LATE'],
  ])('finished %s → %s', (at, expected) => {
    expect(timelinessOf(new Date(at), due)).toBe(expected);
  });
});
