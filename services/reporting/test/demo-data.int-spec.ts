import request from 'supertest';
import { issueToken } from '@motcua/auth';
import { useReportingApp } from './reporting-app';

const SECRET = 'reporting-demo-test-secret';
const PROVINCE = '000.00.00.H56';
const admin = issueToken(SECRET, { sub: 'admin', name: 'Quản trị', roles: ['ADMIN'], agencyCode: PROVINCE });
const supervisor = issueToken(SECRET, { sub: 'sup', name: 'Giám sát', roles: ['SUPERVISOR'], agencyCode: PROVINCE });

/** The published shape (DOMAIN.md §7): BCCI 3% → 22%, online 0.2% → 26% over four years, over 98% on time. */
const SHAPE = [
  { year: 2021, bcci: 0.03, online: 0.002, digitized: 0.3, reused: 0.02 },
  { year: 2022, bcci: 0.03 + 0.19 / 3, online: 0.002 + 0.258 / 3, digitized: 0.5, reused: 0.02 + 0.28 / 3 },
  { year: 2023, bcci: 0.03 + (2 * 0.19) / 3, online: 0.002 + (2 * 0.258) / 3, digitized: 0.7, reused: 0.02 + (2 * 0.28) / 3 },
  { year: 2024, bcci: 0.22, online: 0.26, digitized: 0.9, reused: 0.3 },
];
/** Events per year: received, resolved, returned for each dossier; two digitized documents for the digitized ones. */
const EVENTS = SHAPE.reduce((n, s) => n + 400 * 3 + 2 * Math.floor(400 * s.digitized + 1e-9), 0);

describe("reporting: demo data in the seed provinces' published shape", () => {
  const { app } = useReportingApp('reporting_demo', { authJwtSecret: SECRET });

  const demo = (token: string, query: Record<string, string>) =>
    request(app.getHttpServer()).post('/api/reporting/v1/admin/demo-data').query(query).set('Authorization', `Bearer ${token}`);

  it('writes four years of events, rebuilds, and the province indicators follow the shape (±1 point)', async () => {
    const res = (await demo(admin, { years: '4', perYear: '400', startYear: '2021' }).expect(200)).body;
    expect(res.eventsWritten).toBe(EVENTS);
    expect(res.rebuild).toMatchObject({ events: EVENTS, dossiers: 4 * 400 });
    for (const s of SHAPE) {
      const ind = (
        await request(app.getHttpServer())
          .get('/api/reporting/v1/indicators')
          .query({ from: `${s.year}-01-01`, to: `${s.year}-12-31` })
          .set('Authorization', `Bearer ${supervisor}`)
          .expect(200)
      ).body;
      expect(ind.bcciIntakeShare.denominator).toBe(400);
      expect(Math.abs(ind.bcciIntakeShare.rate - s.bcci)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(ind.onlineShare.rate - s.online)).toBeLessThanOrEqual(0.01);
      expect(ind.onTimeRate.rate).toBeGreaterThan(0.98);
      expect(Math.abs(ind.digitization.dossiers.rate - s.digitized)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(ind.digitization.reuse.rate - s.reused)).toBeLessThanOrEqual(0.01);
      // the results of the digitized dossiers resolved in the year (a late one may cross into the next)
      expect(Math.abs(ind.digitization.results.rate - s.digitized)).toBeLessThanOrEqual(0.01);
    }
  });

  it('is idempotent, and only for ADMIN with sane options', async () => {
    expect((await demo(admin, { years: '4', perYear: '400', startYear: '2021' }).expect(200)).body.eventsWritten).toBe(0);
    await demo(supervisor, { years: '1' }).expect(403);
    const bad = await demo(admin, { years: '50' }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'years' })]);
  });
});
