import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { addDays, defaultLegalClock, localDate, toLocalIso } from '@motcua/calendar';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED, EventEnvelope, ProcedureVersionPublishedV1 } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { INTAKE_MIGRATIONS, INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { CatalogWriter } from '../src/catalog/catalog-writer';
import { CatalogRepository, CompetenceContext } from '../src/catalog/catalog.repository';
import { DEMO_PROCEDURES } from '../src/catalog/demo-catalog';

const SECRET = 'intake-test-secret-0123456789';
const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const API = '/api/intake/v1/procedures';

const versionBody = (over: Record<string, unknown> = {}) => ({
  nationalCode: '1.009999',
  name: 'Thủ tục thử phiên bản',
  fieldCode: 'HOTICH',
  fieldName: 'Hộ tịch',
  level: 'COMMUNE',
  competentAgencyCode: '000.21.01.H56',
  components: [
    { code: 'TP01', name: 'Tờ khai', form: 'ORIGINAL', quantity: 1, required: true },
    { name: 'Giấy tờ chứng minh', form: 'COPY', quantity: 1, required: false, condition: 'Khi người yêu cầu là người giám hộ' },
  ],
  processingTime: { value: 2, unit: 'WORKING_DAYS' },
  fees: [{ name: 'Lệ phí', amountVnd: 8000 }],
  onlineLevel: 'FULL',
  postMayCarryDossier: true,
  postMayCarryResult: true,
  effectiveFrom: '2025-01-01',
  ...over,
});

const CSV_HEADER =
  'code,nationalCode,name,fieldCode,fieldName,level,competentAgencyCode,competentAgencyRule,processingTimeValue,processingTimeUnit,components,fees,onlineLevel,postMayCarryDossier,postMayCarryResult,effectiveFrom,effectiveTo';

describe('procedure catalog: versions, admin API, import, events (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  const published: EventEnvelope<ProcedureVersionPublishedV1>[] = [];
  const config = () =>
    intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789' },
    );

  beforeAll(async () => {
    db = await createTestDatabase('intake_catalog');
    bus = new InProcessBus({ delayScale: 0.01 });
    await bus.consume({ service: 'probe', bindings: [CATALOG_PROCEDURE_VERSION_PUBLISHED] }, async (raw) => {
      published.push(raw as EventEnvelope<ProcedureVersionPublishedV1>);
    });
    app = await createServiceApp(IntakeModule.forRoot(config()), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const sql = async (q: string, params: unknown[] = []) => app.get(DataSource).query(q, params);
  const countVersions = async () => Number((await sql('SELECT count(*)::int AS n FROM procedure_version'))[0].n);
  const eventsFor = (code: string) => published.filter((e) => e.data.procedureCode === code);
  const importFile = (content: string, filename: string, dryRun = false) =>
    http()
      .post(`${API}/import`)
      .query(dryRun ? { dryRun: 'true' } : {})
      .set('Authorization', bearer(admin))
      .attach('file', Buffer.from(content, 'utf8'), { filename, contentType: filename.endsWith('.csv') ? 'text/csv' : 'application/json' });

  it('seeds version 1 of every demo procedure and publishes each exactly once, also across a restart', async () => {
    await expectEventually(() => expect(published.length).toBe(DEMO_PROCEDURES.length));
    expect(await countVersions()).toBe(DEMO_PROCEDURES.length);
    const birth = eventsFor('1.001193');
    expect(birth).toHaveLength(1);
    expect(birth[0].data).toMatchObject({
      version: 1,
      competentAgency: '000.21.01.H56',
      processingTime: { value: 1, unit: 'WORKING_DAYS' },
      onlineLevel: 'FULL',
      postMayCarryResult: true,
      components: [expect.objectContaining({ code: 'TP01', form: 'ORIGINAL' }), expect.objectContaining({ code: 'TP02' })],
      effectiveFrom: '2025-01-01',
    });
    expect(birth[0].source).toBe('intake');
    // a second replica starting on the same database seeds nothing new: no version, no outbox row
    const outboxSeq = async () =>
      (await sql(`SELECT coalesce(last_value, 0)::int AS n FROM pg_sequences WHERE sequencename LIKE 'outbox_message%'`))[0].n;
    const seqBefore = await outboxSeq();
    const second = await createServiceApp(IntakeModule.forRoot(config()), INTAKE_SERVICE);
    await second.close();
    expect(await countVersions()).toBe(DEMO_PROCEDURES.length);
    expect(await outboxSeq()).toBe(seqBefore);
    expect(published.length).toBe(DEMO_PROCEDURES.length);
  });

  it('lists the catalog in effect with the version fields, the skeleton procedure unchanged', async () => {
    const res = await http().get(API).expect(200);
    const birth = res.body.find((p: { code: string }) => p.code === '1.001193');
    expect(birth).toMatchObject({ version: 1, competentAgencyCode: '000.21.01.H56', postAllowed: true, fees: [], onlineLevel: 'FULL' });
    expect(res.body.length).toBe(DEMO_PROCEDURES.length);
  });

  it('creates a procedure (version 1), refuses it twice, and only for administrators', async () => {
    const res = await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.CREATE', ...versionBody({ nationalCode: '1.000948.H38' }) })
      .expect(201);
    expect(res.body).toMatchObject({ procedureCode: 'T.CREATE', version: 1, createdBy: 'admin1', nationalCode: '1.000948.H38' });
    expect(res.body.components[1]).toMatchObject({ code: 'TP02', required: false, condition: 'Khi người yêu cầu là người giám hộ' });
    await expectEventually(() => expect(eventsFor('T.CREATE')).toHaveLength(1));
    const again = await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.CREATE', ...versionBody({ nationalCode: '1.000948.H38' }) })
      .expect(409);
    expect(again.body.error.details).toEqual([expect.objectContaining({ field: 'code', rule: 'unique' })]);
    await http()
      .post(API)
      .set('Authorization', bearer(clerk))
      .send({ code: 'T.CLERK', ...versionBody() })
      .expect(403);
    await http()
      .post(API)
      .send({ code: 'T.ANON', ...versionBody() })
      .expect(401);
  });

  it.each([
    ['code', { code: 'có dấu' }, 'matches'],
    ['name', { name: undefined }, 'isString'],
    ['nationalCode', { nationalCode: '1.00119' }, 'matches'],
    ['level', { level: 'HUYEN' }, 'isIn'],
    ['competentAgencyCode', { competentAgencyCode: '12345' }, 'matches'],
    ['competentAgencyCode', { competentAgencyCode: undefined }, 'exactlyOne'],
    ['competentAgencyCode', { competentAgencyRule: 'COMMUNE_OF_RESIDENCE' }, 'exactlyOne'],
    ['components', { components: [] }, 'arrayMinSize'],
    ['components.0.form', { components: [{ name: 'Tờ khai', form: 'PHOTO', quantity: 1, required: true }] }, 'isIn'],
    ['components.0.quantity', { components: [{ name: 'Tờ khai', form: 'COPY', quantity: 0, required: true }] }, 'min'],
    [
      'components.0.condition',
      { components: [{ name: 'Tờ khai', form: 'COPY', quantity: 1, required: false }] },
      'requiredWhenConditional',
    ],
    ['processingTime.unit', { processingTime: { value: 1, unit: 'WEEKS' } }, 'isIn'],
    ['fees.0.amountVnd', { fees: [{ name: 'Lệ phí', amountVnd: -1 }] }, 'min'],
    ['onlineLevel', { onlineLevel: 'MUC_4' }, 'isIn'],
    ['postMayCarryResult', { postMayCarryResult: 'yes' }, 'isBoolean'],
    ['effectiveFrom', { effectiveFrom: '2025-02-30' }, 'realDate'],
    ['effectiveTo', { effectiveTo: '2024-12-31' }, 'afterEffectiveFrom'],
    ['extra', { extra: 1 }, 'whitelistValidation'],
  ])('refuses bad %s with 400 naming the field and rule, storing nothing', async (field, over, rule) => {
    const before = await countVersions();
    const res = await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.BAD', ...versionBody(over) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(res.body.error.details[0].message).toBe(res.body.error.details[0].message.normalize('NFC'));
    expect(await countVersions()).toBe(before);
  });

  it('refuses an unknown competent agency with 422 naming the field', async () => {
    const res = await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.AGENCY', ...versionBody({ competentAgencyCode: '000.99.99.H56' }) })
      .expect(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'competentAgencyCode', rule: 'exists' })]);
  });

  it('adds versions, answers the one in effect at a date; identical content adds nothing', async () => {
    await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.VERS', ...versionBody() })
      .expect(201);
    const v2 = await http()
      .post(`${API}/T.VERS/versions`)
      .set('Authorization', bearer(admin))
      .send(versionBody({ processingTime: { value: 5, unit: 'WORKING_DAYS' }, effectiveFrom: '2026-07-01' }))
      .expect(201);
    expect(v2.body).toMatchObject({ created: true, version: 2, effectiveFrom: '2026-07-01' });
    const same = await http()
      .post(`${API}/T.VERS/versions`)
      .set('Authorization', bearer(admin))
      .send(versionBody({ processingTime: { value: 5, unit: 'WORKING_DAYS' }, effectiveFrom: '2026-07-01' }))
      .expect(200);
    expect(same.body).toMatchObject({ created: false, version: 2 });
    const list = await http().get(`${API}/T.VERS/versions`).set('Authorization', bearer(admin)).expect(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const at = (date: string) => http().get(`${API}/T.VERS/versions/effective`).query({ date }).set('Authorization', bearer(admin));
    expect((await at('2026-06-30').expect(200)).body.version).toBe(1);
    expect((await at('2026-07-01').expect(200)).body.version).toBe(2);
    await at('2024-12-31').expect(404);
    expect((await at('2026-02-30').expect(400)).body.error.details[0]).toMatchObject({ field: 'date', rule: 'realDate' });
    await http().post(`${API}/T.NONE/versions`).set('Authorization', bearer(admin)).send(versionBody()).expect(404);
    await http().get(`${API}/T.VERS/versions`).set('Authorization', bearer(clerk)).expect(403);
    await expectEventually(() => expect(eventsFor('T.VERS').map((e) => e.data.version)).toEqual([1, 2]));
    // the public appointment uses the version in effect at receivedAt
    const appointment = (receivedAt: string) => http().get(`${API}/T.VERS/appointment`).query({ receivedAt }).expect(200);
    const clock = defaultLegalClock();
    const before = new Date('2026-06-15T09:00:00+07:00');
    const after = new Date('2026-07-15T09:00:00+07:00');
    expect((await appointment(before.toISOString())).body.appointmentAt).toBe(toLocalIso(clock.addWorkingDays(before, 2)));
    expect((await appointment(after.toISOString())).body.appointmentAt).toBe(toLocalIso(clock.addWorkingDays(after, 5)));
  });

  it('records the version a dossier was received under and keeps it when a new version appears', async () => {
    await http()
      .post(API)
      .set('Authorization', bearer(admin))
      .send({ code: 'T.DOSSIER', ...versionBody() })
      .expect(201);
    const receive = () =>
      http()
        .post('/api/intake/v1/dossiers')
        .set('Authorization', bearer(clerk))
        .send({
          procedureCode: 'T.DOSSIER',
          channel: 'COUNTER',
          applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
          resultDelivery: 'COUNTER',
        })
        .expect(201);
    const first = await receive();
    const versionOf = async (code: string) =>
      (await sql('SELECT procedure_version FROM dossier WHERE code = $1', [code]))[0].procedure_version;
    expect(await versionOf(first.body.code)).toBe(1);
    expect(first.body.procedureVersion).toBe(1);
    await http()
      .post(`${API}/T.DOSSIER/versions`)
      .set('Authorization', bearer(admin))
      .send(versionBody({ name: 'Thủ tục thử phiên bản (sửa đổi)', effectiveFrom: localDate(new Date()) }))
      .expect(201);
    expect(await versionOf(first.body.code)).toBe(1);
    const reread = await http().get(`/api/intake/v1/dossiers/${first.body.code}`).set('Authorization', bearer(clerk)).expect(200);
    expect(reread.body).toMatchObject({ procedureVersion: 1, appointmentAt: first.body.appointmentAt });
    expect((await sql(`SELECT name FROM procedure_version WHERE procedure_code = 'T.DOSSIER' AND version = 1`))[0].name).toBe(
      'Thủ tục thử phiên bản',
    );
    const second = await receive();
    expect(await versionOf(second.body.code)).toBe(2);
    // a version taking effect tomorrow is not used today
    await http()
      .post(`${API}/T.DOSSIER/versions`)
      .set('Authorization', bearer(admin))
      .send(versionBody({ name: 'Thủ tục thử (từ ngày mai)', effectiveFrom: addDays(localDate(new Date()), 1) }))
      .expect(201);
    expect(await versionOf((await receive()).body.code)).toBe(2);
  });

  it('imports a JSON catalog all or nothing, with a dry run, and re-imports identical content as no change', async () => {
    const file = (procedures: unknown[]) => JSON.stringify({ procedures }, null, 2);
    const good = [
      { code: 'J.ONE', ...versionBody({ nationalCode: undefined }) },
      { code: 'J.TWO', ...versionBody({ nationalCode: undefined, processingTime: { value: 1, unit: 'WITHIN_DAY' } }) },
    ];
    const bad = [good[0], { ...good[1], onlineLevel: 'X' }, { ...good[1], code: 'J.THREE', components: [] }];
    const before = await countVersions();
    const dry = await importFile(file(bad), 'catalog.json', true).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: false, format: 'JSON', summary: null });
    expect(dry.body.problems).toEqual([
      expect.objectContaining({ item: 2, field: 'onlineLevel', rule: 'isIn' }),
      expect.objectContaining({ item: 3, field: 'components', rule: 'arrayMinSize' }),
    ]);
    const refused = await importFile(file(bad), 'catalog.json').expect(422);
    expect(refused.body.error.code).toBe('INTAKE.CATALOG_IMPORT_INVALID');
    expect(refused.body.error.details).toHaveLength(2);
    expect(await countVersions()).toBe(before);
    const dryGood = await importFile(file(good), 'catalog.json', true).expect(200);
    expect(dryGood.body).toMatchObject({ valid: true, summary: { created: ['J.ONE', 'J.TWO'] } });
    expect(await countVersions()).toBe(before);
    const done = await importFile(file(good), 'catalog.json').expect(200);
    expect(done.body).toMatchObject({ dryRun: false, created: ['J.ONE', 'J.TWO'], unchanged: [] });
    expect(await countVersions()).toBe(before + 2);
    const again = await importFile(file(good), 'catalog.json').expect(200);
    expect(again.body).toMatchObject({ created: [], newVersions: [], unchanged: ['J.ONE', 'J.TWO'] });
    expect(await countVersions()).toBe(before + 2);
    await expectEventually(() => expect(eventsFor('J.ONE')).toHaveLength(1));
    expect((await importFile('{ "procedures": [ ', 'x.json').expect(422)).body.error.details[0]).toMatchObject({
      field: 'file',
      rule: 'json',
    });
  });

  it('imports a CSV catalog: documented columns and encodings, every error with its line, idempotent', async () => {
    const line = (code: string, over: Partial<Record<string, string>> = {}) => {
      const cells: Record<string, string> = {
        code,
        nationalCode: '',
        name: '"Đăng ký thử, bản CSV"',
        fieldCode: 'HOTICH',
        fieldName: 'Hộ tịch',
        level: 'COMMUNE',
        competentAgencyCode: '000.21.02.H56',
        competentAgencyRule: '',
        processingTimeValue: '3',
        processingTimeUnit: 'WORKING_DAYS',
        components: 'TP01~Tờ khai~ORIGINAL~1~required|TP02~Bản sao giấy tờ~COPY~2~conditional~Khi ủy quyền',
        fees: 'Lệ phí~5000|Phí cấp bản sao~8000',
        onlineLevel: 'PARTIAL',
        postMayCarryDossier: 'true',
        postMayCarryResult: 'false',
        effectiveFrom: '2025-07-01',
        effectiveTo: '',
        ...over,
      };
      return CSV_HEADER.split(',')
        .map((c) => cells[c])
        .join(',');
    };
    const good = [
      '\uFEFF' + CSV_HEADER,
      line('C.ONE'),
      line('C.TWO', { competentAgencyCode: '', competentAgencyRule: 'COMMUNE_OF_RESIDENCE' }),
    ].join('\r\n');
    const bad = [
      CSV_HEADER,
      line('C.ONE'),
      line('C.BAD1', { processingTimeUnit: 'NAM', fees: 'Lệ phí' }),
      line('C.BAD2', { components: 'TP01~Tờ khai~ORIGINAL~x~required', effectiveFrom: '2025-13-01' }),
      line('C.ONE'),
    ].join('\n');
    const dry = await importFile(bad, 'catalog.csv', true).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: false, format: 'CSV' });
    expect(dry.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'fees.0', rule: 'encoding' }),
        expect.objectContaining({ line: 3, field: 'processingTime.unit', rule: 'isIn' }),
        expect.objectContaining({ line: 4, field: 'components.0.quantity', rule: 'isInt' }),
        expect.objectContaining({ line: 4, field: 'effectiveFrom', rule: 'realDate' }),
        expect.objectContaining({ line: 5, field: 'code', rule: 'unique' }),
      ]),
    );
    const before = await countVersions();
    await importFile(bad, 'catalog.csv').expect(422);
    expect(await countVersions()).toBe(before);
    const header = await importFile('code,name,colour\nX,Y,Z\n', 'bad.csv', true).expect(200);
    expect(header.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 1, field: 'colour', rule: 'knownColumn' }),
        expect.objectContaining({ line: 1, field: 'level', rule: 'requiredColumn' }),
      ]),
    );
    const done = await importFile(good, 'catalog.csv').expect(200);
    expect(done.body).toMatchObject({ format: 'CSV', created: ['C.ONE', 'C.TWO'] });
    const versions = await http().get(`${API}/C.TWO/versions`).set('Authorization', bearer(admin)).expect(200);
    expect(versions.body[0]).toMatchObject({
      name: 'Đăng ký thử, bản CSV',
      competentAgencyCode: null,
      competentAgencyRule: 'COMMUNE_OF_RESIDENCE',
      fees: [
        { name: 'Lệ phí', amountVnd: 5000 },
        { name: 'Phí cấp bản sao', amountVnd: 8000 },
      ],
      components: [
        { code: 'TP01', name: 'Tờ khai', form: 'ORIGINAL', quantity: 1, required: true },
        { code: 'TP02', name: 'Bản sao giấy tờ', form: 'COPY', quantity: 2, required: false, condition: 'Khi ủy quyền' },
      ],
      postMayCarryDossier: true,
      postMayCarryResult: false,
    });
    expect((await importFile(good, 'catalog.csv').expect(200)).body).toMatchObject({ newVersions: [], unchanged: ['C.ONE', 'C.TWO'] });
    const changed = [
      CSV_HEADER,
      line('C.ONE', { processingTimeValue: '4' }),
      line('C.TWO', { competentAgencyCode: '', competentAgencyRule: 'COMMUNE_OF_RESIDENCE' }),
    ].join('\n');
    expect((await importFile(changed, 'catalog.csv').expect(200)).body).toMatchObject({
      newVersions: [{ code: 'C.ONE', version: 2 }],
      unchanged: ['C.TWO'],
    });
    await expectEventually(() => expect(eventsFor('C.TWO')[0]?.data.competentAgency).toBe('COMMUNE_OF_RESIDENCE'));
    // the rule resolves to the active commune of the applicant's residence, else to the receiving agency
    const find = (context: CompetenceContext) =>
      app.get(CatalogRepository).findProcedure(app.get(DataSource).manager, 'C.TWO', new Date(), context);
    expect((await find({ residenceCommuneCode: '15925', receivingAgencyCode: '000.00.06.H56' }))?.competentAgencyCode).toBe(
      '000.21.02.H56',
    );
    expect((await find({ residenceCommuneCode: '99999', receivingAgencyCode: '000.00.06.H56' }))?.competentAgencyCode).toBe(
      '000.00.06.H56',
    );
  });

  it('publishes versions made by a migration (not yet published) once at start', async () => {
    await sql(
      `INSERT INTO procedure_version (procedure_code, version, national_code, name, field_code, field_name, level, competent_agency_code,
         components, processing_time, fees, online_level, post_may_carry_dossier, post_may_carry_result, effective_from, content_hash, created_by)
       VALUES ('M.OLD', 1, NULL, 'Thủ tục cũ', 'HOTICH', 'Hộ tịch', 'COMMUNE', '000.21.01.H56',
         '[{"name":"Tờ khai","form":"ORIGINAL","quantity":1,"required":true}]', '{"value":3,"unit":"WORKING_DAYS"}', '[]', 'NONE', true, true,
         '2000-01-01', 'migrated', 'migration')`,
    );
    expect(await app.get(CatalogWriter).publishPending()).toBe(1);
    expect(await app.get(CatalogWriter).publishPending()).toBe(0);
    await expectEventually(() => expect(eventsFor('M.OLD')).toHaveLength(1));
    expect(eventsFor('M.OLD')[0].data.components).toEqual([
      { code: 'TP01', name: 'Tờ khai', form: 'ORIGINAL', quantity: 1, required: true },
    ]);
  });

  it('accepts the CSV example of the README (dry run)', async () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(readme)![1];
    const res = await importFile(example, 'example.csv', true).expect(200);
    expect(res.body).toMatchObject({ valid: true, problems: [], summary: { procedures: 1 } });
  });

  it('refuses an import without a file, not multipart, or by a non-administrator', async () => {
    const noFile = await http().post(`${API}/import`).set('Authorization', bearer(admin)).field('x', '1').expect(400);
    expect(noFile.body.error.details[0]).toMatchObject({ field: 'file', rule: 'required' });
    const json = await http().post(`${API}/import`).set('Authorization', bearer(admin)).send({ procedures: [] }).expect(400);
    expect(json.body.error.details[0]).toMatchObject({ field: 'Content-Type', rule: 'multipart' });
    await http().post(`${API}/import`).set('Authorization', bearer(clerk)).attach('file', Buffer.from('[]'), 'a.json').expect(403);
  });
});

describe('the catalog-versions migration', () => {
  it('turns each existing procedure into its version 1, marks dossiers received under it, and undoes', async () => {
    const scratch = await createTestDatabase('intake_catalog_migration');
    const mine = INTAKE_MIGRATIONS.findIndex((m) => m.name.startsWith('CatalogVersionsAndAgencyTree'));
    const ds = new DataSource({ type: 'postgres', url: scratch.url, migrations: INTAKE_MIGRATIONS.slice(0, mine) });
    try {
      await ds.initialize();
      await ds.runMigrations();
      await ds.query(
        `INSERT INTO agency (code, name, level, parent_code, province_code) VALUES
         ('000.00.00.H56', 'Tỉnh', 'PROVINCE', NULL, '38'), ('000.21.01.H56', 'Phường', 'COMMUNE', '000.00.00.H56', '38')`,
      );
      await ds.query(
        `INSERT INTO procedure (code, name, field_code, field_name, competent_agency_code, processing_time, post_allowed, components) VALUES
         ('1.001193', 'Đăng ký khai sinh', 'HOTICH', 'Hộ tịch', '000.21.01.H56', '{"value":1,"unit":"WORKING_DAYS"}', true, '[]'),
         ('1.000948.H38', 'Thủ tục cấp tỉnh', 'F', 'F', '000.00.00.H56', '{"value":3,"unit":"WORKING_DAYS"}', false, '[]'),
         ('LT.X', 'Liên thông', 'F', 'F', '000.21.01.H56', '{"value":2,"unit":"WORKING_DAYS"}', true, '[]')`,
      );
      await ds.destroy();
      ds.setOptions({ migrations: INTAKE_MIGRATIONS.slice(0, mine + 1) });
      await ds.initialize();
      await ds.runMigrations();
      expect(
        await ds.query(
          `SELECT procedure_code, version, national_code, level, post_may_carry_result, effective_from::text, published_at
             FROM procedure_version ORDER BY procedure_code`,
        ),
      ).toEqual([
        {
          procedure_code: '1.000948.H38',
          version: 1,
          national_code: '1.000948.H38',
          level: 'PROVINCE',
          post_may_carry_result: false,
          effective_from: '2000-01-01',
          published_at: null,
        },
        {
          procedure_code: '1.001193',
          version: 1,
          national_code: '1.001193',
          level: 'COMMUNE',
          post_may_carry_result: true,
          effective_from: '2000-01-01',
          published_at: null,
        },
        {
          procedure_code: 'LT.X',
          version: 1,
          national_code: null,
          level: 'COMMUNE',
          post_may_carry_result: true,
          effective_from: '2000-01-01',
          published_at: null,
        },
      ]);
      expect(await ds.query(`SELECT code, tree FROM agency ORDER BY code`)).toEqual([
        { code: '000.00.00.H56', tree: 'BOTH' },
        { code: '000.21.01.H56', tree: 'TWO_LEVEL' },
      ]);
      await ds.undoLastMigration();
      expect(await ds.query(`SELECT to_regclass('procedure_version') AS t`)).toEqual([{ t: null }]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await scratch.drop();
    }
  });
});
