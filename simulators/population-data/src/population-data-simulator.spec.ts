import request from 'supertest';
import { createPopulationDataSimulator } from './population-data-simulator';

const KEY = 'sim-key-123';
const ask = (app: Parameters<typeof request>[0], id: string, h: Record<string, string> = {}) =>
  request(app)
    .get(`/api/v1/citizens/${id}`)
    .set({ 'X-Api-Key': KEY, 'X-Officer-Id': 'clerk1', 'X-Agency-Code': '000.00.06.H56', 'X-Purpose': 'TIEP_NHAN_HO_SO', ...h });

describe('population-data simulator', () => {
  it('answers a known resident with name (NFC, diacritics), birth date, gender, two-level residence and phone', async () => {
    const { app, engine } = createPopulationDataSimulator({ apiKey: KEY });
    const res = await ask(app, '038190001234').expect(200);
    expect(res.body).toEqual({
      idNumber: '038190001234',
      fullName: 'Nguyễn Thị Hòa',
      dateOfBirth: '1990-04-12',
      gender: 'FEMALE',
      permanentResidence: expect.objectContaining({ communeCode: '14755', provinceCode: '38', provinceName: 'Tỉnh Thanh Hóa' }),
      phone: '0912345678',
    });
    expect(res.body.fullName).toBe(res.body.fullName.normalize('NFC'));
    expect(engine.listCalls('038190001234')).toEqual([
      expect.objectContaining({ officerId: 'clerk1', purpose: 'TIEP_NHAN_HO_SO', status: 200 }),
    ]);
  });

  it('refuses a wrong key (401) and a lookup without officer, agency or purpose (403)', async () => {
    const { app } = createPopulationDataSimulator({ apiKey: KEY });
    await ask(app, '038190001234', { 'X-Api-Key': 'wrong' }).expect(401);
    for (const h of ['X-Officer-Id', 'X-Agency-Code', 'X-Purpose']) {
      const res = await ask(app, '038190001234', { [h]: ' ' }).expect(403);
      expect(res.body.code).toBe('AUTHORIZATION_REQUIRED');
    }
  });

  it('answers 404 for an unknown number and 400 for a malformed one', async () => {
    const { app } = createPopulationDataSimulator({ apiKey: KEY });
    await ask(app, '038190009999').expect(404);
    await ask(app, '12ab').expect(400);
  });

  it('fails the next lookups when told to, then recovers; reset forgets added residents', async () => {
    const { app } = createPopulationDataSimulator({ apiKey: KEY });
    await request(app).post('/__sim/config').send({ failNext: 2, httpStatus: 500 }).expect(200);
    await ask(app, '038190001234').expect(500);
    await ask(app, '038190001234').expect(500);
    await ask(app, '038190001234').expect(200);
    await request(app).post('/__sim/config').send({ failNext: 'x' }).expect(400);
    await request(app)
      .post('/__sim/citizens')
      .send({ idNumber: '038099000111', fullName: 'Đỗ Thị Mơ', dateOfBirth: '1999-01-01', gender: 'FEMALE', permanentResidence: {} })
      .expect(201);
    await ask(app, '038099000111').expect(200);
    await request(app).post('/__sim/reset').expect(200);
    await ask(app, '038099000111').expect(404);
  });
});
