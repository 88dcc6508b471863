import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { expectEventually } from '@motcua/testing';
import { RunningPlatform, startEmbeddedPlatform } from './embedded-platform';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The walking skeleton in embedded mode: one process, embedded PostgreSQL, in-process bus, simulators. */
describe('embedded platform', () => {
  let platform: RunningPlatform;
  let dataDir: string;
  let base: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-embedded-test-'));
    fs.chmodSync(dataDir, 0o755);
    process.env.LOG_LEVEL = 'silent';
    process.env.VNPOST_SIM_STEP_DELAY_MS = '20';
    const port = await freePort();
    platform = await startEmbeddedPlatform({ port, pgPort: await freePort(), dataDir });
    base = platform.url;
  }, 90_000);

  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const json = async (method: string, url: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const token = async (sub: string) => (await json('POST', '/api/dev/token', undefined, { sub })).body.token as string;

  it('answers /health once every service is up', async () => {
    const health = await json('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.services).toEqual({ intake: 'up', routing: 'up', 'postal-delivery': 'up', notification: 'up', reporting: 'up' });
  });

  it('takes one dossier through intake, routing, the post, notification and reporting', async () => {
    const clerk = await token('clerk.center');
    const specialist = await token('specialist.hacthanh');
    const phone = '0987654321';
    const created = await json('POST', '/api/intake/v1/dossiers', clerk, {
      procedureCode: '1.001193',
      channel: 'COUNTER',
      resultDelivery: 'POST',
      applicant: { fullName: 'Trần Văn Bình', idNumber: '038090004321', phone },
      deliveryAddress: { recipientName: 'Trần Văn Bình', phone, line: 'Thôn Đông, xã Đông Sơn', communeCode: '14761', provinceCode: '38' },
    });
    expect(created.status).toBe(201);
    const code = created.body.code as string;
    const task = await expectEventually(async () => {
      const tasks = (await json('GET', '/api/routing/v1/tasks', specialist)).body as Array<{ id: string; dossierCode: string }>;
      const t = tasks.find((x) => x.dossierCode === code);
      if (!t) throw new Error('no task yet');
      return t;
    });
    const done = await json('POST', `/api/routing/v1/tasks/${task.id}/complete`, specialist, { resultSummary: 'Đã cấp Giấy khai sinh' });
    expect(done.status).toBe(200);
    const lookup = await expectEventually(async () => {
      const r = await json('GET', `/api/intake/v1/lookup/${code}?secret=${created.body.lookupSecret}`);
      expect(r.body.nationalStatus).toBe(10);
      return r.body;
    }, 20_000);
    expect(lookup.timeline.map((t: { nationalStatus: number }) => t.nationalStatus)).toEqual([2, 4, 9, 10]);
    // received, result ready, delivered once each (plus the postman's "out for delivery" when postal announces it)
    const sms = await expectEventually(async () => {
      const r = await json('GET', `/sim/sms/__sim/messages?phone=${phone}`);
      const items = r.body.items as Array<{ message: string }>;
      expect(items.some((m) => m.message.includes('Bưu điện đã phát'))).toBe(true);
      return items;
    });
    const kinds = sms.map((m) =>
      m.message.includes('đã được tiếp nhận')
        ? 'received'
        : m.message.includes('đã có kết quả')
          ? 'ready'
          : m.message.includes('Bưu điện đã phát')
            ? 'delivered'
            : m.message.includes('Bưu tá đang phát')
              ? 'out'
              : m.message,
    );
    expect(kinds.filter((k) => k !== 'out').sort()).toEqual(['delivered', 'ready', 'received']);
    expect(kinds.filter((k) => k === 'out').length).toBeLessThanOrEqual(1);
    for (const m of sms) expect(m.message).toContain(code);
    const admin = await token('admin');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const summary = await expectEventually(async () => {
      const r = await json('GET', `/api/reporting/v1/agencies/000.00.06.H56/summary?from=${today}&to=${today}`, admin);
      expect(r.body.received).toBeGreaterThanOrEqual(1);
      return r.body;
    });
    expect(summary.agencyCode).toBe('000.00.06.H56');
  }, 60_000);

  it('sends by Zalo ZNS (its signed delivery event makes it DELIVERED) and by e-mail to the local SMTP server', async () => {
    const clerk = await token('clerk.center');
    const phone = '0987650001';
    const pref = await json('PUT', `/api/notification/v1/preferences/${phone}`, clerk, {
      optedOut: false,
      channels: ['ZALO', 'EMAIL'],
      email: 'binh.tran@example.vn',
    });
    expect(pref.status).toBe(200);
    const created = await json('POST', '/api/intake/v1/dossiers', clerk, {
      procedureCode: '1.001193',
      channel: 'COUNTER',
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Trần Văn Bình', idNumber: '038090004322', phone },
    });
    expect(created.status).toBe(201);
    const code = created.body.code as string;
    const messages = await expectEventually(async () => {
      const r = await json('GET', `/api/notification/v1/dossiers/${code}/messages`, clerk);
      const list = r.body.messages as Array<{ channel: string; status: string; deliveryStatus: string | null }>;
      expect(list.map((m) => m.channel).sort()).toEqual(['EMAIL', 'ZALO']);
      expect(list.find((m) => m.channel === 'ZALO')).toMatchObject({ status: 'SENT', deliveryStatus: 'DELIVERED' });
      expect(list.find((m) => m.channel === 'EMAIL')).toMatchObject({ status: 'SENT' });
      return list;
    }, 20_000);
    expect(messages).toHaveLength(2);
    const zns = await json('GET', `/sim/zalo/__sim/messages?phone=${phone}`);
    expect(zns.body.items).toHaveLength(1);
    const mail = (await json('GET', '/sim/mail/messages')).body.items as Array<{ to: string[]; subject: string }>;
    expect(mail.filter((m) => m.subject.includes(code))).toEqual([
      expect.objectContaining({ to: ['binh.tran@example.vn'], subject: `Hồ sơ ${code} đã được tiếp nhận` }),
    ]);
    expect((await json('GET', `/sim/sms/__sim/messages?phone=${phone}`)).body.items).toEqual([]);
  }, 60_000);

  it('pre-fills the applicant from the population-data simulator at the counter', async () => {
    const res = await json('GET', '/api/intake/v1/citizens/038190001234/prefill', await token('clerk.center'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fullName: 'Nguyễn Thị Hòa', permanentResidence: { provinceCode: '38' } });
  });

  it('refuses unknown demo users and requires tokens', async () => {
    expect((await json('POST', '/api/dev/token', undefined, { sub: 'nobody' })).status).toBe(404);
    expect((await json('GET', '/api/routing/v1/tasks')).status).toBe(401);
  });
});
