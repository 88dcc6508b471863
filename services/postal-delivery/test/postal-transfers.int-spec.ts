import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { DOSSIER_RECEIVED, PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from '@motcua/contracts';
import { createTestDatabase, expectEventually, makeEnvelope, pdfText, TestDatabase } from '@motcua/testing';
import {
  bearer,
  CENTRE,
  connectWebhooks,
  dossier,
  RecordedSimulator,
  RunningPostal,
  startPostal,
  startRecordedSimulator,
  strictlyIncreasingClock,
} from './support';

const COMMUNE = '000.21.01.H56';
const POLICE = '000.00.20.H56';
const INSURANCE = '000.00.30.H56';
const centreClerk: AuthUser = { sub: 'c1', name: 'Lê Thị Một Cửa', roles: ['COUNTER_CLERK'], agencyCode: CENTRE };
const policeSpecialist: AuthUser = { sub: 'p1', name: 'Trần Công An', roles: ['SPECIALIST'], agencyCode: POLICE };
const communeSpecialist: AuthUser = { sub: 's1', name: 'Đỗ Tư Pháp', roles: ['SPECIALIST'], agencyCode: COMMUNE };
const insuranceSpecialist: AuthUser = { sub: 'b1', name: 'Vũ Bảo Hiểm', roles: ['SPECIALIST'], agencyCode: INSURANCE };
const postman: AuthUser = { sub: 'pm', name: 'Bưu Tá', roles: ['POSTMAN'], agencyCode: CENTRE };

interface TransferView {
  id: string;
  dossierCode: string;
  purpose: 'STEP' | 'RETURN';
  stepId: string | null;
  fromAgencyCode: string;
  toAgencyCode: string;
  trackingNumber: string;
  state: string;
  handedOverAt: string | null;
  deliveredAt: string | null;
}

let stepSeq = 0;
const stepStarted = (code: string, agencyCode: string, startedAt: Date, stepName = 'Bước xử lý') => {
  stepSeq += 1;
  const data: ProcessingStepStartedV1 = {
    dossierCode: code,
    stepId: `task-${stepSeq}`,
    stepName,
    agencyCode,
    startedAt: startedAt.toISOString(),
    dueAt: new Date(startedAt.getTime() + 86_400_000).toISOString(),
  };
  return makeEnvelope(PROCESSING_STEP_STARTED, data, { source: 'routing' });
};

describe('postal-delivery transfers: paper dossiers between the centre and processing agencies', () => {
  let db: TestDatabase;
  let vnpost: RecordedSimulator;
  let postal: RunningPostal;
  let probe: DataSource;
  /** dossier.received handled: the paper is recorded at the centre (step-started before it is retried, briefly here). */
  const paperRecorded = (code: string) =>
    expectEventually(async () => expect(await probe.query('SELECT 1 FROM paper_dossier WHERE dossier_code = $1', [code])).toHaveLength(1));
  const http = () => request(postal.app.getHttpServer());
  const transfersOf = async (code: string): Promise<TransferView[]> =>
    (await http().get(`/api/postal/v1/transfers?dossierCode=${code}`).set('Authorization', bearer(centreClerk)).expect(200))
      .body as TransferView[];
  const published = (type: string, transferId: string) =>
    postal.published.filter((e) => e.type === type && e.data.transferId === transferId);

  beforeAll(async () => {
    db = await createTestDatabase('postal_transfers');
    vnpost = await startRecordedSimulator({ autoAdvance: true, stepDelayMs: 10, seed: 11, now: strictlyIncreasingClock() });
    postal = await startPostal(db.url, vnpost.url, { vnpostPollEnabled: false });
    probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    connectWebhooks(vnpost.sim, postal);
  });

  afterAll(async () => {
    await probe?.destroy();
    await postal?.close();
    await vnpost?.close();
    await db?.drop();
  });

  it('follows the paper of a linked flow (LT.KS-TT-BHYT): commune, parallel police ∥ insurance, each copy back to the centre at the join', async () => {
    const d = dossier('COUNTER');
    await postal.bus.publish([d.receivedEvent]);
    await paperRecorded(d.code);
    const t0 = Date.now();
    const first = stepStarted(d.code, COMMUNE, new Date(t0), 'Đăng ký khai sinh');
    // redelivered (same envelope) and republished (new envelope, same step): still one transfer
    await postal.bus.publish([first, first, { ...first, id: `${first.id.slice(0, -4)}ffff` }]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(1));
    // the approval at the same commune: the paper is already there
    await postal.bus.publish([stepStarted(d.code, COMMUNE, new Date(t0 + 1000), 'Phê duyệt')]);
    // parallel branches opened by one completion (same start time), each published twice
    const branchAt = new Date(t0 + 2000);
    const police = stepStarted(d.code, POLICE, branchAt, 'Đăng ký thường trú');
    const insurance = stepStarted(d.code, INSURANCE, branchAt, 'Cấp thẻ bảo hiểm y tế');
    await postal.bus.publish([police]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(2));
    await postal.bus.publish([insurance, { ...police, id: `${police.id.slice(0, -4)}eeee` }]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(3));
    // the join at the centre: each branch's copy comes back (one transfer per agency holding paper), once
    const join = stepStarted(d.code, CENTRE, new Date(t0 + 3000), 'Tổng hợp kết quả');
    await postal.bus.publish([join, join]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(5));
    await postal.bus.publish([d.resolvedEvent]); // the paper is back at the centre already: no return transfer

    const all = await expectEventually(async () => {
      const list = await transfersOf(d.code);
      expect(list).toHaveLength(5);
      for (const t of list) expect(t).toMatchObject({ state: 'DELIVERED', deliveredAt: expect.any(String) });
      return list;
    }, 15_000);
    const legs = all.map((t) => `${t.purpose} ${t.fromAgencyCode} → ${t.toAgencyCode}`).sort();
    expect(legs).toEqual(
      [
        `STEP ${CENTRE} → ${COMMUNE}`,
        `STEP ${COMMUNE} → ${POLICE}`,
        `STEP ${COMMUNE} → ${INSURANCE}`,
        `STEP ${POLICE} → ${CENTRE}`,
        `STEP ${INSURANCE} → ${CENTRE}`,
      ].sort(),
    );
    expect(all.filter((t) => t.toAgencyCode === CENTRE).every((t) => t.stepId === join.data.stepId)).toBe(true);
    expect(new Set(all.map((t) => t.trackingNumber)).size).toBe(5);
    const toCommune = all.find((t) => t.toAgencyCode === COMMUNE)!;
    expect(toCommune.stepId).toBe(first.data.stepId);

    // each transfer: handed over once (postal receipt), then delivered once; nothing said about result deliveries
    await expectEventually(() => {
      for (const t of all) {
        expect(published('postal.transfer.handed-over', t.id)).toHaveLength(1);
        expect(published('postal.transfer.delivered', t.id)).toHaveLength(1);
      }
    });
    for (const t of all) {
      const [handed] = published('postal.transfer.handed-over', t.id);
      const [delivered] = published('postal.transfer.delivered', t.id);
      expect(handed.data).toMatchObject({
        dossierCode: d.code,
        purpose: 'STEP',
        fromAgencyCode: t.fromAgencyCode,
        toAgencyCode: t.toAgencyCode,
        trackingNumber: t.trackingNumber,
      });
      expect(Date.parse(String(handed.data.at))).toBeLessThan(Date.parse(String(delivered.data.at)));
      expect(Math.floor(Date.parse(String(delivered.data.at)) / 1000) * 1000).toBe(Date.parse(t.deliveredAt!));
    }
    expect(postal.published.filter((e) => e.type.startsWith('postal.delivery.') && e.data.dossierCode === d.code)).toEqual([]);

    // the timeline: carrier statuses from created to delivered; the postal receipt (6) is the hand-over time
    const detail = await http().get(`/api/postal/v1/transfers/${toCommune.id}`).set('Authorization', bearer(communeSpecialist)).expect(200);
    const statuses = (detail.body.timeline as { carrierStatus: number }[]).map((e) => e.carrierStatus);
    expect(statuses).toEqual(expect.arrayContaining([6, 10, 14]));
    const pickedUp = (detail.body.timeline as { carrierStatus: number; at: string }[]).find((e) => e.carrierStatus === 6)!;
    expect(Date.parse(detail.body.handedOverAt)).toBe(Date.parse(pickedUp.at));
    // the simulator carried each paper from agency to agency
    const carried = vnpost.sim.engine.listOrders();
    expect(carried.filter((o) => all.some((t) => t.trackingNumber === o.itemCode))).toHaveLength(5);
    // the carrier was given the agencies' names and addresses from the directory
    const toInsurance = carried.find((o) => o.itemCode === all.find((t) => t.toAgencyCode === INSURANCE)!.trackingNumber)!;
    expect(JSON.stringify(toInsurance)).toContain('Bảo hiểm xã hội tỉnh Thanh Hóa (ví dụ)');
    expect(JSON.stringify(toInsurance)).toContain('Số 3 đường Ví Dụ, phường Hạc Thành');
  });

  it('brings every copy back when the dossier is resolved while parallel branches still hold paper, once', async () => {
    const d = dossier('COUNTER');
    await postal.bus.publish([d.receivedEvent]);
    await paperRecorded(d.code);
    const branchAt = new Date();
    await postal.bus.publish([stepStarted(d.code, POLICE, branchAt), stepStarted(d.code, INSURANCE, branchAt)]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(2));
    await postal.bus.publish([d.resolvedEvent, { ...d.resolvedEvent, id: `${d.resolvedEvent.id.slice(0, -4)}bbbb` }]);
    const returns = await expectEventually(async () => {
      const list = (await transfersOf(d.code)).filter((t) => t.purpose === 'RETURN');
      expect(list).toHaveLength(2);
      return list;
    });
    expect(returns.map((t) => `${t.fromAgencyCode} → ${t.toAgencyCode}`).sort()).toEqual(
      [`${POLICE} → ${CENTRE}`, `${INSURANCE} → ${CENTRE}`].sort(),
    );
    const [paper] = await probe.query('SELECT location_code, copy_holders FROM paper_dossier WHERE dossier_code = $1', [d.code]);
    expect(paper).toEqual({ location_code: CENTRE, copy_holders: [] });
    await postal.bus.publish([{ ...d.resolvedEvent, id: `${d.resolvedEvent.id.slice(0, -4)}aaaa` }]);
    const marker = dossier('COUNTER');
    await postal.bus.publish([marker.receivedEvent]);
    await paperRecorded(marker.code);
    await postal.bus.publish([stepStarted(marker.code, COMMUNE, new Date())]);
    await expectEventually(async () => expect(await transfersOf(marker.code)).toHaveLength(1));
    expect(await transfersOf(d.code)).toHaveLength(4);
  });

  it('prints a transfer label: barcode number, the sending and the destination agency with their addresses', async () => {
    const d = dossier('COUNTER');
    await postal.bus.publish([d.receivedEvent]);
    await paperRecorded(d.code);
    await postal.bus.publish([stepStarted(d.code, POLICE, new Date(), 'Đăng ký thường trú')]);
    const [t] = await expectEventually(async () => {
      const list = await transfersOf(d.code);
      expect(list).toHaveLength(1);
      return list;
    });
    const [{ order_id: orderId }] = await probe.query('SELECT order_id FROM paper_transfer WHERE id = $1', [t.id]);
    const pdfOf = (user: AuthUser) =>
      http()
        .get(`/api/postal/v1/orders/${orderId}/label.pdf`)
        .set('Authorization', bearer(user))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    const res = await pdfOf(centreClerk).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    for (const s of [
      'Chuyển hồ sơ giấy giữa các cơ quan',
      t.trackingNumber,
      'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
      'Công an tỉnh Thanh Hóa — Phòng Cảnh sát QLHC về TTXH (ví dụ)',
      'Số 2 đường Ví Dụ, phường Hạc Thành',
      `Hồ sơ: ${d.code}`,
      'Bước xử lý: Đăng ký thường trú',
    ])
      expect(text).toContain(s);
    // the police may not print the centre's label (it did not send it)
    await pdfOf(policeSpecialist).expect(404);
    // …but prints the label of paper it sends on (the join back to the centre, from the first test)
    const [{ order_id: policeOrder }] = await probe.query('SELECT order_id FROM paper_transfer WHERE from_agency_code = $1 LIMIT 1', [
      POLICE,
    ]);
    const own = await http()
      .get(`/api/postal/v1/orders/${policeOrder}/label.pdf`)
      .set('Authorization', bearer(policeSpecialist))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const ownText = pdfText(own.body as Buffer).replace(/\s+/g, ' ');
    expect(ownText).toContain('Người gửi: Công an tỉnh Thanh Hóa — Phòng Cảnh sát QLHC về TTXH (ví dụ)');
  });

  it('brings the paper back to the receiving centre once the dossier is resolved elsewhere', async () => {
    const d = dossier('POST');
    await postal.bus.publish([d.receivedEvent]);
    await paperRecorded(d.code);
    await postal.bus.publish([stepStarted(d.code, COMMUNE, new Date())]);
    await expectEventually(async () => expect(await transfersOf(d.code)).toHaveLength(1));
    await postal.bus.publish([d.resolvedEvent, { ...d.resolvedEvent, id: `${d.resolvedEvent.id.slice(0, -4)}dddd` }]);
    const back = await expectEventually(async () => {
      const list = await transfersOf(d.code);
      expect(list).toHaveLength(2);
      const ret = list.find((t) => t.purpose === 'RETURN')!;
      expect(ret).toMatchObject({ fromAgencyCode: COMMUNE, toAgencyCode: CENTRE, stepId: null, state: 'DELIVERED' });
      return ret;
    }, 15_000);
    await expectEventually(() => expect(published('postal.transfer.delivered', back.id)).toHaveLength(1));
    expect(published('postal.transfer.delivered', back.id)[0].data).not.toHaveProperty('stepId');
    // the result itself goes to the citizen by post as before
    await expectEventually(() =>
      expect(postal.published.filter((e) => e.type === 'postal.delivery.delivered' && e.data.dossierCode === d.code)).toHaveLength(1),
    );
  });

  it('waits for dossier.received, moves no paper for an online dossier, nor for steps reported late', async () => {
    const late = dossier('COUNTER');
    await postal.bus.publish([stepStarted(late.code, COMMUNE, new Date())]); // before dossier.received: retried
    await postal.bus.publish([late.receivedEvent]);
    await expectEventually(async () => expect(await transfersOf(late.code)).toHaveLength(1), 10_000);

    const online = dossier('COUNTER');
    const onlineReceived = makeEnvelope(DOSSIER_RECEIVED, { ...online.receivedEvent.data, channel: 'ONLINE' });
    await postal.bus.publish([onlineReceived]);
    await expectEventually(async () =>
      expect(await probe.query('SELECT 1 FROM delivery_request WHERE dossier_code = $1', [online.code])).toHaveLength(1),
    );
    expect(await probe.query('SELECT 1 FROM paper_dossier WHERE dossier_code = $1', [online.code])).toEqual([]);
    const marker = dossier('COUNTER');
    await postal.bus.publish([marker.receivedEvent]);
    await paperRecorded(marker.code);
    await postal.bus.publish([stepStarted(online.code, COMMUNE, new Date()), stepStarted(marker.code, COMMUNE, new Date())]);
    await expectEventually(async () => expect(await transfersOf(marker.code)).toHaveLength(1));
    expect(await transfersOf(online.code)).toEqual([]);

    // reported late: a step older than the one that moved the paper, or any step after the resolution, moves nothing
    const stale = dossier('COUNTER');
    await postal.bus.publish([stale.receivedEvent]);
    await paperRecorded(stale.code);
    const now = Date.now();
    await postal.bus.publish([stepStarted(stale.code, POLICE, new Date(now))]);
    await expectEventually(async () => expect(await transfersOf(stale.code)).toHaveLength(1));
    await postal.bus.publish([stepStarted(stale.code, COMMUNE, new Date(now - 60_000))]);
    const resolved = dossier('COUNTER');
    await postal.bus.publish([resolved.receivedEvent]);
    await paperRecorded(resolved.code);
    await postal.bus.publish([{ ...resolved.resolvedEvent, data: { ...resolved.resolvedEvent.data, dossierCode: resolved.code } }]);
    await expectEventually(async () =>
      expect(
        await probe.query('SELECT 1 FROM paper_dossier WHERE dossier_code = $1 AND resolved_at IS NOT NULL', [resolved.code]),
      ).toHaveLength(1),
    );
    await postal.bus.publish([stepStarted(resolved.code, COMMUNE, new Date())]);
    const after = dossier('COUNTER'); // a marker handled after both
    await postal.bus.publish([after.receivedEvent]);
    await paperRecorded(after.code);
    await postal.bus.publish([stepStarted(after.code, COMMUNE, new Date())]);
    await expectEventually(async () => expect(await transfersOf(after.code)).toHaveLength(1));
    expect((await transfersOf(stale.code)).map((t) => t.toAgencyCode)).toEqual([POLICE]);
    expect(await transfersOf(resolved.code)).toEqual([]);
  });

  it('scopes lists, timelines and manifests by agency and role; refuses bad input', async () => {
    const police = (await http().get('/api/postal/v1/transfers').set('Authorization', bearer(policeSpecialist)).expect(200))
      .body as TransferView[];
    expect(police.length).toBeGreaterThan(0);
    for (const t of police) expect([t.fromAgencyCode, t.toAgencyCode]).toContain(POLICE);
    const incoming = (
      await http().get('/api/postal/v1/transfers?direction=INCOMING').set('Authorization', bearer(insuranceSpecialist)).expect(200)
    ).body as TransferView[];
    expect(incoming.length).toBeGreaterThan(0);
    for (const t of incoming) expect(t.toAgencyCode).toBe(INSURANCE);
    // the centre's clerk sees its dossiers' transfers between other agencies too
    const centre = (await http().get('/api/postal/v1/transfers?limit=500').set('Authorization', bearer(centreClerk)).expect(200))
      .body as TransferView[];
    expect(centre.some((t) => t.fromAgencyCode === COMMUNE && t.toAgencyCode === INSURANCE)).toBe(true);

    const forbidden = await http()
      .get(`/api/postal/v1/transfers?agency=${POLICE}`)
      .set('Authorization', bearer(insuranceSpecialist))
      .expect(403);
    expect(forbidden.body.error.code).toBe('POSTAL.AGENCY_FORBIDDEN');
    await http().get('/api/postal/v1/transfers').set('Authorization', bearer(postman)).expect(403);
    const notPolice = centre.find((t) => t.fromAgencyCode !== POLICE && t.toAgencyCode !== POLICE)!;
    await http().get(`/api/postal/v1/transfers/${notPolice.id}`).set('Authorization', bearer(policeSpecialist)).expect(404);
    const bad = await http()
      .get('/api/postal/v1/transfers?limit=0&direction=SIDEWAYS')
      .set('Authorization', bearer(centreClerk))
      .expect(400);
    expect(bad.body.error.details.map((p: { field: string }) => p.field).sort()).toEqual(['direction', 'limit']);
    await http().get('/api/postal/v1/transfers/not-a-uuid').set('Authorization', bearer(centreClerk)).expect(400);

    // the commune's manifest of the day: what it handed to the post (to the police, insurance and back to the centre)
    const today = localDate(new Date());
    const manifest = await http()
      .get(`/api/postal/v1/transfer-manifests?centre=${COMMUNE}&date=${today}`)
      .set('Authorization', bearer(communeSpecialist))
      .expect(200);
    const sent = centre.filter((t) => t.fromAgencyCode === COMMUNE);
    expect(manifest.body.count).toBe(sent.length);
    expect(manifest.body.orders.map((l: { trackingNumber: string }) => l.trackingNumber).sort()).toEqual(
      sent.map((t) => t.trackingNumber).sort(),
    );
    const pdf = await http()
      .get(`/api/postal/v1/transfer-manifests.pdf?centre=${COMMUNE}&date=${today}`)
      .set('Authorization', bearer(communeSpecialist))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = pdfText(pdf.body as Buffer).replace(/\n/g, '');
    for (const s of [
      'BẢNG KÊ GIAO NHẬN HỒ SƠ GIẤY CHUYỂN QUA BƯU ĐIỆN',
      'BÊN GIAO',
      'BÊN NHẬN',
      sent[0].trackingNumber,
      sent[0].dossierCode,
    ])
      expect(text).toContain(s);
    await http()
      .get(`/api/postal/v1/transfer-manifests?centre=${COMMUNE}&date=${today}`)
      .set('Authorization', bearer(policeSpecialist))
      .expect(403);
  });
});
