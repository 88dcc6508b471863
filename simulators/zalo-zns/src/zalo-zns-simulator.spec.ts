import request from 'supertest';
import { createZaloZnsSimulator } from './zalo-zns-simulator';
import { toZaloPhone } from './zalo-zns-engine';

describe('Zalo ZNS simulator', () => {
  const body = (over: object = {}) => ({
    phone: '84912345678',
    template_id: '300001',
    template_data: { code: '000.00.06.H56-260105-0001' },
    tracking_id: 'msg-1',
    ...over,
  });

  it('sends once per tracking id and lists what it sent', async () => {
    const sim = createZaloZnsSimulator({ accessToken: 'tok' });
    const first = await request(sim.app).post('/message/template').set('access_token', 'tok').send(body()).expect(200);
    expect(first.body).toMatchObject({ error: 0, message: 'Success', data: { msg_id: expect.any(String) } });
    const again = await request(sim.app).post('/message/template').set('access_token', 'tok').send(body()).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.msg_id).toBe(first.body.data.msg_id);
    const list = await request(sim.app).get('/__sim/messages').query({ phone: '0912345678' }).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ phone: '84912345678', templateId: '300001', trackingId: 'msg-1' });
  });

  it('answers -118 for a number without Zalo, -124 for a bad token, -108 for bad parameters, 503 when told to fail', async () => {
    const sim = createZaloZnsSimulator({ accessToken: 'tok' });
    await request(sim.app)
      .post('/__sim/config')
      .send({ noZaloPhones: ['0912345678'], failNext: 1 })
      .expect(200);
    const down = await request(sim.app).post('/message/template').set('access_token', 'tok').send(body()).expect(503);
    expect(down.body.error).toBe(-1);
    const none = await request(sim.app).post('/message/template').set('access_token', 'tok').send(body()).expect(200);
    expect(none.body.error).toBe(-118);
    const token = await request(sim.app).post('/message/template').set('access_token', 'other').send(body()).expect(200);
    expect(token.body.error).toBe(-124);
    const bad = await request(sim.app)
      .post('/message/template')
      .set('access_token', 'tok')
      .send(body({ phone: '12' }))
      .expect(200);
    expect(bad.body.error).toBe(-108);
    await request(sim.app).post('/__sim/config').send({ failNext: -1 }).expect(400);
    expect((await request(sim.app).get('/__sim/messages').expect(200)).body.items).toEqual([]);
  });

  it('normalises Vietnamese mobile numbers', () => {
    expect(toZaloPhone('0912345678')).toBe('84912345678');
    expect(toZaloPhone('+84 912 345 678')).toBe('84912345678');
    expect(toZaloPhone('12345')).toBeNull();
  });
});
