import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { startPopulationDataSimulator } from '@motcua/sim-population-data';
import { createTestDatabase, pdfText, TestDatabase, binaryBody } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'reception-test-secret-0123456789';
const SIM_KEY = 'population-test-key';
const CENTER = '000.00.06.H56';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const postal: AuthUser = { sub: 'postal1', name: 'Phạm Văn Bình', roles: ['POSTAL_CLERK'], agencyCode: CENTER };
const otherClerk: AuthUser = { sub: 'clerk9', name: 'Phạm Văn Nam', roles: ['COUNTER_CLERK'], agencyCode: '000.21.02.H56' };
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const body = (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  channel: 'COUNTER',
  applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
  resultDelivery: 'COUNTER',
  ...over,
});
const BOTH = [
  { index: 1, form: 'ORIGINAL', quantity: 1 },
  { index: 2, form: 'ORIGINAL', quantity: 1 },
];
describe('reception: population pre-fill, completeness check link, who received, Vietnamese data', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let sim: Awaited<ReturnType<typeof startPopulationDataSimulator>>;

  beforeAll(async () => {
    db = await createTestDatabase('intake_reception');
    bus = new InProcessBus({ delayScale: 0.01 });
    sim = await startPopulationDataSimulator({ port: 0, apiKey: SIM_KEY });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', POPULATION_DATA_URL: sim.url, POPULATION_DATA_API_KEY: SIM_KEY },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
        compressPdf: false,
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await sim?.close();
    await db?.drop();
  });

  beforeEach(() => sim.engine.reset());

  const http = () => request(app.getHttpServer());
  const count = async (table: string) => Number((await app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const receive = (b: object, user: AuthUser = clerk) => http().post('/api/intake/v1/dossiers').set('Authorization', bearer(user)).send(b);
  const prefill = (id: string, user: AuthUser = clerk) =>
    http().get(`/api/intake/v1/citizens/${id}/prefill?procedureCode=1.001193`).set('Authorization', bearer(user));
  const receipt = (code: string) =>
    http()
      .get(`/api/intake/v1/dossiers/${code}/receipt.pdf`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);

  describe('"citizen doesn\'t write": pre-fill from the population database', () => {
    it('answers a clerk the applicant data to pre-fill, stating officer, agency and purpose to the database', async () => {
      const res = await prefill('038190001234').expect(200);
      expect(res.body).toEqual({
        idNumber: '038190001234',
        fullName: 'Nguyễn Thị Hòa',
        dateOfBirth: '1990-04-12',
        gender: 'FEMALE',
        phone: '0912345678',
        email: null,
        permanentResidence: expect.objectContaining({ communeCode: '14755', provinceCode: '38', communeName: 'Phường Hạc Thành' }),
      });
      expect(sim.engine.listCalls('038190001234')).toEqual([
        expect.objectContaining({ officerId: 'clerk1', agencyCode: CENTER, purpose: 'TIEP_NHAN_HO_SO:1.001193', status: 200 }),
      ]);
    });

    it('404 for an unknown citizen, 400 naming the rule for a malformed number (never asked), 403 for other roles', async () => {
      expect((await prefill('038190009999').expect(404)).body.error.code).toBe('INTAKE.CITIZEN_NOT_FOUND');
      const bad = await prefill('003190001234').expect(400);
      expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'idNumber', rule: 'citizenIdProvince' })]);
      await prefill('12ab').expect(400);
      await prefill('038190001234', specialist).expect(403);
      expect(sim.engine.listCalls('003190001234')).toEqual([]);
    });

    it('503 in the API error format when the database fails or is too slow', async () => {
      sim.engine.configure({ failNext: 1, httpStatus: 500 });
      const res = await prefill('038190001234').expect(503);
      expect(res.body.error).toEqual({ code: 'INTAKE.POPULATION_DATA_UNAVAILABLE', message: expect.stringContaining('dân cư') });
      await prefill('038190001234').expect(200);
    });

    it('counter reception with prefillFromPopulationData fills what the clerk left empty and records it', async () => {
      const res = await receive(
        body({ applicant: { idNumber: '038085004567', phone: '0388888888' }, prefillFromPopulationData: true }),
      ).expect(201);
      expect(res.body.applicant).toEqual({
        fullName: 'Lê Văn Đức',
        idNumber: '038085004567',
        phone: '0388888888',
        email: 'le.duc@example.vn',
      });
      expect(res.body.prefilledFromPopulationData).toEqual(['fullName', 'email', 'residence']);
      const plain = await receive(body()).expect(201);
      expect(plain.body.prefilledFromPopulationData).toBeNull();
    });

    it('refuses pre-fill for an unknown citizen (422), off the counter (400), or without a name and without pre-fill (400); nothing stored', async () => {
      const before = await count('dossier');
      const unknown = await receive(body({ applicant: { idNumber: '038190009999' }, prefillFromPopulationData: true })).expect(422);
      expect(unknown.body.error.details[0]).toMatchObject({ field: 'applicant.idNumber', rule: 'knownToPopulationData' });
      const post = await receive(body({ channel: 'POSTAL', prefillFromPopulationData: true }), postal).expect(400);
      expect(post.body.error.details[0]).toMatchObject({ field: 'prefillFromPopulationData', rule: 'counterOnly' });
      const noName = await receive(body({ applicant: { idNumber: '038190001234' } })).expect(400);
      expect(noName.body.error.details[0]).toMatchObject({ field: 'applicant.fullName', rule: 'isDefined' });
      sim.engine.configure({ failNext: 1 });
      await receive(body({ applicant: { idNumber: '038190001234' }, prefillFromPopulationData: true })).expect(503);
      expect(await count('dossier')).toBe(before);
    });

    it('without POPULATION_DATA_URL the endpoint answers 503 with a clear message', async () => {
      const bare = await createServiceApp(
        IntakeModule.forRoot(
          intakeConfigFromEnv(
            { LOG_LEVEL: 'silent' },
            {
              databaseUrl: db.url,
              authJwtSecret: SECRET,
              bus: new InProcessBus({ delayScale: 0.01 }),
              lookupSecretKey: 'lookup-test-key-0123456789',
            },
          ),
        ),
        INTAKE_SERVICE,
      );
      try {
        const res = await request(bare.getHttpServer())
          .get('/api/intake/v1/citizens/038190001234/prefill')
          .set('Authorization', bearer(clerk))
          .expect(503);
        expect(res.body.error.code).toBe('INTAKE.POPULATION_DATA_NOT_CONFIGURED');
        expect(res.body.error.message).toContain('POPULATION_DATA_URL');
      } finally {
        await bare.close();
      }
    });
  });

  describe('the completeness check linked to the dossier (form 01)', () => {
    it('an inline check: the components received are recorded, kept as a COMPLETE check, listed on form 01 with digitized flags', async () => {
      const checks = await count('completeness_check');
      const res = await receive(body({ components: [BOTH[0], { name: 'giấy chứng sinh', form: 'ORIGINAL', quantity: 2 }] })).expect(201);
      expect(res.body.receivedComponents).toEqual([
        { index: 1, name: 'Tờ khai đăng ký khai sinh', form: 'ORIGINAL', quantity: 1 },
        { index: 2, name: 'Giấy chứng sinh', form: 'ORIGINAL', quantity: 2 },
      ]);
      expect(await count('completeness_check')).toBe(checks + 1);
      const check = await http()
        .get(`/api/intake/v1/completeness-checks/${res.body.completenessCheckId}`)
        .set('Authorization', bearer(clerk))
        .expect(200);
      expect(check.body).toMatchObject({ outcome: 'COMPLETE', applicantName: 'Nguyễn Thị Hòa' });

      await http()
        .post(`/api/intake/v1/dossiers/${res.body.code}/documents`)
        .set('Authorization', bearer(clerk))
        .field('componentIndex', '2')
        .attach('file', PDF, { filename: 'giay-chung-sinh.pdf', contentType: 'application/pdf' })
        .expect(201);
      const text = pdfText((await receipt(res.body.code)).body);
      expect(text).toContain('1. Tờ khai đăng ký khai sinh — bản chính, số lượng: 1');
      expect(text).not.toContain('số lượng: 1 (đã số hóa)');
      expect(text).toContain('2. Giấy chứng sinh — bản chính, số lượng: 2 (đã số hóa)');
    });

    it('an incomplete inline check refuses reception (422 listing everything missing); nothing stored', async () => {
      const [dossiers, checks] = [await count('dossier'), await count('completeness_check')];
      const res = await receive(body({ components: [{ index: 2, form: 'COPY', quantity: 1 }] })).expect(422);
      expect(res.body.error.code).toBe('INTAKE.DOSSIER_INCOMPLETE');
      expect(res.body.error.details.map((d: { rule: string }) => d.rule)).toEqual(['component.present', 'component.form']);
      const bad = await receive(body({ components: [{ index: 9, form: 'COPY', quantity: 1 }] })).expect(400);
      expect(bad.body.error.details[0]).toMatchObject({ field: 'components.0.index', rule: 'componentOfProcedure' });
      expect([await count('dossier'), await count('completeness_check')]).toEqual([dossiers, checks]);
    });

    it('a form 02 check is kept; when the citizen comes back complete the dossier is received referencing it, once', async () => {
      const form02 = await http()
        .post('/api/intake/v1/completeness-checks')
        .set('Authorization', bearer(clerk))
        .send({ procedureCode: '1.001193', components: [BOTH[0]], applicantName: 'Nguyễn Thị Hòa' })
        .expect(201);
      expect(form02.body.outcome).toBe('INCOMPLETE');
      const id = form02.body.id;
      expect(
        (await http().get(`/api/intake/v1/completeness-checks/${id}`).set('Authorization', bearer(clerk))).body.dossierCode,
      ).toBeNull();
      const noList = await receive(body({ completenessCheckId: id })).expect(400);
      expect(noList.body.error.details[0]).toMatchObject({ field: 'components', rule: 'requiredAfterSupplementRequest' });
      await receive(body({ completenessCheckId: id, components: [BOTH[0]] })).expect(422);

      const res = await receive(body({ completenessCheckId: id, components: BOTH })).expect(201);
      expect(res.body).toMatchObject({ completenessCheckId: id, receivedComponents: [{ index: 1 }, { index: 2 }] });
      const kept = await http().get(`/api/intake/v1/completeness-checks/${id}`).set('Authorization', bearer(clerk)).expect(200);
      expect(kept.body).toMatchObject({ outcome: 'INCOMPLETE', dossierCode: res.body.code });
      const again = await receive(body({ completenessCheckId: id, components: BOTH })).expect(409);
      expect(again.body.error).toMatchObject({
        code: 'INTAKE.COMPLETENESS_CHECK_USED',
        details: [{ field: 'completenessCheckId', rule: 'unused' }],
      });
    });

    it("a COMPLETE check gives its components; another agency's, another procedure's or a refused check is refused", async () => {
      const complete = await http()
        .post('/api/intake/v1/completeness-checks')
        .set('Authorization', bearer(clerk))
        .send({ procedureCode: '1.001193', components: BOTH })
        .expect(201);
      const res = await receive(body({ completenessCheckId: complete.body.id })).expect(201);
      expect(res.body.receivedComponents).toHaveLength(2);
      expect(pdfText((await receipt(res.body.code)).body)).toContain('2. Giấy chứng sinh — bản chính, số lượng: 1');

      const refused = await http()
        .post('/api/intake/v1/completeness-checks')
        .set('Authorization', bearer(clerk))
        .send({ procedureCode: '1.001193', components: [], refusalReason: 'Không thuộc thẩm quyền' })
        .expect(201);
      const other = await http()
        .post('/api/intake/v1/completeness-checks')
        .set('Authorization', bearer(clerk))
        .send({ procedureCode: '2.000908', components: [] })
        .expect(201);
      const before = await count('dossier');
      expect((await receive(body({ completenessCheckId: refused.body.id })).expect(422)).body.error.details[0].rule).toBe('notRefused');
      expect((await receive(body({ completenessCheckId: other.body.id, components: BOTH })).expect(422)).body.error.details[0].rule).toBe(
        'sameProcedure',
      );
      const foreign = await http()
        .post('/api/intake/v1/completeness-checks')
        .set('Authorization', bearer(otherClerk))
        .send({ procedureCode: '1.001193', components: BOTH })
        .expect(201);
      expect((await receive(body({ completenessCheckId: foreign.body.id })).expect(422)).body.error.details[0].rule).toBe('exists');
      expect((await receive(body({ completenessCheckId: 'x' })).expect(400)).body.error.details[0].field).toBe('completenessCheckId');
      expect(await count('dossier')).toBe(before);
    });
  });

  describe('who received the dossier', () => {
    it('records the civil servant or the postal employee at the counter, with name and role, on the dossier and form 01', async () => {
      const byClerk = await receive(body()).expect(201);
      expect(byClerk.body.receivedBy).toEqual({
        id: 'clerk1',
        name: 'Lê Thị Thu',
        role: 'COUNTER_CLERK',
        roleLabel: 'Công chức tiếp nhận tại bộ phận một cửa',
      });
      const byPostal = await receive(body(), postal).expect(201);
      expect(byPostal.body.receivedBy).toMatchObject({ name: 'Phạm Văn Bình', role: 'POSTAL_CLERK' });
      const text = pdfText((await receipt(byPostal.body.code)).body);
      expect(text).toContain('Phạm Văn Bình — Nhân viên bưu điện làm việc tại bộ phận một cửa');
      // a dossier from before (no name recorded) prints the account id, as before
      await app
        .get(DataSource)
        .query('UPDATE dossier SET received_by_name = NULL, received_by_role = NULL WHERE code = $1', [byClerk.body.code]);
      expect(pdfText((await receipt(byClerk.body.code)).body)).toMatch(/Người tiếp nhận:\W*clerk1\s/);
    });
  });

  describe('Vietnamese data', () => {
    it.each([
      ['applicant.idNumber', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '003190001234' } }, 'isCitizenId'],
      ['applicant.idNumber', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '038990001234' } }, 'isCitizenId'],
      ['applicant.phone', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '038190001234', phone: '0612345678' } }, 'isVnPhone'],
      ['applicant.phone', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '038190001234', phone: '091234567' } }, 'isVnPhone'],
      ['applicant.email', { applicant: { fullName: 'Nguyễn Văn A', idNumber: '038190001234', email: 'a@b' } }, 'isEmail'],
      ['applicant.fullName', { applicant: { fullName: 'An\u200bBình', idNumber: '038190001234' } }, 'matches'],
      ['applicant.fullName', { applicant: { fullName: ['An'], idNumber: '038190001234' } }, 'isString'],
      [
        'deliveryAddress.provinceCode',
        {
          resultDelivery: 'POST',
          deliveryAddress: { recipientName: 'A B', phone: '0912345678', line: 'Số 1', communeCode: '14755', provinceCode: '26' },
        },
        'provinceOfTree',
      ],
      [
        'deliveryAddress.provinceCode',
        {
          resultDelivery: 'POST',
          deliveryAddress: {
            recipientName: 'A B',
            phone: '0912345678',
            line: 'Số 1',
            communeCode: '14755',
            districtCode: '380',
            provinceCode: '99',
          },
        },
        'provinceOfTree',
      ],
    ])('refuses %s (%j) naming the rule', async (field, over, rule) => {
      const before = await count('dossier');
      const res = await receive(body(over)).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(await count('dossier')).toBe(before);
    });

    it('refuses control characters in address lines and names (PostgreSQL cannot store NUL in jsonb)', async () => {
      const before = await count('dossier');
      const cases: Array<[string, Record<string, string>]> = [
        ['deliveryAddress.line', { line: 'Số 1\u0000Lê Lợi' }],
        ['deliveryAddress.recipientName', { recipientName: 'Nguyễn\u0007 An' }],
      ];
      for (const [field, over] of cases) {
        const res = await receive(
          body({
            resultDelivery: 'POST',
            deliveryAddress: {
              recipientName: 'Nguyễn An',
              phone: '0912345678',
              line: 'Số 1',
              communeCode: '14755',
              provinceCode: '38',
              ...over,
            },
          }),
        ).expect(400);
        expect(res.body.error.details[0]).toMatchObject({ field });
      }
      expect(await count('dossier')).toBe(before);
    });

    it('stores names in NFC, phones in national form, and accepts both address trees', async () => {
      const nfd = 'Nguyễn Thị Hòa'.normalize('NFD');
      const res = await receive(
        body({
          applicant: { fullName: `  ${nfd}  `, idNumber: '038190001234', phone: '+84 912 345 678' },
          resultDelivery: 'POST',
          deliveryAddress: { recipientName: nfd, phone: '84988777666', line: 'Số 1 Lê Lợi', communeCode: '14755', provinceCode: '38' },
        }),
      ).expect(201);
      expect(res.body.applicant).toMatchObject({ fullName: 'Nguyễn Thị Hòa', phone: '0912345678' });
      expect(res.body.deliveryAddress).toMatchObject({ recipientName: 'Nguyễn Thị Hòa', phone: '0988777666' });
      const legacy = await receive(
        body({
          resultDelivery: 'POST',
          deliveryAddress: {
            recipientName: 'A B',
            phone: '0912345678',
            line: 'Số 1',
            communeCode: '09052',
            districtCode: '252',
            provinceCode: '26',
          },
        }),
      ).expect(201);
      expect(legacy.body.deliveryAddress).toMatchObject({ provinceCode: '26', districtCode: '252' });
    });

    const FIELDS = [
      'applicant.fullName',
      'applicant.idNumber',
      'applicant.phone',
      'applicant.email',
      'deliveryAddress.recipientName',
      'deliveryAddress.phone',
      'deliveryAddress.line',
      'deliveryAddress.communeCode',
      'deliveryAddress.districtCode',
      'deliveryAddress.provinceCode',
    ];
    it('hostile input on any applicant or address field is a 4xx naming the field, never a 500, and stores nothing', async () => {
      const before = await count('dossier');
      let accepted = 0;
      const hostile = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }),
        fc.constantFrom('0'.repeat(5000), '<script>alert(1)</script>', "'; DROP TABLE dossier; --", '\u0000', '038190001234\n', '+84'),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...FIELDS), hostile, async (path, value) => {
          const [part, field] = path.split('.');
          const b = body({
            resultDelivery: 'POST',
            deliveryAddress: {
              recipientName: 'Nguyễn Văn Nhận',
              phone: '0912345678',
              line: 'Số 1 Lê Lợi',
              communeCode: '14755',
              provinceCode: '38',
            },
          }) as unknown as Record<string, Record<string, unknown>>;
          b[part] = { ...b[part], [field]: value };
          const res = await receive(b);
          if (res.status === 201) {
            accepted += 1; // a value that happens to be valid (e.g. null for an optional field)
            return;
          }
          expect(res.status).toBe(400);
          expect(res.body.error.details.some((d: { field: string }) => d.field === path)).toBe(true);
        }),
        { numRuns: 80 },
      );
      // each accepted value made one dossier, the refused ones none
      expect((await count('dossier')) - before).toBe(accepted);
    });
  });
});
