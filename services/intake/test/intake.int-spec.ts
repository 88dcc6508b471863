import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { defaultLegalClock, localDate, toLocalIso } from '@motcua/calendar';
import {
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  EventEnvelope,
  POSTAL_DELIVERY_DELIVERED,
  PROCESSING_STEP_STARTED,
} from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp, pendingSchemaChanges } from '@motcua/platform';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS, INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'intake-test-secret-0123456789';
const CENTER = '000.00.06.H56';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: '000.21.01.H56' };
const outsider: AuthUser = { sub: 'sp2', name: 'Người ngoài', roles: ['SPECIALIST'], agencyCode: '000.00.20.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

const validBody = (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  channel: 'COUNTER',
  applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
  resultDelivery: 'POST',
  deliveryAddress: { recipientName: 'Nguyễn Thị Hòa', phone: '0912345678', line: 'Số 12 Lê Lợi', communeCode: '14755', provinceCode: '38' },
  ...over,
});

describe('intake over HTTP, real PostgreSQL, in-process bus', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  const published: EventEnvelope<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('intake');
    bus = new InProcessBus({ delayScale: 0.01 });
    await bus.consume({ service: 'probe', bindings: ['#'] }, async (raw) => {
      published.push(raw as EventEnvelope<Record<string, unknown>>);
    });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789' },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const countDossiers = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM dossier'))[0].n);

  it('entities and migrations agree', async () => {
    const scratch = await createTestDatabase('intake_schema');
    try {
      expect(await pendingSchemaChanges({ url: scratch.url, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS })).toEqual({
        up: [],
        down: [],
      });
    } finally {
      await scratch.drop();
    }
  });

  it('receives a dossier: code, appointment from the legal clock, dossier.received in the outbox', async () => {
    const before = new Date();
    const res = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(validBody()).expect(201);
    const today = localDate(new Date()).slice(2).replace(/-/g, '');
    expect(res.body.code).toMatch(new RegExp(`^000\\.00\\.06\\.H56-${today}-\\d{4}$`));
    expect(res.body.nationalStatus).toBe(2);
    expect(res.body.lookupSecret).toMatch(/^[A-Z2-9]{8}$/);
    const receivedAt = new Date(res.body.receivedAt);
    expect(receivedAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    // the procedure takes 1 working day: the clock decides, not a fixed offset
    expect(res.body.appointmentAt).toBe(toLocalIso(defaultLegalClock().addWorkingDays(new Date(res.body.receivedAt), 1)));
    const event = await expectEventually(() => {
      const e = published.find((p) => p.type === 'dossier.received' && p.correlationId === res.body.code);
      if (!e) throw new Error('not yet published');
      return e;
    });
    expect(event.data).toMatchObject({
      dossierCode: res.body.code,
      competentAgencyCode: '000.21.01.H56',
      resultDelivery: 'POST',
      channel: 'COUNTER',
    });
    expect(event.source).toBe('intake');
  });

  it.each([
    ['applicant.idNumber', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '12345' } }, 'isCitizenId'],
    ['applicant.phone', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '038190001234', phone: '12345' } }, 'isVnPhone'],
    ['applicant.fullName', { applicant: { fullName: 'X1<script>', idNumber: '038190001234' } }, 'matches'],
    ['channel', { channel: 'FAX' }, 'isIn'],
    ['deliveryAddress', { deliveryAddress: undefined }, 'requiredWhenPost'],
    [
      'deliveryAddress.communeCode',
      { deliveryAddress: { recipientName: 'A B', phone: '0912345678', line: 'abc', communeCode: 'x', provinceCode: '38' } },
      'matches',
    ],
    ['extra', { extra: 1 }, 'whitelistValidation'],
    ['procedureCode', { procedureCode: '9.999999' }, 'exists'],
  ])('refuses bad %s with a 4xx naming the field, storing nothing', async (field, over, rule) => {
    const before = await countDossiers();
    const res = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(validBody(over));
    expect([400, 422]).toContain(res.status);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await countDossiers()).toBe(before);
  });

  it('refuses malformed JSON and non-object bodies with 400', async () => {
    const bad = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .set('Content-Type', 'application/json')
      .send('{"procedureCode":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('keeps diacritics and stores names in NFC', async () => {
    const nfd = 'Nguyễn Thị Hòa'.normalize('NFD');
    const res = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send(validBody({ applicant: { fullName: nfd, idNumber: '038190001234' }, resultDelivery: 'COUNTER', deliveryAddress: undefined }))
      .expect(201);
    expect(res.body.applicant.fullName).toBe('Nguyễn Thị Hòa'.normalize('NFC'));
    expect(res.body.applicant.fullName).not.toBe(nfd);
  });

  it('requires a token and the right role', async () => {
    await http().post('/api/intake/v1/dossiers').send(validBody()).expect(401);
    const res = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(specialist)).send(validBody()).expect(403);
    expect(res.body.error.code).toBe('AUTH.ROLE_REQUIRED');
    await http().post('/api/intake/v1/dossiers').set('Authorization', 'Bearer forged.token.value').send(validBody()).expect(401);
  });

  it('honours Idempotency-Key: same body → same dossier, other body → 409', async () => {
    const key = `idem-${Date.now()}`;
    const a = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .set('Idempotency-Key', key)
      .send(validBody())
      .expect(201);
    const b = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .set('Idempotency-Key', key)
      .send(validBody())
      .expect(200);
    expect(b.body.code).toBe(a.body.code);
    expect(b.body.lookupSecret).toBe(a.body.lookupSecret); // the receipt can be printed again
    const c = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .set('Idempotency-Key', key)
      .send(validBody({ channel: 'POSTAL' }))
      .expect(409);
    expect(c.body.error.code).toBe('INTAKE.IDEMPOTENCY_KEY_REUSED');
  });

  it('never issues the same code twice under concurrency', async () => {
    const n = 120;
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        http()
          .post('/api/intake/v1/dossiers')
          .set('Authorization', bearer(clerk))
          .send(validBody({ resultDelivery: 'COUNTER', deliveryAddress: undefined })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(201));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(n);
    const numbers = codes.map((c) => Number(c.split('-').pop())).sort((a, b) => a - b);
    expect(numbers[n - 1] - numbers[0]).toBe(n - 1); // contiguous: no gaps, no repeats
  });

  it('follows the dossier through its life from events, tolerating duplicates and reordering', async () => {
    const created = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(validBody()).expect(201);
    const code = created.body.code as string;
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const started = makeEnvelope(
      PROCESSING_STEP_STARTED,
      { dossierCode: code, stepId: 's1', stepName: 'Giải quyết hồ sơ', agencyCode: '000.21.01.H56', startedAt: at(1), dueAt: at(600) },
      { correlationId: code, source: 'routing' },
    );
    const resolved = makeEnvelope(
      DOSSIER_RESOLVED,
      {
        dossierCode: code,
        resolvingAgencyCode: '000.21.01.H56',
        resolvedAt: at(2),
        appointmentAt: at(600),
        timeliness: 'EARLY',
        resultSummary: 'Đã cấp giấy khai sinh',
      },
      { correlationId: code, source: 'routing' },
    );
    const delivered = makeEnvelope(
      POSTAL_DELIVERY_DELIVERED,
      { dossierCode: code, orderId: 'o1', trackingNumber: 'EM000000015VN', deliveredAt: at(3), recipientName: 'Nguyễn Thị Hòa' },
      { correlationId: code, source: 'postal-delivery' },
    );
    const status = async () =>
      (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body.nationalStatus;
    await bus.publish([started]);
    await expectEventually(async () => expect(await status()).toBe(4));
    await bus.publish([resolved, resolved]); // a redelivery: must change nothing
    await expectEventually(async () => {
      const r = await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200);
      expect(r.body.nationalStatus).toBe(9);
    });
    await bus.publish([delivered, started]); // a late "step started" must not undo "returned"
    const final = await expectEventually(async () => {
      const r = await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200);
      expect(r.body.nationalStatus).toBe(10);
      return r.body;
    });
    expect(final.timeline.map((t: { nationalStatus: number }) => t.nationalStatus)).toEqual([2, 4, 9, 10]);
    const returned = await expectEventually(() => {
      const e = published.filter((p) => p.type === DOSSIER_RESULT_RETURNED && p.correlationId === code);
      if (e.length !== 1) throw new Error(`expected one result-returned, got ${e.length}`);
      return e[0];
    });
    expect(returned.causationId).toBe(delivered.id);

    // public lookup: code + secret, masked name, no personal data
    const look = await http().get(`/api/intake/v1/lookup/${code}`).query({ secret: created.body.lookupSecret }).expect(200);
    expect(look.body).toMatchObject({ code, nationalStatus: 10, statusLabel: 'Đã trả kết quả', applicantName: 'Nguyễn T. H.' });
    expect(JSON.stringify(look.body)).not.toContain('038190001234');
    expect(JSON.stringify(look.body)).not.toContain('0912345678');
    const wrong = await http().get(`/api/intake/v1/lookup/${code}`).query({ secret: 'WRONGSEC' }).expect(404);
    expect(wrong.body.error.code).toBe('INTAKE.LOOKUP_FAILED');
    await http().get(`/api/intake/v1/lookup/${code}`).expect(400);
  });

  it('keeps every step in the timeline when the resolution overtakes the step start', async () => {
    const created = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(validBody()).expect(201);
    const code = created.body.code as string;
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const resolved = makeEnvelope(
      DOSSIER_RESOLVED,
      {
        dossierCode: code,
        resolvingAgencyCode: '000.21.01.H56',
        resolvedAt: at(2),
        appointmentAt: at(600),
        timeliness: 'EARLY',
        resultSummary: 'Đã cấp',
      },
      { source: 'routing' },
    );
    const started = makeEnvelope(
      PROCESSING_STEP_STARTED,
      { dossierCode: code, stepId: 's1', stepName: 'Giải quyết hồ sơ', agencyCode: '000.21.01.H56', startedAt: at(1), dueAt: at(600) },
      { source: 'routing' },
    );
    await bus.publish([resolved]);
    const get = async () => (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body;
    await expectEventually(async () => expect((await get()).nationalStatus).toBe(9));
    await bus.publish([started]);
    const final = await expectEventually(async () => {
      const body = await get();
      expect(body.timeline).toHaveLength(3);
      return body;
    });
    expect(final.nationalStatus).toBe(9); // the late start does not move the status back
    expect(final.timeline.map((t: { nationalStatus: number }) => t.nationalStatus)).toEqual([2, 4, 9]);
  });

  it('scopes staff reads to the receiving and competent agencies', async () => {
    const created = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(validBody()).expect(201);
    await http().get(`/api/intake/v1/dossiers/${created.body.code}`).set('Authorization', bearer(specialist)).expect(200);
    await http().get(`/api/intake/v1/dossiers/${created.body.code}`).set('Authorization', bearer(outsider)).expect(404);
  });

  it('dead-letters a malformed event', async () => {
    await bus.publish([makeEnvelope(DOSSIER_RESOLVED, { dossierCode: 'not-a-code' }) as EventEnvelope]);
    await expectEventually(async () => {
      const dead = await bus.peekDeadLetters('intake');
      expect(dead.some((d) => (d.envelope as { data: { dossierCode: string } }).data.dossierCode === 'not-a-code')).toBe(true);
    });
  });

  it('serves health, metrics and OpenAPI', async () => {
    await http().get('/health').expect(200);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    // events handled so far in this file, by outcome (earlier tests delivered valid and malformed ones)
    expect(metrics.text).toMatch(/bus_events_handled_total\{type="dossier.resolved",outcome="processed"\} [1-9]/);
    expect(metrics.text).toMatch(/bus_events_handled_total\{type="dossier.resolved",outcome="invalid"\} [1-9]/);
    const doc = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/intake/v1/dossiers');
  });
});
