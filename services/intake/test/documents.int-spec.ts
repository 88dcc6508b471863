import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, TestDatabase, binaryBody } from '@motcua/testing';
import { MINIMAL_PDF, receiveCounterDossier } from './intake-test-kit';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'documents-test-secret-0123456789';
const CENTER = '000.00.06.H56';
const MAX = 64 * 1024;
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const competent: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: '000.21.01.H56' };
const outsider: AuthUser = { sub: 'clerk9', name: 'Phạm Văn Nam', roles: ['COUNTER_CLERK'], agencyCode: '000.21.02.H56' };
const supervisor: AuthUser = { sub: 'sv1', name: 'Đỗ Minh', roles: ['SUPERVISOR'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('png body of a scanned birth certificate'),
  Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]), // IEND
]);
const PDF = MINIMAL_PDF;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jfif body'), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('documents per component: type by content, size limit, SHA-256, local disk', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let root: string;
  let storageDir: string;
  let code: string;

  beforeAll(async () => {
    db = await createTestDatabase('intake_documents');
    bus = new InProcessBus({ delayScale: 0.01 });
    root = await fs.mkdtemp(join(tmpdir(), 'motcua-docs-'));
    storageDir = join(root, 'a', 'b', 'store');
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DOCUMENT_STORAGE_DIR: storageDir, MAX_DOCUMENT_BYTES: String(MAX) },
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789' },
    );
    expect(config.maxDocumentBytes).toBe(MAX);
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
    code = await receiveCounterDossier(app, bearer(clerk));
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const countDocuments = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM dossier_document'))[0].n);
  const upload = (file: Buffer | null, name: string, contentType: string, componentIndex = '1', user: AuthUser = clerk) => {
    const req = http()
      .post(`/api/intake/v1/dossiers/${code}/documents`)
      .set('Authorization', bearer(user))
      .field('componentIndex', componentIndex);
    return file ? req.attach('file', file, { filename: name, contentType }) : req;
  };

  it('accepts a PNG named .pdf and declared application/pdf as PNG: the content wins; stores its SHA-256', async () => {
    const res = await upload(PNG, 'giấy chứng sinh.pdf', 'application/pdf', '2').expect(201);
    expect(res.body).toMatchObject({
      componentIndex: 2,
      componentName: 'Giấy chứng sinh',
      mediaType: 'image/png',
      fileName: 'giấy chứng sinh.png',
      sizeBytes: PNG.length,
      sha256: sha256(PNG),
      uploadedBy: 'clerk1',
    });
    const file = await http()
      .get(`/api/intake/v1/dossiers/${code}/documents/${res.body.id}`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('giấy chứng sinh.png')}`);
    expect(Buffer.compare(file.body, PNG)).toBe(0);
  });

  it('refuses an executable renamed .pdf with 415, storing nothing', async () => {
    const [rows, files] = [await countDocuments(), await filesUnder(storageDir)];
    const res = await upload(EXE, 'to-khai.pdf', 'application/pdf').expect(415);
    expect(res.body.error).toMatchObject({ code: 'INTAKE.DOCUMENT_TYPE_NOT_ALLOWED', details: [{ field: 'file', rule: 'contentType' }] });
    expect(res.body.error.message).toBe('Chỉ nhận tài liệu PDF, JPEG hoặc PNG');
    expect(await countDocuments()).toBe(rows);
    expect(await filesUnder(storageDir)).toEqual(files);
  });

  it('refuses a file over MAX_DOCUMENT_BYTES with 413 in the API error format, storing nothing', async () => {
    const rows = await countDocuments();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX, 0x20)]);
    const res = await upload(big, 'to-khai.pdf', 'application/pdf').expect(413);
    expect(res.body.error).toMatchObject({ code: 'INTAKE.DOCUMENT_TOO_LARGE', details: [{ field: 'file', rule: 'maxSize' }] });
    expect(await countDocuments()).toBe(rows);
    // exactly at the limit is accepted
    await upload(Buffer.concat([PDF, Buffer.alloc(MAX - PDF.length, 0x20)]), 'to-khai.pdf', 'application/pdf').expect(201);
  });

  it('keeps a path-traversal name harmless: a base name for display, bytes inside the storage directory', async () => {
    const res = await upload(PDF, '../../../../escaped.pdf', 'application/pdf').expect(201);
    expect(res.body.fileName).toBe('escaped.pdf');
    const res2 = await upload(JPEG, '..\\..\\windows\\evil.exe', 'application/octet-stream').expect(201);
    expect(res2.body).toMatchObject({ fileName: 'evil.jpg', mediaType: 'image/jpeg' });
    expect(await filesUnder(root)).toEqual(expect.arrayContaining([expect.stringMatching(/^a\/b\/store\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/)]));
    for (const f of await filesUnder(root)) expect(f).toMatch(/^a\/b\/store\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const rows = await countDocuments();
    const cases: Array<[request.Test, number, string]> = [
      [upload(null, '', '', '1'), 400, 'file'],
      [upload(PDF, 'a.pdf', 'application/pdf', '0'), 400, 'componentIndex'],
      [upload(PDF, 'a.pdf', 'application/pdf', 'one'), 400, 'componentIndex'],
      [upload(PDF, 'a.pdf', 'application/pdf', '9'), 400, 'componentIndex'],
      [upload(PDF, 'a.pdf', 'application/pdf').field('extra', 'x'), 400, 'extra'],
      [upload(null, '', '', '1').attach('other', PDF, 'b.pdf'), 400, 'other'],
      [upload(PDF, 'a.pdf', 'application/pdf').attach('file', PDF, 'b.pdf'), 400, 'file'],
      [
        http().post(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(clerk)).send({ componentIndex: '1' }),
        415,
        'Content-Type',
      ],
    ];
    for (const [req, status, field] of cases) {
      const res = await req.expect(status);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await countDocuments()).toBe(rows);
  });

  it('lists the documents and marks the digitized components', async () => {
    const res = await http().get(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(competent)).expect(200);
    expect(res.body.components).toEqual([
      expect.objectContaining({ index: 1, name: 'Tờ khai đăng ký khai sinh', digitized: true, documentCount: 3 }),
      expect.objectContaining({ index: 2, name: 'Giấy chứng sinh', digitized: true, documentCount: 1 }),
    ]);
    expect(res.body.documents).toHaveLength(4);
    expect(res.body.documents.every((d: { sha256: string }) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
  });

  it('is for staff of the receiving or competent agency only', async () => {
    const list = await http().get(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(clerk)).expect(200);
    const id = list.body.documents[0].id;
    await http().get(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(outsider)).expect(404);
    await http().get(`/api/intake/v1/dossiers/${code}/documents/${id}`).set('Authorization', bearer(outsider)).expect(404);
    await http().get(`/api/intake/v1/dossiers/${code}/documents/${id}`).expect(401);
    await http().get(`/api/intake/v1/dossiers/${code}/documents/not-an-id`).set('Authorization', bearer(clerk)).expect(404);
    await upload(PDF, 'a.pdf', 'application/pdf', '1', outsider).expect(404);
    await upload(PDF, 'a.pdf', 'application/pdf', '1', supervisor).expect(403);
    await http().get(`/api/intake/v1/dossiers/${code}/documents/${id}`).set('Authorization', bearer(competent)).expect(200);
  });
});
