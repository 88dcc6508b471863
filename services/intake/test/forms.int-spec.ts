import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser, issueToken } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, pdfImageData, pdfImages, pdfText, pngSize, TestDatabase, binaryBody } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { formOn } from '../src/forms/form-sets';
import { qrPng } from '../src/forms/form-pdf';
import PDFDocument from 'pdfkit';

const SECRET = 'forms-test-secret-0123456789';
const CENTER = '000.00.06.H56';
const LOOKUP = 'https://dichvucong.thanhhoa.example/tra-cuu';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const otherClerk: AuthUser = { sub: 'clerk9', name: 'Phạm Văn Nam', roles: ['COUNTER_CLERK'], agencyCode: '000.21.02.H56' };
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: CENTER };
const supervisor: AuthUser = { sub: 'sv1', name: 'Đỗ Minh', roles: ['SUPERVISOR'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

const dossierBody = {
  procedureCode: '1.001193',
  channel: 'COUNTER',
  applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
  resultDelivery: 'COUNTER',
};

/** The pixels pdfkit embeds for a QR code of `url` (the same pipeline as the forms), to compare with a form's images. */
async function qrPixels(url: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(await qrPng(url), 0, 0);
  doc.end();
  // the colour image (the alpha mask, all opaque, is a third of its size and the same for every code)
  return pdfImageData(await done).sort((a, b) => b.length - a.length)[0];
}
const containsImage = (pdf: Buffer, pixels: Buffer) => pdfImageData(pdf).some((d) => d.equals(pixels));

describe('completeness checks and printable forms (PDF)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await createTestDatabase('intake_forms');
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        bus,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
        publicLookupUrl: LOOKUP,
        compressPdf: false,
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const countChecks = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM completeness_check'))[0].n);
  const postCheck = (body: object, user: AuthUser = clerk) =>
    http().post('/api/intake/v1/completeness-checks').set('Authorization', bearer(user)).send(body);
  const getPdf = (path: string, user: AuthUser = clerk) =>
    http().get(path).set('Authorization', bearer(user)).buffer(true).parse(binaryBody);

  describe('POST /v1/completeness-checks', () => {
    it('COMPLETE when every required component is presented: no number, the next form is 01', async () => {
      const res = await postCheck({
        procedureCode: '1.001193',
        components: [
          { index: 1, form: 'ORIGINAL', quantity: 1 },
          { name: 'giấy chứng sinh', form: 'ORIGINAL', quantity: 1 },
        ],
      }).expect(201);
      expect(res.body).toMatchObject({
        outcome: 'COMPLETE',
        missing: [],
        form: null,
        nextForm: { number: '01' },
        procedureName: 'Đăng ký khai sinh',
      });
      expect(res.body.presented.map((p: { index: number; name: string }) => [p.index, p.name])).toEqual([
        [1, 'Tờ khai đăng ký khai sinh'],
        [2, 'Giấy chứng sinh'],
      ]);
      await http().get(`/api/intake/v1/completeness-checks/${res.body.id}.pdf`).set('Authorization', bearer(clerk)).expect(422);
    });

    it('INCOMPLETE lists everything missing at once, with a printable number (form 02)', async () => {
      const res = await postCheck({
        procedureCode: '1.004873',
        components: [{ index: 2, form: 'COPY', quantity: 1 }],
        applicableConditional: [2],
        applicantName: 'Nguyễn Thị Hòa',
      }).expect(201);
      expect(res.body.outcome).toBe('INCOMPLETE');
      expect(res.body.missing).toEqual([
        expect.objectContaining({ index: 1, rule: 'present', name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }),
      ]);
      const year = localDate(new Date()).slice(0, 4);
      expect(res.body.form).toMatchObject({ number: '02', printNumber: `${CENTER}-${year}-02-00001` });

      const two = await postCheck({ procedureCode: '1.001193', components: [] }).expect(201);
      expect(two.body.missing.map((m: { index: number }) => m.index)).toEqual([1, 2]);
      expect(two.body.form.printNumber).toBe(`${CENTER}-${year}-02-00002`);

      const pdf = await getPdf(`/api/intake/v1/completeness-checks/${two.body.id}.pdf`).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdfText(pdf.body);
      expect(text).toContain('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
      expect(text).toContain('Mẫu số 02');
      expect(text).toContain(`Số: ${CENTER}-${year}-02-00002`);
      expect(text).toContain('Thiếu Tờ khai đăng ký khai sinh (bản chính, số lượng 1)');
      expect(text).toContain('Thiếu Giấy chứng sinh (bản chính, số lượng 1)');
      expect(text).toContain('Lê Thị Thu');
      expect(containsImage(pdf.body, await qrPixels(LOOKUP))).toBe(true);
    });

    it('REFUSED with the reason (form 03), printable with the diacritics intact', async () => {
      const res = await postCheck({
        procedureCode: '1.001193',
        components: [{ index: 1, form: 'ORIGINAL', quantity: 1 }],
        refusalReason: 'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã',
        applicantName: 'Nguyễn Thị Hòa',
      }).expect(201);
      expect(res.body).toMatchObject({ outcome: 'REFUSED', missing: [], form: { number: '03' } });
      const pdf = await getPdf(`/api/intake/v1/completeness-checks/${res.body.id}.pdf`).expect(200);
      const text = pdfText(pdf.body);
      expect(text).toContain('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
      expect(text).toContain('Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã');
      expect(text).toContain('Nguyễn Thị Hòa');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).not.toContain('\uFFFD');
    });

    it('refuses bad input naming the field, and stores nothing', async () => {
      const before = await countChecks();
      const cases: Array<[object, string, number]> = [
        [{ procedureCode: '1.001193', components: [{ index: 9, form: 'ORIGINAL', quantity: 1 }] }, 'components.0.index', 400],
        [{ procedureCode: '1.001193', components: [{ name: 'Hộ chiếu', form: 'ORIGINAL', quantity: 1 }] }, 'components.0.name', 400],
        [{ procedureCode: '1.001193', components: [{ form: 'ORIGINAL', quantity: 1 }] }, 'components.0', 400],
        [{ procedureCode: '1.001193', components: [{ index: 1, form: 'PHOTO', quantity: 1 }] }, 'components.0.form', 400],
        [{ procedureCode: '1.001193', components: [{ index: 1, form: 'ORIGINAL', quantity: 0 }] }, 'components.0.quantity', 400],
        [{ procedureCode: '1.001193', components: [], applicableConditional: [1] }, 'applicableConditional.0', 400],
        [{ procedureCode: '1.001193' }, 'components', 400],
        [{ procedureCode: '9.999999', components: [] }, 'procedureCode', 422],
        [{ procedureCode: '1.001193', components: [], extra: 1 }, 'extra', 400],
      ];
      for (const [body, field, status] of cases) {
        const res = await postCheck(body).expect(status);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await countChecks()).toBe(before);
    });

    it('is for counter and postal clerks; a check is visible to its agency only', async () => {
      await postCheck({ procedureCode: '1.001193', components: [] }, specialist).expect(403);
      await http().post('/api/intake/v1/completeness-checks').send({ procedureCode: '1.001193', components: [] }).expect(401);
      const res = await postCheck({ procedureCode: '1.001193', components: [] }).expect(201);
      await http().get(`/api/intake/v1/completeness-checks/${res.body.id}`).set('Authorization', bearer(clerk)).expect(200);
      await http().get(`/api/intake/v1/completeness-checks/${res.body.id}`).set('Authorization', bearer(otherClerk)).expect(404);
      await http().get(`/api/intake/v1/completeness-checks/${res.body.id}.pdf`).set('Authorization', bearer(otherClerk)).expect(404);
    });
  });

  describe('form 01 and the logbook', () => {
    let code: string;
    let secret: string;

    beforeAll(async () => {
      const res = await http().post('/api/intake/v1/dossiers').set('Authorization', bearer(clerk)).send(dossierBody).expect(201);
      code = res.body.code;
      secret = res.body.lookupSecret;
    });

    it('prints the receipt in Vietnamese with a QR code of the public lookup URL', async () => {
      const res = await getPdf(`/api/intake/v1/dossiers/${code}/receipt.pdf`).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(res.body);
      const form = formOn('RECEIPT', localDate(new Date()));
      expect(text).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
      expect(text).toContain(`Mẫu số ${form.number}`);
      expect(text).toContain('Nguyễn Thị Hòa');
      expect(text).toContain('Đăng ký khai sinh (1.001193)');
      expect(text).toContain(code);
      expect(text).toContain('Tờ khai đăng ký khai sinh — bản chính, số lượng: 1');
      expect(text).toContain('Thời gian hẹn trả kết quả');
      expect(text).toContain(`${LOOKUP}/${code}`);
      expect(text).not.toContain('\uFFFD');
      // the secret is not printed from the staff endpoint unless the caller shows it
      expect(text).not.toContain(secret);
      const qr = pngSize(await qrPng(`${LOOKUP}/${code}`));
      expect(pdfImages(res.body)).toContainEqual(qr);
      // the QR code encodes exactly the dossier's lookup URL
      expect(containsImage(res.body, await qrPixels(`${LOOKUP}/${code}`))).toBe(true);
      expect(containsImage(res.body, await qrPixels(`${LOOKUP}/${code}X`))).toBe(false);
    });

    it('prints the lookup secret only when ?secret= matches', async () => {
      const shown = pdfText((await getPdf(`/api/intake/v1/dossiers/${code}/receipt.pdf?secret=${secret.toLowerCase()}`).expect(200)).body);
      expect(shown).toContain(secret);
      const wrong = pdfText((await getPdf(`/api/intake/v1/dossiers/${code}/receipt.pdf?secret=ZZZZZZZZ`).expect(200)).body);
      expect(wrong).not.toContain('Mã tra cứu');
    });

    it('is for staff of the receiving or competent agency only', async () => {
      await http().get(`/api/intake/v1/dossiers/${code}/receipt.pdf`).expect(401);
      await http().get(`/api/intake/v1/dossiers/${code}/receipt.pdf`).set('Authorization', bearer(otherClerk)).expect(404);
      await http().get(`/api/intake/v1/dossiers/NOPE/receipt.pdf`).set('Authorization', bearer(clerk)).expect(404);
    });

    it('prints the logbook (Sổ theo dõi hồ sơ) with intake and return columns', async () => {
      const today = localDate(new Date());
      const res = await getPdf(`/api/intake/v1/logbook.pdf?from=${today}&to=${today}`, supervisor).expect(200);
      // table cells wrap: compare with whitespace collapsed
      const text = pdfText(res.body).replace(/\s+/g, ' ');
      expect(text).toContain('Sổ theo dõi hồ sơ');
      expect(text).toContain(`Mẫu số ${formOn('LOGBOOK', today).number}`);
      expect(text).toContain('Tiếp nhận hồ sơ');
      expect(text).toContain('Trả kết quả');
      expect(text).toContain('Ngày trả kết quả');
      expect(text).toContain(code);
      expect(text).toContain('Nguyễn Thị Hòa');
      expect(text).toContain('Tổng số hồ sơ: 1');
      expect(text).toContain(`Từ ngày ${today.split('-').reverse().join('/')} đến ngày ${today.split('-').reverse().join('/')}`);
      expect(pdfImages(res.body).length).toBeGreaterThan(0);

      const empty = pdfText((await getPdf(`/api/intake/v1/logbook.pdf?from=2020-01-01&to=2020-01-31`, supervisor).expect(200)).body);
      expect(empty).toContain('Tổng số hồ sơ: 0');
    });

    it('validates the logbook query and scopes it to the caller agency', async () => {
      const bad: Array<[string, string]> = [
        ['from=2026-02-30&to=2026-03-01', 'from'],
        ['from=2026-03-01', 'to'],
        ['from=2026-03-02&to=2026-03-01', 'to'],
        ['from=2024-01-01&to=2026-01-01', 'to'],
        ['from=01/03/2026&to=2026-03-01', 'from'],
        ['from=2026-03-01&to=2026-03-01&agency=H56', 'agency'],
      ];
      for (const [q, field] of bad) {
        const res = await http().get(`/api/intake/v1/logbook.pdf?${q}`).set('Authorization', bearer(supervisor)).expect(400);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      await http()
        .get('/api/intake/v1/logbook.pdf?from=2026-03-01&to=2026-03-01&agency=000.21.02.H56')
        .set('Authorization', bearer(supervisor))
        .expect(403);
      await http().get('/api/intake/v1/logbook.pdf?from=2026-03-01&to=2026-03-01').set('Authorization', bearer(specialist)).expect(403);
    });
  });
});
