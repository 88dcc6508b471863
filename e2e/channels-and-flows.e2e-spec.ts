/*
 * The other ways in and the linked flow, as separate processes against real PostgreSQL and RabbitMQ
 * (no disturbances): dossiers collected by the post (channel POSTAL), dossiers sent by an integrator
 * (channel ONLINE, idempotent), and the linked birth / residence / health-insurance flow LT.KS-TT-BHYT
 * with its parallel branches and join. See e2e/README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expectEventually } from '@motcua/testing';
import {
  COMPETENT_AGENCY,
  DossierView,
  EventTap,
  IntakeClient,
  mintToken,
  Platform,
  PostalClient,
  RECEIVING_AGENCY,
  REPO_ROOT,
  requestJson,
  RoutingClient,
  tapEvents,
  TaskView,
} from './harness';

const KEEP = process.env.E2E_KEEP === 'true';
const SETTLE_MS = Number(process.env.E2E_FLOWS_SETTLE_TIMEOUT_MS ?? 30_000);
const POSTAL_N = 5;
const ONLINE_N = 5;
const LINKED_N = 6;
const POLICE = '000.00.20.H56';
const SOCIAL_INSURANCE = '000.00.30.H56';
const LINKED = 'LT.KS-TT-BHYT';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('channels and flows: postal pickup, online submission, the linked flow LT.KS-TT-BHYT', () => {
  const platform = new Platform({ vnpostStepDelayMs: 50 });
  let tap: EventTap;
  let staff: IntakeClient; // a clerk at the receiving centre reads every dossier of the spec
  let commune: RoutingClient;
  /** Codes whose single step the commune specialist completes in the background (1.001193). */
  const simple = new Set<string>();
  let working = true;
  let worker: Promise<void>;

  beforeAll(async () => {
    await platform.start();
    tap = await tapEvents(platform.busPrefix, ['dossier.received']);
    const token = (sub: string, role: 'COUNTER_CLERK' | 'SPECIALIST', agency: string) => mintToken(platform, sub, [role], agency);
    staff = new IntakeClient(platform.url('intake'), token('e2e-clerk', 'COUNTER_CLERK', RECEIVING_AGENCY));
    commune = new RoutingClient(platform.url('routing'), token('e2e-specialist', 'SPECIALIST', COMPETENT_AGENCY));
    worker = (async () => {
      while (working) {
        const tasks = await commune.openTasks(500).catch(() => [] as TaskView[]);
        for (const t of tasks.filter((x) => simple.has(x.dossierCode)))
          await commune.completeTask(t.id, 'Đã cấp Giấy khai sinh').catch(() => undefined); // retried next round
        await sleep(200);
      }
    })();
  }, 120_000);

  afterAll(async () => {
    working = false;
    await worker?.catch(() => undefined);
    await tap?.close();
    await platform.stopAll();
    if (!KEEP) await platform.cleanup();
    fs.appendFileSync(path.join(platform.logDir, 'harness.log'), `${new Date().toISOString()} [spec] done\n`);
    console.log(`e2e channels-and-flows: run ${platform.runId} (logs: ${path.relative(REPO_ROOT, platform.logDir)})`);
  }, 60_000);

  /** dossier.received events (from our tap) of applicants with these phones. */
  const receivedFor = (phones: string[]) =>
    tap.events.filter((e) => phones.includes(String((e.data?.applicant as { phone?: string } | undefined)?.phone)));

  const awaitStatus = (codes: string[], want: (code: string) => number) =>
    expectEventually(
      async () => {
        const got = await Promise.all(codes.map(async (c) => `${c}:${(await staff.getDossier(c)).nationalStatus}`));
        expect(got).toEqual(codes.map((c) => `${c}:${want(c)}`));
      },
      SETTLE_MS,
      250,
    );

  it(`receives ${POSTAL_N} dossiers collected by the post on channel POSTAL at the postal receipt time, and returns them by post`, async () => {
    const integrator = mintToken(platform, 'e2e-portal', ['INTEGRATOR'], RECEIVING_AGENCY);
    const postal = new PostalClient(platform.url('postal-delivery'), integrator);
    const now = Date.now();
    const phones = Array.from({ length: POSTAL_N }, (_, i) => `09${String(31_000_000 + i)}`);
    const pickups = await Promise.all(
      phones.map((phone, i) =>
        postal.requestPickup({
          channel: 'PORTAL',
          centreCode: RECEIVING_AGENCY,
          procedureCode: '1.001193',
          procedureName: 'Đăng ký khai sinh',
          applicant: { fullName: 'Trần Thị Bưu', phone },
          address: { line: `Số ${i + 1} đường Bà Triệu`, communeCode: '14755', provinceCode: '38' },
          windowFrom: new Date(now + 60_000).toISOString(),
          windowTo: new Date(now + 3 * 3_600_000).toISOString(),
        }),
      ),
    );
    for (const p of pickups) expect(p.reference).toBe(`TG-${p.trackingNumber}`);

    // the VNPost simulator collects each package and brings it to the centre (14)
    const arrived = new Map<string, { postalReceiptAt: string }>();
    await expectEventually(
      async () => {
        for (const p of pickups) {
          const v = await postal.pickup(p.id);
          if (v.arrivedAt && v.postalReceiptAt) arrived.set(p.id, { postalReceiptAt: v.postalReceiptAt });
        }
        expect(arrived.size).toBe(POSTAL_N);
      },
      SETTLE_MS,
      250,
    );

    // postal.pickup.received → intake receives each once; the code comes from dossier.received (our tap)
    const codeByPhone = new Map<string, string>();
    await expectEventually(
      () => {
        for (const e of tap.events) {
          const d = e.data as { dossierCode: string; channel: string; applicant: { phone?: string } } | undefined;
          if (d?.channel === 'POSTAL' && d.applicant.phone && phones.includes(d.applicant.phone))
            codeByPhone.set(d.applicant.phone, d.dossierCode);
        }
        expect(codeByPhone.size).toBe(POSTAL_N);
      },
      SETTLE_MS,
      250,
    );
    const codes = [...codeByPhone.values()];
    expect(new Set(codes).size).toBe(POSTAL_N); // one dossier per pickup
    for (const [i, p] of pickups.entries()) {
      const d = await staff.getDossier(codeByPhone.get(phones[i])!);
      expect(d).toMatchObject({ channel: 'POSTAL', procedureCode: '1.001193', resultDelivery: 'POST' });
      // the hand-over time is the postal receipt, not the arrival at the centre
      expect(Date.parse(d.receivedAt!)).toBe(Date.parse(arrived.get(p.id)!.postalReceiptAt));
    }
    codes.forEach((c) => simple.add(c));
    await awaitStatus(codes, () => 10); // resolved at the commune, then returned by post
    // exactly one dossier.received per pickup (postal.pickup.received handled once), by the applicant's phone
    expect(receivedFor(phones)).toHaveLength(POSTAL_N);
  });

  it(`accepts ${ONLINE_N} dossiers from an integrator on channel ONLINE, idempotently`, async () => {
    // the portal's integrator key, issued by an administrator through the admin API (answered once)
    const issued = await requestJson<{ key: string }>('POST', `${platform.url('intake')}/api/intake/v1/integrator-keys`, {
      token: mintToken(platform, 'e2e-admin', ['ADMIN'], RECEIVING_AGENCY),
      body: { integrator: 'NATIONAL_PORTAL', name: 'Cổng Dịch vụ công quốc gia (e2e)', allowedAgencyCodes: [RECEIVING_AGENCY] },
    });
    expect(issued.status).toBe(201);
    const apiKey = issued.body.key;
    const submit = async (body: object, idempotencyKey: string) => {
      const r = await requestJson<DossierView>('POST', `${platform.url('intake')}/api/intake/v1/online/dossiers`, {
        body,
        headers: { 'x-api-key': apiKey, 'idempotency-key': idempotencyKey },
        retryOn: [500, 502, 503, 504],
      });
      expect([200, 201]).toContain(r.status);
      return { dossier: r.body, replayed: r.status === 200 };
    };
    const requests = Array.from({ length: ONLINE_N }, (_, i) => ({
      key: `${platform.runId}-online-${i}`,
      body: {
        procedureCode: '1.001193',
        receivingAgencyCode: RECEIVING_AGENCY,
        applicant: { fullName: 'Lê Văn Mạng', idNumber: `038${String(200_000_000 + i)}`, phone: `09${String(32_000_000 + i)}` },
        resultDelivery: 'COUNTER',
      },
    }));
    // without a key: 401, nothing received
    expect((await requestJson('POST', `${platform.url('intake')}/api/intake/v1/online/dossiers`, { body: requests[0].body })).status).toBe(
      401,
    );
    const first = await Promise.all(requests.map((r) => submit(r.body, r.key)));
    const retry = await Promise.all(requests.map((r) => submit(r.body, r.key)));
    for (const [i, f] of first.entries()) {
      expect(f.replayed).toBe(false);
      expect(f.dossier).toMatchObject({ channel: 'ONLINE', nationalStatus: 2 });
      expect(f.dossier.lookupSecret).toBeTruthy();
      expect(retry[i]).toEqual({
        replayed: true,
        dossier: expect.objectContaining({ code: f.dossier.code, lookupSecret: f.dossier.lookupSecret }),
      });
    }
    const codes = first.map((f) => f.dossier.code);
    expect(new Set(codes).size).toBe(ONLINE_N);
    codes.forEach((c) => simple.add(c));
    await awaitStatus(codes, () => 9);
    // the retries created nothing: one dossier.received per request (all published before status 9)
    expect(receivedFor(requests.map((r) => r.body.applicant.phone))).toHaveLength(ONLINE_N);
    // the citizen sees the whole path with the receipt's secret
    const view = await staff.lookup(codes[0], first[0].dossier.lookupSecret!);
    expect(view.timeline.map((t) => t.nationalStatus)).toEqual([2, 4, 9]);
  });

  it(`runs ${LINKED_N} dossiers through LT.KS-TT-BHYT: commune, approval, police ∥ social insurance, join at the centre`, async () => {
    const clerk = new IntakeClient(platform.url('intake'), mintToken(platform, 'e2e-clerk', ['COUNTER_CLERK'], RECEIVING_AGENCY));
    const at = (sub: string, role: 'SPECIALIST' | 'APPROVER', agency: string) =>
      new RoutingClient(platform.url('routing'), mintToken(platform, sub, [role], agency));
    const approver = at('e2e-approver', 'APPROVER', COMPETENT_AGENCY);
    const police = at('e2e-police', 'SPECIALIST', POLICE);
    const insurance = at('e2e-bhxh', 'SPECIALIST', SOCIAL_INSURANCE);
    const centre = at('e2e-centre', 'SPECIALIST', RECEIVING_AGENCY);

    const created = await Promise.all(
      Array.from({ length: LINKED_N }, (_, i) =>
        clerk.createDossier(
          {
            procedureCode: LINKED,
            channel: 'COUNTER',
            applicant: { fullName: 'Phạm Thị Mẹ', idNumber: `038${String(300_000_000 + i)}`, phone: `09${String(33_000_000 + i)}` },
            resultDelivery: 'COUNTER',
          },
          `${platform.runId}-linked-${i}`,
        ),
      ),
    );
    const codes = created.map((c) => c.dossier.code);
    for (const c of created) expect(c.dossier).toMatchObject({ procedureCode: LINKED, nationalStatus: 2 });

    /** Waits until `client` sees an open task of step `stepKey` for each code, completes them, returns them. */
    const completeStep = async (client: RoutingClient, stepKey: string, forCodes: string[]) => {
      let found: TaskView[] = [];
      await expectEventually(
        async () => {
          found = (await client.openTasks(500)).filter((t) => forCodes.includes(t.dossierCode) && t.stepKey === stepKey);
          expect(found.map((t) => t.dossierCode).sort()).toEqual([...forCodes].sort());
        },
        SETTLE_MS,
        200,
      );
      for (const t of found) expect(await client.completeTask(t.id, `Hoàn thành bước ${stepKey}`)).toBe('completed');
      return found;
    };

    await completeStep(commune, 'khai-sinh', codes);
    await completeStep(approver, 'duyet-khai-sinh', codes);
    // both branches open at once; half the dossiers finish at the police first, half at social insurance first
    const policeFirst = codes.filter((_, i) => i % 2 === 0);
    const insuranceFirst = codes.filter((_, i) => i % 2 === 1);
    await completeStep(police, 'thuong-tru', policeFirst);
    await completeStep(insurance, 'the-bhyt', insuranceFirst);
    // the join waits for its last branch: nobody at the centre has anything yet
    expect((await centre.openTasks(500)).filter((t) => codes.includes(t.dossierCode))).toEqual([]);
    await completeStep(insurance, 'the-bhyt', policeFirst);
    await completeStep(police, 'thuong-tru', insuranceFirst);
    await completeStep(centre, 'tra-ket-qua', codes);

    await awaitStatus(codes, () => 9);

    // the control slip lists every hand-over between people, from the counter to the return of the result …
    const isPostal = (kind: string) => kind.startsWith('POSTAL_');
    for (const code of codes) {
      const slip = await centre.controlSlip(code);
      const lines = slip.handOvers
        .filter((h) => !isPostal(h.kind))
        .map(
          (h) =>
            `${h.kind} ${h.giver.agencyCode}:${h.fromStep?.key ?? '-'} → ${h.receiver.agencyCode}/${h.receiver.role ?? '-'}:${h.toStep?.key ?? '-'}`,
        );
      expect(lines.sort()).toEqual(
        [
          `RECEIVED ${RECEIVING_AGENCY}:- → ${COMPETENT_AGENCY}/SPECIALIST:khai-sinh`,
          `FORWARDED ${COMPETENT_AGENCY}:khai-sinh → ${COMPETENT_AGENCY}/APPROVER:duyet-khai-sinh`,
          `FORWARDED ${COMPETENT_AGENCY}:duyet-khai-sinh → ${POLICE}/SPECIALIST:thuong-tru`,
          `FORWARDED ${COMPETENT_AGENCY}:duyet-khai-sinh → ${SOCIAL_INSURANCE}/SPECIALIST:the-bhyt`,
          `FORWARDED ${POLICE}:thuong-tru → ${RECEIVING_AGENCY}/SPECIALIST:tra-ket-qua`,
          `FORWARDED ${SOCIAL_INSURANCE}:the-bhyt → ${RECEIVING_AGENCY}/SPECIALIST:tra-ket-qua`,
          `RESOLVED ${RECEIVING_AGENCY}:tra-ket-qua → ${RECEIVING_AGENCY}/-:-`,
        ].sort(),
      );
      const times = slip.handOvers.map((h) => h.handedOverAt);
      expect(times).toEqual([...times].sort()); // in time order
      // … and the paper's legs by post (counter dossier: the paper travels), with the postal receipt as evidence of time
      await expectEventually(async () => {
        const legs = (await centre.controlSlip(code)).handOvers
          .filter((h) => isPostal(h.kind))
          .map((h) => `${h.kind} ${h.giver.agencyCode} → ${h.receiver.agencyCode}`);
        expect(legs).toEqual(
          expect.arrayContaining([`POSTAL_HANDED_OVER ${RECEIVING_AGENCY} → VNPOST`, `POSTAL_DELIVERED VNPOST → ${COMPETENT_AGENCY}`]),
        );
      }, 30_000);
    }
  });
});
