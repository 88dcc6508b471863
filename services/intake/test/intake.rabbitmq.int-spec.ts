import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthUser, issueToken } from '@motcua/auth';
import {
  CATALOG_PROCEDURE_VERSION_PUBLISHED,
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DOSSIER_DOCUMENT_DIGITIZED,
  DOSSIER_SUPPLEMENT_RECEIVED,
  EventEnvelope,
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_PICKUP_RECEIVED,
  PROCESSING_STEP_STARTED,
  PROCESSING_STOPPED,
  PROCESSING_SUPPLEMENT_REQUESTED,
  ProcedureVersionPublishedV1,
} from '@motcua/contracts';
import { createServiceApp } from '@motcua/platform';
import {
  createTestDatabase,
  expectEventually,
  makeEnvelope,
  TestDatabase,
  THIRD_PARTY_RABBITMQ_URL,
  ThirdPartyBroker,
} from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { DEMO_PROCEDURES } from '../src/catalog/demo-catalog';
import { MINIMAL_PDF } from './intake-test-kit';

jest.setTimeout(20_000);

const SECRET = 'intake-test-secret-0123456789';
const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

const HAC_THANH = '000.21.01.H56';

/**
 * Intake over a real RabbitMQ broker, seen by a third party with a raw amqplib client: what intake
 * publishes (`catalog.procedure-version-published`, `dossier.received`, `dossier.document-digitized`,
 * `dossier.supplement-received`, `dossier.result-returned`) arrives on the topic exchange; what routing and postal-delivery publish
 * (`processing.*`, `dossier.resolved`, `postal.*`) reaches intake's queue and moves the dossier; a
 * redelivered message changes nothing.
 */
describe('intake over RabbitMQ (real broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let broker: ThirdPartyBroker;
  /** What intake put on the broker: catalog versions, and dossier events. */
  const catalogEvents = () =>
    broker.seen.filter((e) => e.type === CATALOG_PROCEDURE_VERSION_PUBLISHED) as unknown as EventEnvelope<ProcedureVersionPublishedV1>[];
  const dossierEvents = () => broker.seen.filter((e) => e.type !== CATALOG_PROCEDURE_VERSION_PUBLISHED);

  beforeAll(async () => {
    db = await createTestDatabase('intake_rmq');
    broker = await ThirdPartyBroker.connect('intake', [CATALOG_PROCEDURE_VERSION_PUBLISHED, 'dossier.#']);
    const config = intakeConfigFromEnv(
      { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      {
        databaseUrl: db.url,
        authJwtSecret: SECRET,
        rabbitmqUrl: THIRD_PARTY_RABBITMQ_URL,
        busPrefix: broker.prefix,
        seedDemoData: true,
        lookupSecretKey: 'lookup-test-key-0123456789',
      },
    );
    app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());

  it('publishes the seed catalog once and each new version on the broker', async () => {
    await expectEventually(() => expect(catalogEvents()).toHaveLength(DEMO_PROCEDURES.length), 10_000);
    const birth = catalogEvents().find((e) => e.data.procedureCode === '1.001193')!;
    expect(birth).toMatchObject({ type: CATALOG_PROCEDURE_VERSION_PUBLISHED, version: 1, source: 'intake' });
    expect(birth.data).toMatchObject({ version: 1, competentAgency: '000.21.01.H56', onlineLevel: 'FULL' });
    const res = await http()
      .post('/api/intake/v1/procedures/1.001193/versions')
      .set('Authorization', bearer(admin))
      .send({
        nationalCode: '1.001193',
        name: 'Đăng ký khai sinh',
        fieldCode: 'HOTICH',
        fieldName: 'Hộ tịch',
        level: 'COMMUNE',
        competentAgencyCode: '000.21.01.H56',
        components: [
          { name: 'Tờ khai đăng ký khai sinh', form: 'ORIGINAL', quantity: 1, required: true },
          { name: 'Giấy chứng sinh', form: 'ORIGINAL', quantity: 1, required: true },
        ],
        processingTime: { value: 1, unit: 'WORKING_DAYS' },
        fees: [],
        onlineLevel: 'FULL',
        postMayCarryDossier: true,
        postMayCarryResult: true,
        effectiveFrom: '2027-01-01',
      })
      .expect(201);
    expect(res.body.version).toBe(2);
    const v2 = await expectEventually(() => {
      const e = catalogEvents().find((x) => x.data.procedureCode === '1.001193' && x.data.version === 2);
      if (!e) throw new Error('not yet on the broker');
      return e;
    }, 10_000);
    expect(v2.data).toMatchObject({
      effectiveFrom: '2027-01-01',
      components: [expect.objectContaining({ code: 'TP01' }), expect.objectContaining({ code: 'TP02' })],
    });
    expect(v2.correlationId).toBe('procedure-1.001193-v2');
  });

  /** As routing or postal-delivery would: a raw amqplib publish of an envelope on the exchange. */
  const publish = (envelope: EventEnvelope<unknown>) => broker.publish(envelope as EventEnvelope);
  const view = async (code: string) =>
    (await http().get(`/api/intake/v1/dossiers/${code}`).set('Authorization', bearer(clerk)).expect(200)).body;
  const waitStatus = (code: string, status: number) =>
    expectEventually(async () => expect((await view(code)).nationalStatus).toBe(status), 10_000);
  const seen = (type: string, code: string) =>
    expectEventually(() => {
      const e = dossierEvents().find((x) => x.type === type && x.data.dossierCode === code);
      if (!e) throw new Error(`${type} of ${code} not yet on the broker`);
      return e;
    }, 10_000);
  const receive = (over: Record<string, unknown> = {}) =>
    http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send({
        procedureCode: '1.001193',
        channel: 'COUNTER',
        applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: '038190001234', phone: '0912345678' },
        resultDelivery: 'COUNTER',
        ...over,
      })
      .expect(201);
  const now = () => new Date().toISOString();

  it('a dossier through its life: dossier.received out; processing.*, dossier.resolved, postal.delivery.delivered in; redelivery harmless', async () => {
    const created = await receive({
      resultDelivery: 'POST',
      deliveryAddress: {
        recipientName: 'Nguyễn Thị Hòa',
        phone: '0912345678',
        line: 'Số 12 Lê Lợi',
        communeCode: '14755',
        provinceCode: '38',
      },
    });
    const code = created.body.code as string;
    const out = await seen(DOSSIER_RECEIVED, code);
    expect(out).toMatchObject({ source: 'intake', version: 1, correlationId: code });
    expect(out.data).toMatchObject({
      procedureCode: '1.001193',
      channel: 'COUNTER',
      resultDelivery: 'POST',
      competentAgencyCode: HAC_THANH,
    });
    // a component scanned after reception: dossier.document-digitized with the running totals, on the broker
    await http()
      .post(`/api/intake/v1/dossiers/${code}/documents`)
      .set('Authorization', bearer(clerk))
      .field('componentIndex', '1')
      .attach('file', MINIMAL_PDF, { filename: 'to-khai.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect((await seen(DOSSIER_DOCUMENT_DIGITIZED, code)).data).toMatchObject({
      kind: 'COMPONENT',
      componentIndex: 1,
      reused: false,
      componentsDigitized: 1,
    });

    const started = makeEnvelope(
      PROCESSING_STEP_STARTED,
      {
        dossierCode: code,
        stepId: 's1',
        stepName: 'Giải quyết hồ sơ',
        agencyCode: HAC_THANH,
        startedAt: now(),
        dueAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
      },
      { source: 'routing', correlationId: code },
    );
    await publish(started);
    await waitStatus(code, 4);

    const deadlineAt = new Date(Date.now() + 3 * 86_400_000);
    const supplement = makeEnvelope(
      PROCESSING_SUPPLEMENT_REQUESTED,
      {
        dossierCode: code,
        stepId: 's1',
        agencyCode: HAC_THANH,
        requestedBy: 'Trần Đức',
        requestedAt: now(),
        reason: 'Thiếu giấy tờ',
        items: ['Giấy chứng sinh'],
        supplementNumber: 1,
        deadlineAt: deadlineAt.toISOString(),
      },
      { source: 'routing', correlationId: code },
    );
    await publish(supplement);
    await publish(supplement); // redelivered: one request, one timeline entry
    await waitStatus(code, 5);
    expect(new Date((await view(code)).supplementDeadlineAt).getTime()).toBe(Math.floor(deadlineAt.getTime() / 1000) * 1000);
    await http()
      .post(`/api/intake/v1/dossiers/${code}/supplements`)
      .set('Authorization', bearer(clerk))
      .send({ note: 'Đã bổ sung' })
      .expect(201);
    expect((await seen(DOSSIER_SUPPLEMENT_RECEIVED, code)).data).toMatchObject({ note: 'Đã bổ sung' });
    await publish(started); // a late redelivery of the step start changes nothing
    await publish(
      makeEnvelope(
        DOSSIER_RESOLVED,
        {
          dossierCode: code,
          resolvingAgencyCode: HAC_THANH,
          resolvedAt: now(),
          appointmentAt: now(),
          timeliness: 'ON_TIME',
          resultSummary: 'Cấp giấy khai sinh',
        },
        { source: 'routing', correlationId: code },
      ),
    );
    await waitStatus(code, 9);
    const delivered = makeEnvelope(
      POSTAL_DELIVERY_DELIVERED,
      { dossierCode: code, orderId: 'o-1', trackingNumber: 'EB000000001VN', deliveredAt: now(), recipientName: 'Nguyễn Thị Hòa' },
      { source: 'postal-delivery', correlationId: code },
    );
    await publish(delivered);
    await publish(delivered);
    await waitStatus(code, 10);
    expect((await seen(DOSSIER_RESULT_RETURNED, code)).data).toMatchObject({ method: 'POST' });
    const timeline = (await view(code)).timeline as Array<{ nationalStatus: number }>;
    expect(timeline.map((t) => t.nationalStatus)).toEqual([2, 4, 5, 4, 9, 10]);
    expect(dossierEvents().filter((e) => e.type === DOSSIER_RESULT_RETURNED && e.data.dossierCode === code)).toHaveLength(1);
  });

  it('processing.stopped (SUPPLEMENT_EXPIRED) stops the dossier once; postal.pickup.received receives on channel 3 once', async () => {
    const code = (await receive()).body.code as string;
    const stopped = makeEnvelope(
      PROCESSING_STOPPED,
      {
        dossierCode: code,
        stepId: 's1',
        agencyCode: HAC_THANH,
        stoppedBy: 'system',
        stoppedAt: now(),
        reason: 'Hết hạn bổ sung',
        reasonCode: 'SUPPLEMENT_EXPIRED',
      },
      { source: 'routing', correlationId: code },
    );
    await publish(stopped);
    await publish(stopped);
    await waitStatus(code, 8);
    const timeline = (await view(code)).timeline as Array<{ nationalStatus: number; description: string }>;
    expect(timeline.filter((t) => t.nationalStatus === 8)).toEqual([
      expect.objectContaining({ description: expect.stringContaining('quá hạn bổ sung') }),
    ]);

    const pickup = makeEnvelope(
      POSTAL_PICKUP_RECEIVED,
      {
        pickupId: 'pk-rmq-1',
        reference: `PK-${broker.prefix}`,
        trackingNumber: 'EB123456789VN',
        centreCode: '000.00.06.H56',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicant: { fullName: 'Trần Văn Bưu', phone: '0987654321' },
        pickupAddress: { recipientName: 'Trần Văn Bưu', phone: '0987654321', line: 'Thôn 3', communeCode: '14755', provinceCode: '38' },
        postalReceiptAt: now(),
        arrivedAt: now(),
      },
      { source: 'postal-delivery' },
    );
    await publish(pickup);
    await publish(pickup);
    const postal = await expectEventually(() => {
      const e = dossierEvents().filter((x) => x.type === DOSSIER_RECEIVED && x.data.channel === 'POSTAL');
      expect(e).toHaveLength(1);
      return e[0];
    }, 10_000);
    expect(postal.data).toMatchObject({ procedureCode: '1.001193', applicant: expect.objectContaining({ fullName: 'Trần Văn Bưu' }) });
  });
});
