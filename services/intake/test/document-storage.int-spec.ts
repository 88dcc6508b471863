import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import { AddressInfo, connect } from 'net';
import request from 'supertest';
import { receiveCounterDossier } from './intake-test-kit';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, TestDatabase, binaryBody } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { EMPTY_SHA256, S3DocumentStorage, S3StorageError, sigV4Authorization } from '../src/documents/s3-storage';
import { FakeS3 } from './fake-s3';

const SECRET = 'storage-test-secret-0123456789';
const CENTER = '000.00.06.H56';
const MAX = 64 * 1024;
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const KEY = '0b0e6f0e-6c1d-4b7e-9a51-000000000001/5f1f4b3a-2d0c-4e55-8a11-000000000002';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const IEND = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('scanned page'), IEND]);
const ZIP = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40, 0x41), Buffer.from('PK\u0005\u0006'), Buffer.alloc(18)]);

describe('AWS Signature V4', () => {
  it("matches AWS's published example (GET Object with a Range header)", () => {
    const authorization = sigV4Authorization({
      method: 'GET',
      path: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      service: 's3',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('S3DocumentStorage against a signature-checking S3 fake', () => {
  const s3 = new FakeS3('motcua-docs', 'AKTEST', 'test-secret-key');
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await s3.start();
  });
  afterAll(() => s3.stop());

  const storage = (over: Partial<ConstructorParameters<typeof S3DocumentStorage>[0]> = {}) =>
    new S3DocumentStorage({
      endpoint,
      bucket: 'motcua-docs',
      region: 'us-east-1',
      accessKeyId: 'AKTEST',
      secretAccessKey: 'test-secret-key',
      ...over,
    });

  it('puts, heads, gets and deletes an object; asks for server-side encryption', async () => {
    const store = storage({ serverSideEncryption: 'AES256' });
    expect(await store.exists(KEY)).toBe(false);
    await store.put(KEY, PDF);
    expect(s3.objects.get(KEY)?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(await store.exists(KEY)).toBe(true);
    expect(Buffer.compare(await store.get(KEY), PDF)).toBe(0);
    await store.delete(KEY);
    expect(await store.exists(KEY)).toBe(false);
    await expect(store.get(KEY)).rejects.toMatchObject({ status: 404, message: expect.stringContaining('NoSuchKey') });
  });

  it('is refused with a wrong secret, a wrong key id or a clock far off; refuses keys it did not make', async () => {
    await expect(storage({ secretAccessKey: 'wrong' }).put(KEY, PDF)).rejects.toThrow(/403 SignatureDoesNotMatch/);
    await expect(storage({ accessKeyId: 'AKOTHER' }).get(KEY)).rejects.toThrow(/403 InvalidAccessKeyId/);
    const late = new S3DocumentStorage(
      { endpoint, bucket: 'motcua-docs', region: 'us-east-1', accessKeyId: 'AKTEST', secretAccessKey: 'test-secret-key' },
      () => new Date(Date.now() - 3_600_000),
    );
    await expect(late.put(KEY, PDF)).rejects.toBeInstanceOf(S3StorageError);
    await expect(storage().put('../../etc/passwd', PDF)).rejects.toThrow(/Invalid storage key/);
    expect(s3.objects.size).toBe(0);
  });
});

describe('documents on S3-compatible storage, hostile uploads', () => {
  const s3 = new FakeS3('dossier-docs', 'AKINTAKE', 'intake-secret-key', 'ap-southeast-1');
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let code: string;

  beforeAll(async () => {
    const endpoint = await s3.start();
    db = await createTestDatabase('intake_docs_s3');
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = intakeConfigFromEnv(
      {
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        MAX_DOCUMENT_BYTES: String(MAX),
        DOCUMENT_STORAGE: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: 'dossier-docs',
        S3_REGION: 'ap-southeast-1',
        S3_ACCESS_KEY_ID: 'AKINTAKE',
        S3_SECRET_ACCESS_KEY: 'intake-secret-key',
      },
      { databaseUrl: db.url, authJwtSecret: SECRET, bus, seedDemoData: true, lookupSecretKey: 'lookup-test-key-0123456789' },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
    await app.listen(0, '127.0.0.1');
    code = await receiveCounterDossier(app, bearer(clerk));
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
    await s3.stop();
  });

  const http = () => request(app.getHttpServer());
  const countDocuments = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM dossier_document'))[0].n);
  const upload = (file: Buffer, name: string, contentType = 'application/pdf') =>
    http()
      .post(`/api/intake/v1/dossiers/${code}/documents`)
      .set('Authorization', bearer(clerk))
      .field('componentIndex', '1')
      .attach('file', file, { filename: name, contentType });

  it('stores the bytes in the bucket under the service key and serves them back, SHA-256 kept', async () => {
    const res = await upload(PDF, 'tờ khai.pdf').expect(201);
    expect(res.body).toMatchObject({ mediaType: 'application/pdf', sha256: sha256(PDF), sizeBytes: PDF.length });
    const [row] = await app.get(DataSource).query('SELECT storage_key FROM dossier_document WHERE id = $1', [res.body.id]);
    expect(Buffer.compare(s3.objects.get(row.storage_key)!.data, PDF)).toBe(0);
    const file = await http()
      .get(`/api/intake/v1/dossiers/${code}/documents/${res.body.id}`)
      .set('Authorization', bearer(clerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(sha256(file.body)).toBe(sha256(PDF));
  });

  it('refuses polyglots, truncated and empty files, storing nothing', async () => {
    const before = { rows: await countDocuments(), objects: s3.objects.size };
    const cases: Array<[Buffer, number, string, string]> = [
      [Buffer.concat([PNG, ZIP]), 422, 'INTAKE.DOCUMENT_INCOMPLETE', 'complete'], // PNG with a ZIP after IEND
      [Buffer.concat([PDF, ZIP, Buffer.alloc(2000, 0x41)]), 422, 'INTAKE.DOCUMENT_INCOMPLETE', 'complete'], // PDF with a large tail
      [PDF.subarray(0, PDF.length - 8), 422, 'INTAKE.DOCUMENT_INCOMPLETE', 'complete'], // truncated PDF (no %%EOF)
      [PNG.subarray(0, PNG.length - 4), 422, 'INTAKE.DOCUMENT_INCOMPLETE', 'complete'], // truncated PNG
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 422, 'INTAKE.DOCUMENT_INCOMPLETE', 'complete'], // JPEG cut before FF D9
      [Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), PDF]), 415, 'INTAKE.DOCUMENT_TYPE_NOT_ALLOWED', 'contentType'], // %PDF- not first
      [Buffer.from('%PDF'), 415, 'INTAKE.DOCUMENT_TYPE_NOT_ALLOWED', 'contentType'], // shorter than the signature
      [Buffer.alloc(0), 400, 'REQUEST.VALIDATION_FAILED', 'required'], // zero bytes
    ];
    for (const [file, status, errorCode, rule] of cases) {
      const res = await upload(file, 'x.pdf').expect(status);
      expect(res.body.error).toMatchObject({ code: errorCode, details: [expect.objectContaining({ field: 'file', rule })] });
    }
    expect(await countDocuments()).toBe(before.rows);
    expect(s3.objects.size).toBe(before.objects);
  });

  it('keeps a PDF carrying HTML inside as a PDF download, never renderable as HTML', async () => {
    const polyglot = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n');
    const res = await upload(polyglot, 'trang.html', 'text/html').expect(201);
    expect(res.body).toMatchObject({ mediaType: 'application/pdf', fileName: 'trang.pdf' });
    const file = await http()
      .get(`/api/intake/v1/dossiers/${code}/documents/${res.body.id}`)
      .set('Authorization', bearer(clerk))
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 413 to a huge declared size at once, without reading the body', async () => {
    const before = { rows: await countDocuments(), objects: s3.objects.size };
    const { port } = app.getHttpServer().address() as AddressInfo;
    const head = [
      `POST /api/intake/v1/dossiers/${code}/documents HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: ${bearer(clerk)}`,
      'Content-Type: multipart/form-data; boundary=XYZ',
      'Content-Length: 10737418240', // 10 GiB declared
      '',
      '--XYZ\r\nContent-Disposition: form-data; name="componentIndex"\r\n\r\n1\r\n--XYZ\r\n',
    ].join('\r\n');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(head));
      let text = '';
      socket.setTimeout(5000, () => reject(new Error(`no answer; got ${text}`)));
      socket.on('data', (d) => {
        text += d.toString('latin1');
        if (text.includes('\r\n\r\n') && text.includes('}}')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      socket.on('end', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('INTAKE.DOCUMENT_TOO_LARGE');
    expect(await countDocuments()).toBe(before.rows);
    expect(s3.objects.size).toBe(before.objects);
  });
});
