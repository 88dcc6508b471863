import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { POSTAL_TRANSFER_DELIVERED, POSTAL_TRANSFER_HANDED_OVER } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createTestDatabase, expectEventually, flat, makeEnvelope, pdfText, TestDatabase, binaryBody } from '@motcua/testing';
import { toMinute } from '../src/workflows/timeliness';
import { bearer, bootRouting, CENTRE, client, COMMUNE, received, USERS } from './routing-test-kit';

interface HandOverView {
  kind: string;
  handedOverAt: string;
  giver: { id: string; name: string; agencyCode: string };
  receiver: { agencyCode: string; role: string | null; id: string | null; name: string | null };
  toStep: { key: string | null; name: string | null } | null;
  note: string | null;
  postal: { transferId: string; trackingNumber: string } | null;
}

/** A postal transfer event as postal-delivery publishes it (a fresh envelope id each call: a republished copy). */
function transferEvent(type: string, data: Record<string, unknown>) {
  return makeEnvelope(type, data, { correlationId: String(data.dossierCode), source: 'postal-delivery' });
}

const minute = (d: Date) => toMinute(toLocalIso(d));

describe('postal legs of the paper dossier on the control slip', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: InProcessBus;
  let api: ReturnType<typeof client>;
  const sql = <T>(q: string, params: unknown[] = []) => app.get(DataSource).query(q, params) as Promise<T[]>;
  const handOvers = async (u: AuthUser, code: string) => (await api.slip(u, code).expect(200)).body.handOvers as HandOverView[];

  beforeAll(async () => {
    db = await createTestDatabase('routing_postal');
    bus = new InProcessBus({ delayScale: 0.01 });
    app = await bootRouting(db.url, bus);
    api = client(app);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.drop();
  });

  it('records the hand-over to the post at the postal receipt time and the delivery, once each, in time order whatever the arrival order', async () => {
    const dossier = received();
    const code = dossier.data.dossierCode as string;
    await bus.publish([dossier]);
    const task = await api.taskFor(USERS.justice, code);
    const receiptAt = new Date(Date.now() + 60 * 60_000);
    const deliveredAt = new Date(Date.now() + 26 * 60 * 60_000);
    const transfer = {
      dossierCode: code,
      transferId: randomUUID(),
      stepId: task.id,
      purpose: 'STEP',
      fromAgencyCode: CENTRE,
      toAgencyCode: COMMUNE,
      trackingNumber: 'EE123456789VN',
    };
    // the delivery is reported first, then the hand-over, then copies of both
    await bus.publish([transferEvent(POSTAL_TRANSFER_DELIVERED, { ...transfer, at: deliveredAt.toISOString() })]);
    await bus.publish([transferEvent(POSTAL_TRANSFER_HANDED_OVER, { ...transfer, at: receiptAt.toISOString() })]);
    await bus.publish([
      transferEvent(POSTAL_TRANSFER_HANDED_OVER, { ...transfer, at: receiptAt.toISOString() }),
      transferEvent(POSTAL_TRANSFER_DELIVERED, { ...transfer, at: deliveredAt.toISOString() }),
    ]);
    await expectEventually(async () => {
      const rows = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM control_slip_entry WHERE dossier_code = $1 AND transfer_id IS NOT NULL`,
        [code],
      );
      if (Number(rows[0].n) !== 2) throw new Error(`postal legs: ${rows[0].n}`);
    });
    // every copy has been handled (the in-process bus delivers in order): still one line per leg
    await expectEventually(async () => {
      const lines = await handOvers(USERS.justice, code);
      expect(lines.map((l) => l.kind)).toEqual(['RECEIVED', 'POSTAL_HANDED_OVER', 'POSTAL_DELIVERED']);
    });

    const lines = await handOvers(USERS.justice, code);
    const [, handedOver, delivered] = lines;
    expect(handedOver).toEqual({
      kind: 'POSTAL_HANDED_OVER',
      handedOverAt: minute(receiptAt),
      giver: { id: CENTRE, name: 'Cơ quan chuyển hồ sơ giấy', agencyCode: CENTRE },
      fromStep: null,
      outcome: null,
      receiver: { agencyCode: 'VNPOST', role: null, id: 'VNPOST', name: 'Bưu điện (VNPost)' },
      toStep: { key: null, name: task.name },
      note: 'Số hiệu bưu gửi EE123456789VN',
      postal: { transferId: transfer.transferId, trackingNumber: 'EE123456789VN' },
    });
    expect(handedOver.handedOverAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d\+07:00$/);
    expect(delivered).toMatchObject({
      kind: 'POSTAL_DELIVERED',
      handedOverAt: minute(deliveredAt),
      giver: { id: 'VNPOST', name: 'Bưu điện (VNPost)', agencyCode: 'VNPOST' },
      receiver: { agencyCode: COMMUNE, role: 'SPECIALIST', id: null, name: null },
      toStep: { key: task.stepKey, name: task.name },
      postal: { transferId: transfer.transferId, trackingNumber: 'EE123456789VN' },
    });

    // the person who acts on the step received the paper from the post; the post's receipt stays the post's
    await api.act(USERS.justice, task.id, 'complete', { resultSummary: 'Đã cấp giấy khai sinh' }).expect(200);
    const after = await handOvers(USERS.justice, code);
    expect(after.find((l) => l.kind === 'POSTAL_DELIVERED')!.receiver).toMatchObject({ id: USERS.justice.sub, name: USERS.justice.name });
    expect(after.find((l) => l.kind === 'POSTAL_HANDED_OVER')!.receiver).toMatchObject({ id: 'VNPOST', name: 'Bưu điện (VNPost)' });

    // the paper goes back to the receiving centre (RETURN: no step)
    const back = {
      ...transfer,
      transferId: randomUUID(),
      stepId: undefined,
      purpose: 'RETURN',
      fromAgencyCode: COMMUNE,
      toAgencyCode: CENTRE,
    };
    delete back.stepId;
    const backAt = new Date(Date.now() + 30 * 60 * 60_000);
    await bus.publish([
      transferEvent(POSTAL_TRANSFER_HANDED_OVER, { ...back, trackingNumber: 'EE987654321VN', at: backAt.toISOString() }),
      transferEvent(POSTAL_TRANSFER_DELIVERED, {
        ...back,
        trackingNumber: 'EE987654321VN',
        at: new Date(backAt.getTime() + 3_600_000).toISOString(),
      }),
    ]);
    const returned = await expectEventually(async () => {
      const all = (await handOvers(USERS.centre, code)).filter((l) => l.postal?.trackingNumber === 'EE987654321VN');
      if (all.length !== 2) throw new Error(`return legs: ${all.length}`);
      return all;
    });
    expect(returned[0]).toMatchObject({
      kind: 'POSTAL_HANDED_OVER',
      giver: { agencyCode: COMMUNE },
      toStep: { key: null, name: 'Trả kết quả' },
    });
    expect(returned[1]).toMatchObject({
      kind: 'POSTAL_DELIVERED',
      receiver: { agencyCode: CENTRE, role: null },
      toStep: { key: null, name: 'Trả kết quả' },
    });

    // the PDF shows the post as receiver with the tracking number, at the receipt time
    const res = await api
      .http()
      .get(`/api/routing/v1/dossiers/${code}/control-slip.pdf`)
      .set('Authorization', bearer(USERS.justice))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = flat(pdfText(res.body as Buffer));
    expect(text).toContain('Chuyển hồ sơ giấy qua bưu điện');
    expect(text).toContain('Bưu điện (VNPost) — số hiệu EE123456789VN');
    expect(text).toContain('Bưu điện giao hồ sơ giấy');
    const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(toLocalIso(receiptAt))!;
    expect(text).toContain(`${h}:${mi} ngày ${d}/${mo}/${y}`);
  });

  it('retries a leg of a dossier routing does not know yet, and records it once the dossier arrives', async () => {
    const dossier = received();
    const code = dossier.data.dossierCode as string;
    const at = new Date(Date.now() + 2 * 60 * 60_000);
    await bus.publish([
      transferEvent(POSTAL_TRANSFER_HANDED_OVER, {
        dossierCode: code,
        transferId: randomUUID(),
        purpose: 'STEP',
        fromAgencyCode: CENTRE,
        toAgencyCode: COMMUNE,
        trackingNumber: 'EE111222333VN',
        at: at.toISOString(),
      }),
    ]);
    // the leg fails while routing does not know the dossier (were it dropped, the slip below would lack it)
    await bus.publish([dossier]);
    const lines = await expectEventually(async () => {
      const all = await handOvers(USERS.justice, code);
      if (!all.some((l) => l.kind === 'POSTAL_HANDED_OVER')) throw new Error('no postal leg yet');
      return all;
    });
    expect(lines.map((l) => l.kind)).toEqual(['RECEIVED', 'POSTAL_HANDED_OVER']);
    expect(lines[1].handedOverAt).toBe(minute(at));
  });
});
