import { DataSource } from 'typeorm';
import { bearer, RunningIntake, startIntake } from './intake-test-kit';
import { AuthUser } from '@motcua/auth';
import { hashKey } from '../src/integrators/integrator-keys';

const CENTER = '000.00.06.H56';
const OTHER = '000.21.02.H56';
const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };

const online = (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  receivingAgencyCode: CENTER,
  applicant: { fullName: 'Lê Văn Mạng', idNumber: '038190001234', phone: '0932000001' },
  resultDelivery: 'COUNTER',
  ...over,
});

describe('integrator keys and the online channel (X-Api-Key)', () => {
  let intake: RunningIntake;
  let nationalKey: string;
  let provincialKey: string;
  let provincialId: string;

  beforeAll(async () => {
    intake = await startIntake('intake_integrators');
  });

  afterAll(async () => {
    await intake?.close();
  });

  const http = () => intake.http();
  const count = async (table: string) => Number((await intake.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const issue = (body: object, user: AuthUser = admin) =>
    http().post('/api/intake/v1/integrator-keys').set('Authorization', bearer(user)).send(body);
  const submit = (key: string | null, body: object, idem?: string) => {
    const req = http().post('/api/intake/v1/online/dossiers');
    if (key !== null) req.set('X-Api-Key', key);
    if (idem) req.set('Idempotency-Key', idem);
    return req.send(body);
  };

  it('issues a key once (only its SHA-256 is stored), lists keys without it', async () => {
    const res = await issue({ integrator: 'NATIONAL_PORTAL', name: 'Cổng Dịch vụ công quốc gia', allowedAgencyCodes: [CENTER] }).expect(
      201,
    );
    nationalKey = res.body.key;
    expect(nationalKey).toMatch(/^mck_[a-z2-9]{10}\.[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({
      integrator: 'NATIONAL_PORTAL',
      prefix: nationalKey.slice(4, 14),
      allowedProcedureCodes: null,
      revokedAt: null,
    });
    const rows = await intake.app.get(DataSource).query('SELECT key_hash FROM integrator_key');
    expect(rows).toEqual([{ key_hash: hashKey(nationalKey) }]);
    expect(JSON.stringify(rows)).not.toContain(nationalKey.slice(15));

    const prov = await issue({
      integrator: 'PROVINCIAL_PORTAL',
      name: 'Cổng Dịch vụ công tỉnh Thanh Hóa',
      allowedAgencyCodes: [CENTER, OTHER],
      allowedProcedureCodes: ['1.001193'],
    }).expect(201);
    provincialKey = prov.body.key;
    provincialId = prov.body.id;

    const list = await http().get('/api/intake/v1/integrator-keys').set('Authorization', bearer(admin)).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toMatch(/"key"|keyHash|key_hash/);
    const filtered = await http()
      .get('/api/intake/v1/integrator-keys?integrator=PROVINCIAL_PORTAL')
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(filtered.body.items.map((k: { id: string }) => k.id)).toEqual([provincialId]);
  });

  it('refuses key administration to non-admins and bad scopes, storing nothing', async () => {
    const before = await count('integrator_key');
    await issue({ integrator: 'NATIONAL_PORTAL', name: 'X Y', allowedAgencyCodes: [CENTER] }, clerk).expect(403);
    await http().get('/api/intake/v1/integrator-keys').set('Authorization', bearer(clerk)).expect(403);
    const cases: Array<[object, number, string, string]> = [
      [{ integrator: 'ZALO', name: 'X Y', allowedAgencyCodes: [CENTER] }, 400, 'integrator', 'isIn'],
      [{ integrator: 'NATIONAL_PORTAL', name: 'X Y', allowedAgencyCodes: [] }, 400, 'allowedAgencyCodes', 'arrayMinSize'],
      [{ integrator: 'NATIONAL_PORTAL', name: 'X Y', allowedAgencyCodes: ['H56'] }, 400, 'allowedAgencyCodes', 'matches'],
      [{ integrator: 'NATIONAL_PORTAL', name: 'X Y', allowedAgencyCodes: ['999.99.99.H56'] }, 422, 'allowedAgencyCodes.0', 'exists'],
      [
        { integrator: 'NATIONAL_PORTAL', name: 'X Y', allowedAgencyCodes: [CENTER], allowedProcedureCodes: ['9.9'] },
        422,
        'allowedProcedureCodes.0',
        'exists',
      ],
    ];
    for (const [body, status, field, rule] of cases) {
      const res = await issue(body).expect(status);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    expect(await count('integrator_key')).toBe(before);
  });

  it('receives an online dossier with a key and records which integrator submitted it', async () => {
    const res = await submit(nationalKey, online()).expect(201);
    expect(res.body).toMatchObject({
      channel: 'ONLINE',
      receivingAgencyCode: CENTER,
      nationalStatus: 2,
      integrator: { code: 'NATIONAL_PORTAL' },
      receivedBy: { id: 'integrator:NATIONAL_PORTAL', name: 'Cổng Dịch vụ công quốc gia', role: 'INTEGRATOR' },
    });
    expect(res.body.lookupSecret).toMatch(/^[A-Z2-9]{8}$/);
    const staff = await http().get(`/api/intake/v1/dossiers/${res.body.code}`).set('Authorization', bearer(clerk)).expect(200);
    expect(staff.body.integrator.code).toBe('NATIONAL_PORTAL');
  });

  it('answers 401 for a missing, malformed or unknown key, 403 outside its scope, in the API error format; nothing stored', async () => {
    const before = await count('dossier');
    expect((await submit(null, online()).expect(401)).body.error.code).toBe('AUTH.API_KEY_MISSING');
    expect((await submit('abc', online()).expect(401)).body.error.code).toBe('AUTH.API_KEY_INVALID');
    const forged = `${nationalKey.slice(0, 15)}${'A'.repeat(43)}`;
    expect((await submit(forged, online()).expect(401)).body.error.code).toBe('AUTH.API_KEY_INVALID');
    // a staff token is not a key
    await http().post('/api/intake/v1/online/dossiers').set('Authorization', bearer(clerk)).send(online()).expect(401);

    const agency = await submit(nationalKey, online({ receivingAgencyCode: OTHER })).expect(403);
    expect(agency.body.error).toMatchObject({
      code: 'AUTH.API_KEY_SCOPE',
      details: [{ field: 'receivingAgencyCode', rule: 'allowedAgency' }],
    });
    const proc = await submit(provincialKey, online({ procedureCode: '2.000908' })).expect(403);
    expect(proc.body.error.details[0]).toMatchObject({ field: 'procedureCode', rule: 'allowedProcedure' });
    // authenticated, then validated: a bad body with a good key is a 400 naming the field
    const bad = await submit(nationalKey, online({ channel: 'COUNTER', applicant: { fullName: 'A B', idNumber: '1' } })).expect(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'channel' }), expect.objectContaining({ field: 'applicant.idNumber' })]),
    );
    expect(await count('dossier')).toBe(before);
  });

  it('keeps Idempotency-Key per integrator: same body → same dossier (200), other body → 409, other integrator → its own dossier', async () => {
    const first = await submit(nationalKey, online(), 'portal-req-0001').expect(201);
    const again = await submit(nationalKey, online(), 'portal-req-0001').expect(200);
    expect(again.body.code).toBe(first.body.code);
    expect(again.body.lookupSecret).toBe(first.body.lookupSecret);
    const conflict = await submit(nationalKey, online({ resultDelivery: 'POST' }), 'portal-req-0001').expect(409);
    expect(conflict.body.error.code).toBe('INTAKE.IDEMPOTENCY_KEY_REUSED');
    const provincial = await submit(provincialKey, online(), 'portal-req-0001').expect(201);
    expect(provincial.body.code).not.toBe(first.body.code);
    expect(provincial.body.integrator.code).toBe('PROVINCIAL_PORTAL');
    // the same client key at the counter is another scope too
    const counter = await http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .set('Idempotency-Key', 'portal-req-0001')
      .send({ ...online(), receivingAgencyCode: undefined, channel: 'COUNTER' })
      .expect(201);
    expect([first.body.code, provincial.body.code]).not.toContain(counter.body.code);
  });

  it('revokes a key: refused at once with 401, revocation is idempotent', async () => {
    await submit(provincialKey, online()).expect(201);
    const res = await http()
      .post(`/api/intake/v1/integrator-keys/${provincialId}/revocation`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(res.body).toMatchObject({ revokedBy: 'admin1' });
    expect(res.body.revokedAt).not.toBeNull();
    const again = await http()
      .post(`/api/intake/v1/integrator-keys/${provincialId}/revocation`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(again.body.revokedAt).toBe(res.body.revokedAt);
    expect((await submit(provincialKey, online()).expect(401)).body.error.code).toBe('AUTH.API_KEY_REVOKED');
    await http()
      .post('/api/intake/v1/integrator-keys/00000000-0000-4000-8000-000000000000/revocation')
      .set('Authorization', bearer(admin))
      .expect(404);
    // the other integrator's key still works
    await submit(nationalKey, online()).expect(201);
  });
});
