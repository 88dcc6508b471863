import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { createTestDatabase, expectEventually, pdfImages, pdfText, pngSize, TestDatabase, binaryBody } from '@motcua/testing';
import { code128Png } from '../src/documents/pdf';
import { bearer, CENTRE, dossier, RecordedSimulator, RunningPostal, startPostal, startRecordedSimulator } from './support';

const OTHER_CENTRE = '000.00.07.H56';
const postalClerk: AuthUser = { sub: 'p1', name: 'Trần Văn Bưu', roles: ['POSTAL_CLERK'], agencyCode: CENTRE };
const otherClerk: AuthUser = { sub: 'p2', name: 'Phạm Thị Lan', roles: ['POSTAL_CLERK'], agencyCode: OTHER_CENTRE };
const specialist: AuthUser = { sub: 's1', name: 'Đỗ Minh', roles: ['SPECIALIST'], agencyCode: CENTRE };
const admin: AuthUser = { sub: 'a1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };

describe('postal-delivery paper: labels and daily hand-over manifests', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  const orders: Array<{ code: string; id: string; trackingNumber: string }> = [];
  const today = localDate(new Date());
  const yesterday = localDate(new Date(Date.now() - 86_400_000));

  const http = () => request(postal.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('postal_docs');
    vnpost = await startRecordedSimulator({ autoAdvance: false, seed: 3 });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    for (const centre of [CENTRE, CENTRE, CENTRE, OTHER_CENTRE]) {
      const d = dossier('POST', centre);
      await postal.bus.publish([d.receivedEvent]);
      await postal.bus.publish([d.resolvedEvent]);
      const user = centre === CENTRE ? postalClerk : otherClerk;
      const order = await expectEventually(async () => {
        const res = await http().get(`/api/postal/v1/dossiers/${d.code}/orders`).set('Authorization', bearer(user)).expect(200);
        if (res.body.length !== 1) throw new Error('no order yet');
        return res.body[0] as { id: string; trackingNumber: string };
      });
      orders.push({ code: d.code, id: order.id, trackingNumber: order.trackingNumber });
    }
    // the third order was handed over yesterday
    await probe.query(`UPDATE delivery_order SET created_at = created_at - interval '1 day' WHERE id = $1`, [orders[2].id]);
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  it('prints a label: Code 128 barcode of the tracking number, sender and receiver in Vietnamese', async () => {
    const res = await http()
      .get(`/api/postal/v1/orders/${orders[0].id}/label.pdf`)
      .set('Authorization', bearer(postalClerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      orders[0].trackingNumber,
      'Người gửi:',
      'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
      '28 Đại lộ Lê Lợi, phường Hạc Thành',
      'Người nhận:',
      'Nguyễn Thị Hòa',
      'ĐT: 0912345678',
      'Số 12 đường Lê Lợi, thôn Đông Hưng',
      `Mã hồ sơ: ${orders[0].code}`,
      'Thủ tục: Đăng ký khai sinh',
    ]) {
      expect(text).toContain(expected);
    }
    // the barcode image is the Code 128 rendering of this tracking number (its size depends on the content)
    const barcode = pngSize(await code128Png(orders[0].trackingNumber));
    expect(pdfImages(pdf)).toContainEqual(barcode);
  });

  it('lists the centre’s orders of one local day as JSON', async () => {
    const res = await http()
      .get(`/api/postal/v1/manifests?centre=${CENTRE}&date=${today}`)
      .set('Authorization', bearer(postalClerk))
      .expect(200);
    expect(res.body).toMatchObject({ centre: CENTRE, date: today, carrier: 'VNPOST', count: 2 });
    expect(res.body.orders.map((o: { trackingNumber: string }) => o.trackingNumber)).toEqual([
      orders[0].trackingNumber,
      orders[1].trackingNumber,
    ]);
    expect(res.body.orders[0]).toMatchObject({
      no: 1,
      dossierCode: orders[0].code,
      recipientName: 'Nguyễn Thị Hòa',
      recipientPhone: '0912345678',
      kind: 'RESULT_DELIVERY',
      createdAt: expect.stringMatching(new RegExp(`^${today}T.*\\+07:00$`)),
    });
    const before = await http()
      .get(`/api/postal/v1/manifests?centre=${CENTRE}&date=${yesterday}`)
      .set('Authorization', bearer(postalClerk))
      .expect(200);
    expect(before.body.orders.map((o: { trackingNumber: string }) => o.trackingNumber)).toEqual([orders[2].trackingNumber]);
  });

  it('prints the manifest with both signature blocks', async () => {
    const res = await http()
      .get(`/api/postal/v1/manifests.pdf?centre=${CENTRE}&date=${today}`)
      .set('Authorization', bearer(postalClerk))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    const text = pdfText(res.body as Buffer);
    for (const expected of [
      'BẢNG KÊ GIAO NHẬN BƯU GỬI',
      `Ngày ${today.split('-').reverse().join('/')}`,
      orders[0].trackingNumber,
      orders[1].trackingNumber,
      'Tổng số: 2 bưu gửi',
      'BÊN GIAO',
      'BÊN NHẬN',
      '(Ký, ghi rõ họ tên)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(orders[2].trackingNumber); // yesterday's
    expect(text).not.toContain(orders[3].trackingNumber); // another centre's
  });

  it('scopes labels and manifests by role and centre', async () => {
    const label = `/api/postal/v1/orders/${orders[0].id}/label.pdf`;
    const manifest = `/api/postal/v1/manifests?centre=${CENTRE}&date=${today}`;
    await http().get(label).expect(401);
    await http().get(manifest).expect(401);
    expect((await http().get(label).set('Authorization', bearer(specialist)).expect(403)).body.error.code).toBeDefined();
    await http().get(manifest).set('Authorization', bearer(specialist)).expect(403);
    // another centre's clerk: the order does not exist for them, the manifest is forbidden
    expect((await http().get(label).set('Authorization', bearer(otherClerk)).expect(404)).body.error.code).toBe('POSTAL.ORDER_NOT_FOUND');
    expect((await http().get(manifest).set('Authorization', bearer(otherClerk)).expect(403)).body.error.code).toBe(
      'POSTAL.CENTRE_FORBIDDEN',
    );
    await http().get(`/api/postal/v1/manifests.pdf?centre=${CENTRE}&date=${today}`).set('Authorization', bearer(otherClerk)).expect(403);
    const own = await http()
      .get(`/api/postal/v1/manifests?centre=${OTHER_CENTRE}&date=${today}`)
      .set('Authorization', bearer(otherClerk))
      .expect(200);
    expect(own.body.orders.map((o: { trackingNumber: string }) => o.trackingNumber)).toEqual([orders[3].trackingNumber]);
    // ADMIN sees every centre
    await http().get(label).set('Authorization', bearer(admin)).expect(200);
    await http().get(manifest).set('Authorization', bearer(admin)).expect(200);
    // and the tracking view shows another centre's orders to no one but them
    const foreign = await http()
      .get(`/api/postal/v1/dossiers/${orders[0].code}/orders`)
      .set('Authorization', bearer(otherClerk))
      .expect(200);
    expect(foreign.body).toEqual([]);
  });

  it('refuses bad input naming the field and rule', async () => {
    const bad = await http()
      .get('/api/postal/v1/manifests?centre=H56&date=25-11-2026')
      .set('Authorization', bearer(postalClerk))
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['centre', 'date']);
    const impossible = await http()
      .get(`/api/postal/v1/manifests?centre=${CENTRE}&date=2026-02-30`)
      .set('Authorization', bearer(postalClerk))
      .expect(400);
    expect(impossible.body.error.details).toEqual([expect.objectContaining({ field: 'date', rule: 'isDate' })]);
    const badId = await http().get('/api/postal/v1/orders/not-a-uuid/label.pdf').set('Authorization', bearer(postalClerk)).expect(400);
    expect(badId.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    await http()
      .get('/api/postal/v1/orders/00000000-0000-4000-8000-000000000000/label.pdf')
      .set('Authorization', bearer(postalClerk))
      .expect(404);
  });
});
