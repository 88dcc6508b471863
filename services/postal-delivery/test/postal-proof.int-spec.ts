import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { createTestDatabase, expectEventually, TestDatabase, binaryBody } from '@motcua/testing';
import { bearer, CENTRE, dossier, RecordedSimulator, RunningPostal, startPostal, startRecordedSimulator, CENTRE_POSTMAN } from './support';

const OTHER_CENTRE = '000.00.07.H56';
const postman = CENTRE_POSTMAN;
const otherPostman: AuthUser = { sub: 'pm2', name: 'Vũ Văn Nam', roles: ['POSTMAN'], agencyCode: OTHER_CENTRE };
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const counterClerk: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTRE };
const supervisor: AuthUser = { sub: 'v1', name: 'Lê Giám Sát', roles: ['SUPERVISOR'], agencyCode: CENTRE };
const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 9)]);
const MAX_BYTES = 2048;

function proofBody(overrides: Record<string, unknown> = {}) {
  return {
    recipientName: 'Nguyễn Thị Hòa',
    idNumber: '038190012345',
    kind: 'SIGNATURE',
    image: { contentType: 'image/png', dataBase64: PNG.toString('base64') },
    deliveredAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('proof of delivery: recipient, ID number, signature or photo, recorded by the centre’s postman', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  let code: string;
  let orderId: string;
  const http = () => request(postal.app.getHttpServer());
  const proofs = async () => Number((await probe.query(`SELECT count(*) AS n FROM delivery_proof`))[0].n);
  const orderView = async (user: AuthUser) =>
    (await http().get(`/api/postal/v1/dossiers/${code}/orders`).set('Authorization', bearer(user)).expect(200)).body[0];

  beforeAll(async () => {
    db = await createTestDatabase('postal_proof');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 11 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false, proofMaxBytes: MAX_BYTES });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    const d = dossier('POST');
    code = d.code;
    await postal.bus.publish([d.receivedEvent]);
    await postal.bus.publish([d.resolvedEvent]);
    orderId = await expectEventually(async () => {
      const res = await http().get(`/api/postal/v1/dossiers/${code}/orders`).set('Authorization', bearer(postalClerk)).expect(200);
      if (res.body.length !== 1) throw new Error('no order yet');
      return res.body[0].id as string;
    });
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  const post = (user: AuthUser, body: Record<string, unknown>, id = orderId) =>
    http().post(`/api/postal/v1/orders/${id}/proof`).set('Authorization', bearer(user)).send(body);

  it('only the postman of the order’s centre may record it', async () => {
    for (const user of [postalClerk, counterClerk, supervisor]) await post(user, proofBody()).expect(403);
    const other = await post(otherPostman, proofBody()).expect(404);
    expect(other.body.error.code).toBe('POSTAL.ORDER_NOT_FOUND');
    await http().post(`/api/postal/v1/orders/${orderId}/proof`).send(proofBody()).expect(401);
    expect(await proofs()).toBe(0);
  });

  it('rejects a forged image, an oversized one, a bad ID number, a future time and a bad id; nothing is stored', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [proofBody({ image: { contentType: 'image/png', dataBase64: JPEG.toString('base64') } }), 'image.dataBase64', 'magicBytes'],
      [
        proofBody({ image: { contentType: 'image/jpeg', dataBase64: Buffer.from('GIF89a-not-a-jpeg').toString('base64') } }),
        'image.dataBase64',
        'magicBytes',
      ],
      [
        proofBody({ image: { contentType: 'image/png', dataBase64: Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]).toString('base64') } }),
        'image.dataBase64',
        'maxBytes',
      ],
      [proofBody({ idNumber: '12345' }), 'idNumber', 'matches'],
      [proofBody({ deliveredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'deliveredAt', 'notFuture'],
      [proofBody({ deliveredAt: '2020-01-01T00:00:00Z' }), 'deliveredAt', 'notBeforeOrder'],
      [proofBody({ kind: 'VIDEO' }), 'kind', 'isIn'],
      [proofBody({ image: { contentType: 'image/gif', dataBase64: PNG.toString('base64') } }), 'image.contentType', 'isIn'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await post(postman, body).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    const badId = await post(postman, proofBody(), 'not-a-uuid').expect(400);
    expect(badId.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    expect(await proofs()).toBe(0);
  });

  it('records the proof once, shows it in the order view with the ID number masked for other roles', async () => {
    const deliveredAt = new Date(); // after the order was opened (an earlier time is refused)
    const res = await post(
      postman,
      proofBody({
        kind: 'PHOTO',
        image: { contentType: 'image/jpeg', dataBase64: JPEG.toString('base64') },
        deliveredAt: deliveredAt.toISOString(),
      }),
    ).expect(201);
    expect(res.body).toMatchObject({
      recipientName: 'Nguyễn Thị Hòa',
      idNumber: '*********345',
      kind: 'PHOTO',
      contentType: 'image/jpeg',
      recordedBy: 'pm1',
      imageUrl: `/api/postal/v1/orders/${orderId}/proof/image`,
    });
    expect(new Date(res.body.deliveredAt).getTime()).toBe(Math.floor(deliveredAt.getTime() / 1000) * 1000); // local ISO, to the second

    const again = await post(postman, proofBody()).expect(409);
    expect(again.body.error.code).toBe('POSTAL.PROOF_EXISTS');
    expect(await proofs()).toBe(1);

    for (const user of [postalClerk, supervisor, admin]) expect((await orderView(user)).proof.idNumber).toBe('038190012345');
    for (const user of [postman, counterClerk]) {
      const view = await orderView(user);
      expect(view.proof).toMatchObject({ recipientName: 'Nguyễn Thị Hòa', idNumber: '*********345', kind: 'PHOTO' });
      expect(JSON.stringify(view)).not.toContain('038190012345');
    }
  });

  it('serves the photo to staff of the centre only', async () => {
    const res = await http()
      .get(`/api/postal/v1/orders/${orderId}/proof/image`)
      .set('Authorization', bearer(counterClerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(res.body as Buffer, JPEG)).toBe(0);
    await http().get(`/api/postal/v1/orders/${orderId}/proof/image`).set('Authorization', bearer(otherPostman)).expect(404);
    await http()
      .get(`/api/postal/v1/orders/${orderId}/proof/image`)
      .set('Authorization', bearer({ ...counterClerk, roles: ['SPECIALIST'] }))
      .expect(403);
  });

  it('has no proof for a pickup order', async () => {
    const from = new Date(Date.now() + 3_600_000);
    const pickup = await http()
      .post('/api/postal/v1/pickups')
      .set('Authorization', bearer(postalClerk))
      .send({
        channel: 'COUNTER',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
        address: { line: 'Số 5 ngõ 3 đường Bà Triệu', communeCode: '14755', provinceCode: '38' },
        windowFrom: from.toISOString(),
        windowTo: new Date(from.getTime() + 3_600_000).toISOString(),
      })
      .expect(201);
    const res = await post(postman, proofBody(), pickup.body.id).expect(409);
    expect(res.body.error.code).toBe('POSTAL.PROOF_NOT_APPLICABLE');
  });
});
