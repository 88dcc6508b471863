import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthUser, issueToken } from '@motcua/auth';
import { DOSSIER_RESOLVED, POSTAL_DELIVERY_CANCELLED, PostalDeliveryCancelledV1 } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, expectEventually, makeEnvelope, TestDatabase } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';

const SECRET = 'intake-cancel-hold-secret-0123456789';
const CENTER = '000.00.06.H56';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;
const HELD = 'Kết quả không chuyển phát qua bưu điện, giữ tại bộ phận một cửa';

describe('intake holds the result at the counter when the post will not carry it (postal.delivery.cancelled)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await createTestDatabase('intake_cancel_hold');
    bus = new InProcessBus({ delayScale: 0.01 });
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: 'silent' },
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
  const staffView = async (code: string) =>
    (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body;
  const held = async (code: string) =>
    (await staffView(code)).timeline.filter((t: { description: string }) => t.description.startsWith(HELD)) as Array<{
      description: string;
      nationalStatus: number;
    }>;

  async function resolvedDossier(): Promise<string> {
    const res = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send({
        procedureCode: '1.001193',
        channel: 'COUNTER',
        applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234' },
        resultDelivery: 'COUNTER',
      })
      .expect(201);
    const code = res.body.code as string;
    await bus.publish([
      makeEnvelope(DOSSIER_RESOLVED, {
        dossierCode: code,
        resolvingAgencyCode: '000.21.01.H56',
        resolvedAt: new Date().toISOString(),
        appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
        timeliness: 'ON_TIME',
        resultSummary: 'Cấp giấy khai sinh',
      }),
    ]);
    await expectEventually(async () => expect((await staffView(code)).nationalStatus).toBe(9));
    return code;
  }

  it('a cancelled result delivery: the result waits at the counter (stays 9), recorded once with the reason', async () => {
    const code = await resolvedDossier();
    const data: PostalDeliveryCancelledV1 = {
      dossierCode: code,
      cause: 'CANCELLED',
      orderId: 'f1b7c0de-0000-4000-8000-000000000001',
      trackingNumber: 'EM000000017VN',
      centreCode: CENTER,
      reason: 'Đã hủy chuyển phát kết quả: Người dân đến nhận tại quầy',
      cancelledAt: new Date().toISOString(),
    };
    const cancelled = makeEnvelope(POSTAL_DELIVERY_CANCELLED, data);
    await bus.publish([cancelled, { ...cancelled, id: `${cancelled.id.slice(0, -4)}9999` }]);
    await expectEventually(async () => expect(await held(code)).toHaveLength(1));
    const [entry] = await held(code);
    expect(entry).toMatchObject({ description: `${HELD} — ${data.reason}`, nationalStatus: 9 });
    expect((await staffView(code)).nationalStatus).toBe(9);
  });

  it('a result the procedure forbids the post to carry (no order): held at the counter too', async () => {
    const code = await resolvedDossier();
    await bus.publish([
      makeEnvelope(POSTAL_DELIVERY_CANCELLED, {
        dossierCode: code,
        cause: 'POST_MAY_NOT_CARRY_RESULT',
        centreCode: CENTER,
        reason: 'Thủ tục 1.001193 (phiên bản 1) không cho phép trả kết quả qua dịch vụ bưu chính',
        cancelledAt: new Date().toISOString(),
      }),
    ]);
    await expectEventually(async () => expect(await held(code)).toHaveLength(1));
    expect((await held(code))[0].description).toContain('không cho phép trả kết quả qua dịch vụ bưu chính');
  });
});
