/*
 * The post's paths, as separate processes against real PostgreSQL and RabbitMQ (no disturbances):
 * (a) postal return — a result the post cannot deliver (the VNPost simulator fails every attempt of that
 *     order) comes back to the centre, intake holds it at the counter, the citizen collects it there (10);
 * (b) paper transfers — the paper dossier of a linked flow (LT.KS-TT-BHYT, received at the counter) is carried
 *     by the post to each processing agency and back to the centre, each transfer reaching DELIVERED.
 * See e2e/README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expectEventually } from '@motcua/testing';
import { COMPETENT_AGENCY, IntakeClient, mintToken, Platform, RECEIVING_AGENCY, requestJson, RoutingClient, TaskView } from './harness';

const KEEP = process.env.E2E_KEEP === 'true';
const SETTLE_MS = Number(process.env.E2E_POSTAL_SETTLE_TIMEOUT_MS ?? 20_000);
const POLICE = '000.00.20.H56';
const SOCIAL_INSURANCE = '000.00.30.H56';
const HELD_AT_COUNTER = 'Kết quả chuyển hoàn, giữ tại bộ phận một cửa';

interface OrderView {
  kind: string;
  state: string;
  failedAttempts: number;
  failures: { reason: string | null }[];
  returnedAt: string | null;
}

interface TransferView {
  id: string;
  purpose: 'STEP' | 'RETURN';
  fromAgencyCode: string;
  toAgencyCode: string;
  trackingNumber: string | null;
  state: string;
  handedOverAt: string | null;
  deliveredAt: string | null;
}

describe('postal paths: a result returned to the counter, paper dossiers carried between agencies', () => {
  const platform = new Platform({ vnpostStepDelayMs: 40 });
  let clerk: IntakeClient;
  let clerkToken: string;

  beforeAll(async () => {
    await platform.start();
    clerkToken = mintToken(platform, 'e2e-clerk', ['COUNTER_CLERK'], RECEIVING_AGENCY);
    clerk = new IntakeClient(platform.url('intake'), clerkToken);
  }, 120_000);

  afterAll(async () => {
    await platform.stopAll();
    if (!KEEP) await platform.cleanup();
    fs.appendFileSync(path.join(platform.logDir, 'harness.log'), `${new Date().toISOString()} [spec] postal-paths done\n`);
  }, 60_000);

  const postal = async <T>(pathAndQuery: string, token = clerkToken): Promise<T> => {
    const r = await requestJson<T>('GET', `${platform.url('postal-delivery')}/api/postal/v1/${pathAndQuery}`, { token });
    if (r.status !== 200) throw new Error(`GET ${pathAndQuery} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const transfersOf = (code: string, token = clerkToken) =>
    postal<TransferView[]>(`transfers?dossierCode=${encodeURIComponent(code)}`, token);
  const at = (sub: string, role: 'SPECIALIST' | 'APPROVER', agency: string) =>
    new RoutingClient(platform.url('routing'), mintToken(platform, sub, [role], agency));

  /** Waits until a transfer carries the paper of `code` to `agency` (the agency works on it once the paper is on its way). */
  const paperSentTo = (code: string, agency: string) =>
    expectEventually(async () => expect((await transfersOf(code)).map((t) => t.toAgencyCode)).toContain(agency), SETTLE_MS, 100);

  /** Waits until `client` sees the open task of step `stepKey` (any step when omitted) of `code`, and completes it. */
  const completeStep = async (client: RoutingClient, code: string, stepKey?: string) => {
    const task = await expectEventually(
      async () => {
        const found = (await client.openTasks(500)).find((t: TaskView) => t.dossierCode === code && (!stepKey || t.stepKey === stepKey));
        expect(found).toBeDefined();
        return found!;
      },
      SETTLE_MS,
      100,
    );
    expect(await client.completeTask(task.id, `Hoàn thành ${stepKey ?? 'giải quyết'}`)).toBe('completed');
  };

  it('returns an undeliverable result to the centre, holds it at the counter, and hands it over there (10)', async () => {
    const phone = '0934000001';
    const { dossier } = await clerk.createDossier(
      {
        procedureCode: '1.001193',
        channel: 'COUNTER',
        applicant: { fullName: 'Hoàng Thị Vắng', idNumber: '038190000401', phone },
        resultDelivery: 'POST',
        deliveryAddress: { recipientName: 'Hoàng Thị Vắng', phone, line: 'Số 9 đường Trần Phú', communeCode: '14755', provinceCode: '38' },
      },
      `${platform.runId}-return`,
    );
    // every delivery attempt of this dossier's result fails: the carrier's limit sends it back
    const sim = platform.url('vnpost');
    const config = await requestJson<{ maxDeliveryAttempts: number }>('GET', `${sim}/__sim/config`);
    const attempts = config.body.maxDeliveryAttempts;
    const knob = await requestJson('POST', `${sim}/__sim/orders/by-number/${encodeURIComponent(dossier.code)}/delivery-failures`, {
      body: { attempts },
    });
    expect(knob.status).toBe(200);

    await paperSentTo(dossier.code, COMPETENT_AGENCY);
    await completeStep(at('e2e-specialist', 'SPECIALIST', COMPETENT_AGENCY), dossier.code);

    const order = await expectEventually(
      async () => {
        const orders = await postal<OrderView[]>(`dossiers/${encodeURIComponent(dossier.code)}/orders`);
        const result = orders.find((o) => o.kind === 'RESULT_DELIVERY');
        expect(result).toMatchObject({ state: 'RETURNED', failedAttempts: attempts, returnedAt: expect.any(String) });
        return result!;
      },
      SETTLE_MS,
      200,
    );
    expect(order.failures).toHaveLength(attempts);
    for (const f of order.failures) expect(f.reason).toBeTruthy(); // the carrier's reason for each attempt

    // postal.delivery.returned → intake holds the result at the counter; the dossier stays resolved (9)
    const held = await expectEventually(
      async () => {
        const d = await clerk.getDossier(dossier.code);
        expect(d.timeline?.map((t) => t.description)).toContain(HELD_AT_COUNTER);
        return d;
      },
      SETTLE_MS,
      200,
    );
    expect(held.nationalStatus).toBe(9);

    // the citizen comes to the counter
    const returned = await requestJson<{ nationalStatus: number; returnedTo: { fullName: string } }>(
      'POST',
      `${platform.url('intake')}/api/intake/v1/dossiers/${encodeURIComponent(dossier.code)}/return`,
      { token: clerkToken, body: { receivedBy: { fullName: 'Hoàng Thị Vắng', idNumber: '038190000401' } }, attempts: 1 },
    );
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ nationalStatus: 10, returnedTo: { fullName: 'Hoàng Thị Vắng' } });
    const final = await clerk.getDossier(dossier.code);
    expect(final.timeline?.map((t) => t.nationalStatus)).toEqual([2, 4, 9, 9, 10]);

    // the paper went to the commune for processing and came back to the centre with the result
    const paper = await expectEventually(
      async () => {
        const list = await transfersOf(dossier.code);
        expect(list.map((t) => `${t.purpose} ${t.fromAgencyCode} → ${t.toAgencyCode} ${t.state}`).sort()).toEqual(
          [`RETURN ${COMPETENT_AGENCY} → ${RECEIVING_AGENCY} DELIVERED`, `STEP ${RECEIVING_AGENCY} → ${COMPETENT_AGENCY} DELIVERED`].sort(),
        );
        return list;
      },
      SETTLE_MS,
      200,
    );
    for (const t of paper) expect(Date.parse(t.handedOverAt!)).toBeLessThanOrEqual(Date.parse(t.deliveredAt!));
  });

  it('carries the paper of a linked flow (LT.KS-TT-BHYT) to each agency and back to the centre', async () => {
    const { dossier } = await clerk.createDossier(
      {
        procedureCode: 'LT.KS-TT-BHYT',
        channel: 'COUNTER',
        applicant: { fullName: 'Phạm Thị Giấy', idNumber: '038190000402', phone: '0934000002' },
        resultDelivery: 'COUNTER',
      },
      `${platform.runId}-linked`,
    );
    const code = dossier.code;
    const commune = at('e2e-specialist', 'SPECIALIST', COMPETENT_AGENCY);
    const police = at('e2e-police', 'SPECIALIST', POLICE);
    const insurance = at('e2e-bhxh', 'SPECIALIST', SOCIAL_INSURANCE);
    await paperSentTo(code, COMPETENT_AGENCY);
    await completeStep(commune, code, 'khai-sinh');
    await completeStep(at('e2e-approver', 'APPROVER', COMPETENT_AGENCY), code, 'duyet-khai-sinh');
    // the police sees the paper coming (incoming transfer of its own agency)
    const policeToken = mintToken(platform, 'e2e-police', ['SPECIALIST'], POLICE);
    await expectEventually(
      async () => {
        const incoming = await postal<TransferView[]>('transfers?direction=INCOMING', policeToken);
        expect(incoming.filter((t) => t.toAgencyCode === POLICE).length).toBeGreaterThan(0);
      },
      SETTLE_MS,
      200,
    );
    await paperSentTo(code, SOCIAL_INSURANCE);
    await completeStep(police, code, 'thuong-tru');
    await completeStep(insurance, code, 'the-bhyt');
    await completeStep(at('e2e-centre', 'SPECIALIST', RECEIVING_AGENCY), code, 'tra-ket-qua');

    const legs = await expectEventually(
      async () => {
        const list = await transfersOf(code);
        expect(list).toHaveLength(5);
        for (const t of list) expect(t).toMatchObject({ purpose: 'STEP', state: 'DELIVERED', deliveredAt: expect.any(String) });
        return list;
      },
      SETTLE_MS,
      200,
    );
    const routes = legs.map((t) => `${t.fromAgencyCode} → ${t.toAgencyCode}`);
    // to the commune, to both parallel branches, and at the join each branch's copy back to the centre
    expect(routes.sort()).toEqual(
      [
        `${RECEIVING_AGENCY} → ${COMPETENT_AGENCY}`,
        `${COMPETENT_AGENCY} → ${POLICE}`,
        `${COMPETENT_AGENCY} → ${SOCIAL_INSURANCE}`,
        `${POLICE} → ${RECEIVING_AGENCY}`,
        `${SOCIAL_INSURANCE} → ${RECEIVING_AGENCY}`,
      ].sort(),
    );
    // a timeline per transfer, from the carrier's statuses
    const detail = await postal<{ timeline: { carrierStatus: number }[] }>(`transfers/${legs[0].id}`);
    expect(detail.timeline.map((e) => e.carrierStatus)).toEqual(expect.arrayContaining([1, 6, 14]));
    await expectEventually(async () => expect((await clerk.getDossier(code)).nationalStatus).toBe(9), SETTLE_MS, 200);
  });
});
