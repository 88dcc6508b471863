import { DataSource } from 'typeorm';
import { bearer, RunningIntake, startIntake } from './intake-test-kit';
import { AuthUser } from '@motcua/auth';

const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const API = '/api/intake/v1/agencies';
const PROVINCE = '000.00.00.H56';

describe('agency tree and office hours over HTTP (real PostgreSQL)', () => {
  let intake: RunningIntake;

  beforeAll(async () => {
    intake = await startIntake('intake_agencies');
  });

  afterAll(async () => {
    await intake?.close();
  });

  const http = () => intake.http();
  const get = (path: string, query: Record<string, string> = {}) =>
    http().get(`${API}${path}`).query(query).set('Authorization', bearer(clerk));
  const asAdmin = (method: 'post' | 'put' | 'delete', path: string) => http()[method](`${API}${path}`).set('Authorization', bearer(admin));
  const codes = (body: { code: string }[]) => body.map((a) => a.code);
  const countAgencies = async () => Number((await intake.app.get(DataSource).query('SELECT count(*)::int AS n FROM agency'))[0].n);

  it('holds both trees as data: the two-level tree under the province, the three-level one through districts', async () => {
    const two = await get(`/${PROVINCE}/children`, { tree: 'TWO_LEVEL' }).expect(200);
    expect(codes(two.body)).toEqual(expect.arrayContaining(['000.00.06.H56', '000.00.10.H56', '000.21.01.H56', '000.21.02.H56']));
    expect(codes(two.body)).not.toContain('000.00.31.H56');
    const three = await get(`/${PROVINCE}/children`, { tree: 'THREE_LEVEL' }).expect(200);
    expect(codes(three.body)).toEqual(expect.arrayContaining(['000.00.10.H56', '000.00.31.H56', '000.00.32.H56']));
    expect(codes(three.body)).not.toContain('000.21.01.H56');
    expect(three.body.find((a: { code: string }) => a.code === '000.00.31.H56')).toMatchObject({
      level: 'DISTRICT',
      validTo: '2025-07-01',
    });
    expect(codes((await get('/000.00.06.H56/children').expect(200)).body)).toEqual(['000.01.06.H56', '000.02.06.H56']);
    const path = await get('/000.02.32.H56/path').expect(200);
    expect(codes(path.body)).toEqual([PROVINCE, '000.00.32.H56', '000.02.32.H56']);
    expect(codes((await get('/000.21.02.H56/path').expect(200)).body)).toEqual([PROVINCE, '000.21.02.H56']);
    await get('/000.99.99.H56/path').expect(404);
    expect((await get('/bad-code/children').expect(400)).body.error.details[0]).toMatchObject({ field: 'code', rule: 'matches' });
    await http().get(`${API}/${PROVINCE}/children`).expect(401);
  });

  it('creates an agency under an existing parent of a fitting level; refuses bad input naming the field', async () => {
    const body = {
      code: '000.21.03.H56',
      name: 'Ủy ban nhân dân xã Quảng Phú',
      level: 'COMMUNE',
      parentCode: PROVINCE,
      tree: 'TWO_LEVEL',
      validFrom: '2025-07-01',
    };
    const created = await asAdmin('post', '').send(body).expect(201);
    expect(created.body).toMatchObject({ code: '000.21.03.H56', provinceCode: '38', active: true, tree: 'TWO_LEVEL' });
    const before = await countAgencies();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...body, code: '21.03.H56' }, 400, 'code', 'matches'],
      [{ ...body, code: '000.21.04.H56', parentCode: '000.99.01.H56' }, 422, 'parentCode', 'exists'],
      [{ ...body, code: '000.21.04.H56', parentCode: '000.00.10.H56' }, 422, 'parentCode', 'parentLevel'],
      [{ ...body, code: '000.21.04.H56', parentCode: undefined }, 400, 'parentCode', 'required'],
      [{ ...body, code: '000.21.04.H56', level: 'WARD' }, 400, 'level', 'isIn'],
      [{ ...body, code: '000.21.04.H56', tree: 'ONE_LEVEL' }, 400, 'tree', 'isIn'],
      [{ ...body, code: '000.21.04.H56', validFrom: '2025-02-30' }, 400, 'validFrom', 'realDate'],
      [{ ...body, code: '000.21.04.H56', provinceCode: '01' }, 400, 'provinceCode', 'sameAsParent'],
      [body, 409, 'code', 'unique'],
    ];
    for (const [payload, status, field, rule] of cases) {
      const res = await asAdmin('post', '').send(payload);
      expect({ field, status: res.status }).toEqual({ field, status });
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    expect(await countAgencies()).toBe(before);
    await http()
      .post(API)
      .set('Authorization', bearer(clerk))
      .send({ ...body, code: '000.21.05.H56' })
      .expect(403);
  });

  it('moves an agency, refusing cycles and unfit parents; deactivates only without active children', async () => {
    // a two-level commune moved under a district (three-level), then back
    const moved = await asAdmin('post', '/000.21.03.H56/move').send({ parentCode: '000.00.31.H56' }).expect(200);
    expect(moved.body.parentCode).toBe('000.00.31.H56');
    expect(codes((await get('/000.21.03.H56/path').expect(200)).body)).toEqual([PROVINCE, '000.00.31.H56', '000.21.03.H56']);
    const cycle = await asAdmin('post', '/000.00.31.H56/move').send({ parentCode: '000.21.03.H56' }).expect(422);
    expect(cycle.body.error.details[0]).toMatchObject({ field: 'parentCode', rule: 'noCycle' });
    const self = await asAdmin('post', '/000.00.31.H56/move').send({ parentCode: '000.00.31.H56' }).expect(422);
    expect(self.body.error.details[0]).toMatchObject({ field: 'parentCode', rule: 'noCycle' });
    const unfit = await asAdmin('post', '/000.21.03.H56/move').send({ parentCode: '000.00.06.H56' }).expect(422);
    expect(unfit.body.error.details[0]).toMatchObject({ field: 'parentCode', rule: 'parentLevel' });
    expect((await asAdmin('post', '/000.21.03.H56/move').send({ parentCode: 'x' }).expect(400)).body.error.details[0]).toMatchObject({
      field: 'parentCode',
    });
    await asAdmin('post', '/000.99.99.H56/move').send({ parentCode: PROVINCE }).expect(404);
    // deactivation
    const busy = await asAdmin('post', '/000.00.31.H56/deactivation').expect(409);
    expect(busy.body.error.details[0]).toMatchObject({ field: 'code', rule: 'noActiveChildren' });
    expect((await asAdmin('post', '/000.21.03.H56/deactivation').expect(200)).body.active).toBe(false);
    expect(codes((await get('/000.00.31.H56/children').expect(200)).body)).not.toContain('000.21.03.H56');
    expect(codes((await get('/000.00.31.H56/children', { includeInactive: 'true' }).expect(200)).body)).toContain('000.21.03.H56');
    // a deactivated agency cannot become a parent
    const inactive = await asAdmin('post', '/000.01.31.H56/move').send({ parentCode: '000.21.03.H56' }).expect(422);
    expect(inactive.body.error.details[0]).toMatchObject({ field: 'parentCode' });
    await http().post(`${API}/000.01.31.H56/deactivation`).set('Authorization', bearer(clerk)).expect(403);
  });

  it('keeps office hours per agency or per province, validated, and the legal clock uses them', async () => {
    const appointment = (receivedAt: string, agencyCode?: string) =>
      http()
        .get('/api/intake/v1/procedures/1.001193/appointment')
        .query({ receivedAt, ...(agencyCode ? { agencyCode } : {}) })
        .expect(200);
    const at0715 = '2026-11-24T07:15:00+07:00'; // a Tuesday
    expect((await get('/000.00.10.H56/office-hours').expect(200)).body).toMatchObject({
      source: 'CONFIG',
      officeHours: '07:00-11:30,13:30-17:00',
    });
    expect((await appointment(at0715, '000.00.10.H56')).body.countingStartsAt).toBe('2026-11-24T07:15:00+07:00');
    // the province's hours, for every agency without its own
    const set = await asAdmin('put', `/${PROVINCE}/office-hours`).send({ morning: '08:00-12:00', afternoon: '13:00-17:00' }).expect(200);
    expect(set.body).toMatchObject({ officeHours: '08:00-12:00,13:00-17:00', source: 'AGENCY' });
    expect((await get('/000.00.10.H56/office-hours').expect(200)).body).toMatchObject({
      source: 'PROVINCE',
      officeHours: '08:00-12:00,13:00-17:00',
    });
    expect((await appointment(at0715, '000.00.10.H56')).body.countingStartsAt).toBe('2026-11-24T08:00:00+07:00');
    expect((await appointment(at0715)).body.countingStartsAt).toBe('2026-11-24T08:00:00+07:00');
    // an agency's own hours win (xã Đông Sơn has 07:30–11:30, 13:30–17:30 in the seed)
    expect((await appointment(at0715, '000.21.02.H56')).body.countingStartsAt).toBe('2026-11-24T07:30:00+07:00');
    await asAdmin('put', '/000.21.02.H56/office-hours').send({ morning: '07:45-11:30', afternoon: '13:30-17:00' }).expect(200);
    expect((await appointment(at0715, '000.21.02.H56')).body.countingStartsAt).toBe('2026-11-24T07:45:00+07:00');
    // cleared: back to the province's, then to the configuration
    expect((await asAdmin('delete', '/000.21.02.H56/office-hours').expect(200)).body.source).toBe('PROVINCE');
    expect((await asAdmin('delete', `/${PROVINCE}/office-hours`).expect(200)).body.source).toBe('CONFIG');
    expect((await appointment(at0715, '000.21.02.H56')).body.countingStartsAt).toBe('2026-11-24T07:15:00+07:00');
  });

  it.each([
    [{ morning: '7:00-11:30', afternoon: '13:30-17:00' }, 'morning', 'matches'],
    [{ morning: '11:30-07:00', afternoon: '13:30-17:00' }, 'morning', 'startBeforeEnd'],
    [{ morning: '07:00-14:00', afternoon: '14:30-17:00' }, 'morning', 'morningSession'],
    [{ morning: '07:00-11:30', afternoon: '11:00-17:00' }, 'afternoon', 'afterMorning'],
    [{ morning: '07:00-11:30', afternoon: '13:30-23:00' }, 'afternoon', 'afternoonSession'],
    [{ morning: '07:00-11:30', afternoon: '13:30-25:00' }, 'afternoon', 'matches'],
    [{ morning: '07:00-11:30' }, 'afternoon', 'matches'],
    [{ morning: '07:00-11:30', afternoon: '13:30-17:00', evening: '18:00-20:00' }, 'evening', 'whitelistValidation'],
  ])('refuses office hours %j naming %s, storing nothing', async (body, field, rule) => {
    const res = await asAdmin('put', '/000.21.01.H56/office-hours').send(body).expect(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect((await get('/000.21.01.H56').expect(200)).body.officeHours).toBeNull();
  });

  it('answers 404 for office hours of an unknown agency and 403 to non-administrators', async () => {
    await asAdmin('put', '/000.99.99.H56/office-hours').send({ morning: '07:00-11:30', afternoon: '13:30-17:00' }).expect(404);
    await http()
      .put(`${API}/000.21.01.H56/office-hours`)
      .set('Authorization', bearer(clerk))
      .send({ morning: '07:00-11:30', afternoon: '13:30-17:00' })
      .expect(403);
  });
});
