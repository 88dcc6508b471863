import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, TestDatabase } from '@motcua/testing';
import { startNationalPortalSimulator } from '@motcua/sim-national-portal';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { resolveAsRouting, MINIMAL_PDF } from './intake-test-kit';

const SECRET = 'reuse-test-secret-0123456789';
const CENTER = '000.00.06.H56';
const CITIZEN = '038190001234';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const commune: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: '000.21.01.H56' };
const supervisor: AuthUser = { sub: 'sv1', name: 'Đỗ Minh', roles: ['SUPERVISOR'], agencyCode: CENTER };
const otherClerk: AuthUser = { sub: 'clerk9', name: 'Phạm Văn Nam', roles: ['COUNTER_CLERK'], agencyCode: '000.21.02.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const PDF = MINIMAL_PDF;
const RESULT_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('giấy khai sinh bản điện tử'),
  Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
]);

describe("a citizen's digitized documents: kept from resolved dossiers, reused by reference, synced to the portal", () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let portal: Awaited<ReturnType<typeof startNationalPortalSimulator>>;
  let storageDir: string;

  beforeAll(async () => {
    db = await createTestDatabase('intake_reuse');
    bus = new InProcessBus({ delayScale: 0.01 });
    portal = await startNationalPortalSimulator({ port: 0 });
    storageDir = await fs.mkdtemp(join(tmpdir(), 'motcua-reuse-'));
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DOCUMENT_STORAGE_DIR: storageDir },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
        nationalPortalUrl: `${portal.url}/`,
        nationalPortalRetryBaseMs: 50,
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await portal?.close();
    await db?.drop();
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const sql = (q: string, params: unknown[] = []) => app.get(DataSource).query(q, params);
  const receive = async (procedureCode: string, idNumber = CITIZEN) =>
    (
      await http()
        .post('/api/intake/v1/dossiers')
        .set('Authorization', bearer(clerk))
        .send({
          procedureCode,
          channel: 'COUNTER',
          applicant: { fullName: 'Nguyễn Thị Hòa', idNumber, phone: '0912345678' },
          resultDelivery: 'COUNTER',
        })
        .expect(201)
    ).body.code as string;
  const upload = (code: string, file: Buffer, fields: Record<string, string>, user: AuthUser = clerk) => {
    const req = http().post(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(user));
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return req.attach('file', file, { filename: 'giay-to.bin', contentType: 'application/octet-stream' });
  };
  const digitized = (idNumber: string, user: AuthUser = clerk) =>
    http().get(`/api/intake/v1/citizens/${idNumber}/digitized-documents`).set('Authorization', bearer(user));
  const reuse = (code: string, body: Record<string, unknown>, user: AuthUser = clerk) =>
    http().post(`/api/intake/v1/dossiers/${code}/documents/reuse`).set('Authorization', bearer(user)).send(body);
  const filesStored = async () => (await fs.readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  const countDocuments = async () => (await sql('SELECT count(*)::int AS n FROM dossier_document'))[0].n as number;

  let earlier: string;
  let resultId: string;
  let componentId: string;

  it('keeps the result and digitized components of a resolved dossier as the citizen’s, by CCCD', async () => {
    earlier = await receive('1.001193');
    componentId = (await upload(earlier, PDF, { componentIndex: '1' }).expect(201)).body.id;
    // the result is the competent agency's: the receiving centre may not upload it, nor with a component index
    await upload(earlier, RESULT_PNG, { kind: 'RESULT' }).expect(403);
    const bad = await upload(earlier, RESULT_PNG, { kind: 'RESULT', componentIndex: '1' }, commune).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'componentIndex', rule: 'absentForResult' })]);
    const result = await upload(earlier, RESULT_PNG, { kind: 'RESULT' }, commune).expect(201);
    expect(result.body).toMatchObject({ kind: 'RESULT', componentIndex: null, mediaType: 'image/png', sha256: sha256(RESULT_PNG) });
    resultId = result.body.id;

    // not reusable before the dossier is resolved
    expect((await digitized(CITIZEN).expect(200)).body.documents).toEqual([]);

    await resolveAsRouting(bus, app, earlier, '000.21.01.H56');

    const list = (await digitized(CITIZEN).expect(200)).body.documents;
    expect(list).toHaveLength(2);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: componentId,
          kind: 'COMPONENT',
          sha256: sha256(PDF),
          dossierCode: earlier,
          procedureCode: '1.001193',
        }),
        expect.objectContaining({
          id: resultId,
          kind: 'RESULT',
          sha256: sha256(RESULT_PNG),
          dossierCode: earlier,
          resolvedAt: expect.any(String),
        }),
      ]),
    );
    expect((await digitized('038190009999').expect(200)).body.documents).toEqual([]);
  });

  it('lists them for reception and specialist roles only, with a valid CCCD', async () => {
    await digitized(CITIZEN, supervisor).expect(403);
    await http().get(`/api/intake/v1/citizens/${CITIZEN}/digitized-documents`).expect(401);
    const bad = await digitized('12345').expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'idNumber', rule: 'isCitizenId' })]);
  });

  it('links a digitized document to a later dossier of the same citizen: same bytes, same SHA-256, not copied', async () => {
    const later = await receive('2.000635');
    const files = await filesStored();
    const res = await reuse(later, { componentIndex: 1, digitizedDocumentId: resultId }).expect(201);
    expect(res.body).toMatchObject({ kind: 'COMPONENT', componentIndex: 1, reusedFromDocumentId: resultId, sha256: sha256(RESULT_PNG) });
    expect(await filesStored()).toBe(files);
    const [linked, original] = await Promise.all([
      sql('SELECT storage_key FROM dossier_document WHERE id = $1', [res.body.id]),
      sql('SELECT storage_key FROM dossier_document WHERE id = $1', [resultId]),
    ]);
    expect(linked[0].storage_key).toBe(original[0].storage_key);
    const download = await http()
      .get(`/api/intake/v1/dossiers/${later}/documents/${res.body.id}`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(RESULT_PNG));
    const components = (await http().get(`/api/intake/v1/dossiers/${later}/documents`).set('Authorization', bearer(clerk)).expect(200)).body
      .components;
    expect(components[0]).toMatchObject({ index: 1, digitized: true, documentCount: 1 });
    // the reuse itself is not a new digitized document of the citizen
    expect((await digitized(CITIZEN).expect(200)).body.documents).toHaveLength(2);

    await reuse(later, { componentIndex: 1, digitizedDocumentId: resultId }).expect(409);

    // the portal gets the files with their SHA-256 and flags, the result documents and the fees
    await http()
      .post(`/api/intake/v1/dossiers/${later}/withdrawal`)
      .set('Authorization', bearer(clerk))
      .send({ reason: 'Công dân rút hồ sơ' })
      .expect(200);
    const laterRecord = await expectEventually(async () => {
      const calls = portal.engine.listCalls({ maHoSo: later, service: 'DongBoHoSoMC' });
      expect(calls.length).toBe(2);
      return calls[1].data[0];
    });
    expect(laterRecord.DanhSachTepDinhKemKhac).toEqual([
      expect.objectContaining({
        MaThanhPhanHoSo: '1',
        MaBamSHA256: sha256(RESULT_PNG),
        DuocSoHoa: 1,
        DuocTaiSuDung: 1,
        DuocLayTuKhoDMQG: 0,
      }),
    ]);
    expect(laterRecord.DanhSachLePhi).toEqual([
      { MaPhiLePhi: '1', TenPhiLePhi: 'Phí cấp bản sao trích lục hộ tịch (mỗi bản)', Gia: 8000, LoaiPhiLePhi: 1 },
    ]);
    const earlierRecord = await expectEventually(async () => {
      const calls = portal.engine.listCalls({ maHoSo: earlier, service: 'DongBoHoSoMC' });
      const resolved = calls.find((c) => c.data[0].TrangThaiHoSo === 9);
      expect(resolved).toBeDefined();
      return resolved!.data[0];
    });
    expect(earlierRecord.DanhSachGiayToKetQua).toEqual([
      expect.objectContaining({ MaBamSHA256: sha256(RESULT_PNG), LoaiTep: 'image/png' }),
    ]);
    expect(earlierRecord.DanhSachTepDinhKemKhac).toEqual([expect.objectContaining({ MaBamSHA256: sha256(PDF), DuocTaiSuDung: 0 })]);
  });

  it("refuses another citizen's document, the dossier's own, bad bodies and outsiders, storing nothing", async () => {
    const stranger = await receive('2.000635', '038190005555');
    const own = await receive('1.001193');
    const before = await countDocuments();
    const notTheirs = await reuse(stranger, { componentIndex: 1, digitizedDocumentId: resultId }).expect(422);
    expect(notTheirs.body.error).toMatchObject({
      code: 'INTAKE.DIGITIZED_DOCUMENT_NOT_FOUND',
      details: [expect.objectContaining({ field: 'digitizedDocumentId', rule: 'reusableForApplicant' })],
    });
    await reuse(own, { componentIndex: 1, digitizedDocumentId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ componentIndex: 0, digitizedDocumentId: resultId }, 'componentIndex'],
      [{ componentIndex: 9, digitizedDocumentId: resultId }, 'componentIndex'],
      [{ componentIndex: 1, digitizedDocumentId: 'abc' }, 'digitizedDocumentId'],
      [{ componentIndex: 1 }, 'digitizedDocumentId'],
      [{ componentIndex: 1, digitizedDocumentId: resultId, copy: true }, 'copy'],
    ];
    for (const [body, field] of cases) {
      const res = await reuse(own, body).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    await reuse(own, { componentIndex: 1, digitizedDocumentId: resultId }, supervisor).expect(403);
    await reuse(own, { componentIndex: 1, digitizedDocumentId: resultId }, otherClerk).expect(404);
    expect(await countDocuments()).toBe(before);
  });

  it('links once when the same reuse is sent several times at once', async () => {
    const target = await receive('2.000635');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => reuse(target, { componentIndex: 1, digitizedDocumentId: componentId })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'INTAKE.DOCUMENT_ALREADY_LINKED')).toBe(true);
    const rows = await sql('SELECT count(*)::int AS n FROM dossier_document WHERE dossier_code = $1', [target]);
    expect(rows[0].n).toBe(1);
  });
});
