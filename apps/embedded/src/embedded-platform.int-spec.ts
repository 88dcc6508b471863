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
    const sms = await expectEventually(async () => {
      const r = await json('GET', `/sim/sms/__sim/messages?phone=${phone}`);
      expect(r.body.items).toHaveLength(3);
      return r.body.items as Array<{ message: string }>;
    });
    expect(sms[0].message).toContain(code);
    const admin = await token('admin');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const summary = await expectEventually(async () => {
      const r = await json('GET', `/api/reporting/v1/agencies/000.00.06.H56/summary?from=${today}&to=${today}`, admin);
      expect(r.body.received).toBeGreaterThanOrEqual(1);
      return r.body;
    });
    expect(summary.agencyCode).toBe('000.00.06.H56');
  }, 60_000);

  it('refuses unknown demo users and requires tokens', async () => {
    expect((await json('POST', '/api/dev/token', undefined, { sub: 'nobody' })).status).toBe(404);
    expect((await json('GET', '/api/routing/v1/tasks')).status).toBe(401);
  });
});
