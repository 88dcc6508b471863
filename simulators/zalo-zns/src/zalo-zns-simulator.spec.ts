import express from 'express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createZaloZnsSimulator } from './zalo-zns-simulator';
import { toZaloPhone, zaloEventSignature, type ZnsDeliveryEvent } from './zalo-zns-engine';

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

  it('posts signed delivery events: user_received_message, the failure event with its error, duplicates when told', async () => {
    const received: Array<{ raw: string; signature: string | undefined }> = [];
    const hook = express();
    hook.post('/hook', express.text({ type: '*/*' }), (req, res) => {
      received.push({ raw: req.body as string, signature: req.header('x-zevent-signature') });
      res.json({ ok: true });
    });
    const server = hook.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const sim = createZaloZnsSimulator({ accessToken: 'tok', appId: 'app-1', oaSecretKey: 'secret-1', webhookDelayMs: 0 });
    try {
      await request(sim.app)
        .post('/__sim/config')
        .send({ webhookUrl: url, undeliverablePhones: ['0912000222'], duplicateEvents: true })
        .expect(200);
      await request(sim.app).post('/message/template').set('access_token', 'tok').send(body()).expect(200);
      await request(sim.app)
        .post('/message/template')
        .set('access_token', 'tok')
        .send(body({ phone: '0912000222', tracking_id: 'msg-2' }))
        .expect(200);
      await sim.engine.whenWebhooksIdle();
      expect(received).toHaveLength(4);
      for (const r of received) {
        const e = JSON.parse(r.raw) as ZnsDeliveryEvent;
        expect(r.signature).toBe(zaloEventSignature('app-1', r.raw, e.timestamp, 'secret-1'));
      }
      const events = received.map((r) => JSON.parse(r.raw) as ZnsDeliveryEvent);
      expect(events.filter((e) => e.event_name === 'user_received_message').map((e) => e.message.tracking_id)).toEqual(['msg-1', 'msg-1']);
      expect(events.filter((e) => e.event_name === 'user_not_received_message').map((e) => e.message.error)).toEqual([-139, -139]);
      expect((await request(sim.app).get('/__sim/webhooks').expect(200)).body.items).toHaveLength(4);
    } finally {
      await sim.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
