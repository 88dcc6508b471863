import { DOSSIER_RECEIVED } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { RunningSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { expectEventually, makeEnvelope } from '@motcua/testing';
import { ApiMessage, dossierCode, received } from './fixtures';
import { NotificationTestKit, startNotificationTestKit } from './notification-test-kit';

/** Our token bucket allows 4 SMS a second (burst 1); the gateway allows 5 in any rolling second. */
describe('notification: per-provider rate limit, a gateway answering 429, a slow gateway', () => {
  let bus: InProcessBus;
  let sms: RunningSmsGatewaySimulator;
  let kit: NotificationTestKit;

  beforeAll(async () => {
    kit = await startNotificationTestKit({
      database: 'notification_rate_limits',
      config: { smsRatePerSecond: 4, smsRateBurst: 1, smsRetryBaseMs: 50, smsMaxAttempts: 10, smsTimeoutMs: 300, dispatchPollMs: 200 },
    });
    ({ bus, sms } = kit);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const messages = (code: string): Promise<ApiMessage[]> => kit.messages(code);
  const sent = (code: string): Promise<ApiMessage> =>
    expectEventually(async () => {
      const [m] = await messages(code);
      expect(m?.status).toBe('SENT');
      return m;
    }, 15_000);

  it('spaces a burst of messages to the configured rate: the gateway never answers 429', async () => {
    sms.engine.configure({ rateLimitPerSecond: 5 });
    const codes = Array.from({ length: 9 }, () => dossierCode());
    const started = Date.now();
    await bus.publish(codes.map((code) => makeEnvelope(DOSSIER_RECEIVED, received(code))));
    const list = await Promise.all(codes.map(sent));
    // 9 tokens at 4/s, burst 1: the last one not before 2 s
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    for (const m of list) expect(m.attempts).toBe(1);
    const accepted = list.map((m) => Date.parse(sms.engine.getMessage(m.gatewayMessageId!)!.acceptedAt)).sort((a, b) => a - b);
    // 8 intervals of 250 ms (less network jitter) between the first and the last acceptance
    expect(accepted[accepted.length - 1] - accepted[0]).toBeGreaterThanOrEqual(1800);
    sms.engine.configure({ rateLimitPerSecond: 0 });
  });

  it('a gateway answering 429: the message waits for Retry-After (1 s, longer than the backoff) and is sent once', async () => {
    sms.engine.configure({ rateLimitPerSecond: 1 });
    const codes = [dossierCode(), dossierCode(), dossierCode()];
    await bus.publish(codes.map((code) => makeEnvelope(DOSSIER_RECEIVED, received(code))));
    const list = await Promise.all(codes.map(sent));
    const throttled = list.filter((m) => m.attempts > 1);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    const accepted = list.map((m) => Date.parse(sms.engine.getMessage(m.gatewayMessageId!)!.acceptedAt)).sort((a, b) => a - b);
    // throttled requests came back only after the gateway's Retry-After, not after the 50 ms backoff
    for (let i = 1; i < accepted.length; i++) expect(accepted[i] - accepted[i - 1]).toBeGreaterThanOrEqual(900);
    for (const m of list) expect(sms.engine.listMessages({ clientRequestId: m.id })).toHaveLength(1);
    sms.engine.configure({ rateLimitPerSecond: 0 });
  });

  it('a slow gateway: timed-out sends are retried with the same id and the citizen gets one SMS', async () => {
    sms.engine.configure({ latencyMs: 800 });
    const code = dossierCode();
    await bus.publish([makeEnvelope(DOSSIER_RECEIVED, received(code))]);
    await expectEventually(async () => {
      const [m] = await messages(code);
      expect(m?.status).toBe('PENDING');
      expect(m.lastError).toContain('timeout after 300 ms');
    });
    sms.engine.configure({ latencyMs: 0 });
    const msg = await sent(code);
    expect(msg.attempts).toBeGreaterThan(1);
    expect(sms.engine.listMessages({ clientRequestId: msg.id })).toHaveLength(1);
  });
});
