import { createHash, randomUUID } from 'node:crypto';
import { postJson, silentLogger, type SimLogger } from '@motcua/sim-common';

/** Zalo ZNS error codes the simulator answers (a subset of the real API's). */
export const ZNS_ERRORS = {
  OK: 0,
  INVALID_TOKEN: -124,
  INVALID_PARAMS: -108,
  /** The phone number has no Zalo account (or it is deactivated): ZNS cannot reach it. */
  NO_ZALO_ACCOUNT: -118,
  TEMPLATE_NOT_FOUND: -109,
} as const;

export interface ZnsMessage {
  msgId: string;
  trackingId: string;
  /** International format without '+', e.g. `84912345678`. */
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  sentTime: string;
}

/** Event names of the delivery webhook (see README: the failure event is the simulator's). */
export const ZNS_EVENTS = {
  /** Zalo's event: the user's device received the ZNS message. */
  RECEIVED: 'user_received_message',
  /** The message could not be delivered (`message.error`: see ZNS_DELIVERY_ERRORS). */
  FAILED: 'user_not_received_message',
} as const;

/** Error codes of a failed delivery: the first is temporary (the phone was offline until the message expired), the others permanent. */
export const ZNS_DELIVERY_ERRORS = {
  /** The user's device stayed offline until the message expired: sending again later may work. */
  DEVICE_OFFLINE: -201,
  /** The user blocked ZNS messages from this Official Account. */
  USER_BLOCKED_OA: -139,
  /** The account is inactive or cannot receive ZNS. */
  ACCOUNT_INACTIVE: -119,
} as const;

/** Body POSTed to the webhook, shaped like Zalo's OA webhook events. */
export interface ZnsDeliveryEvent {
  app_id: string;
  oa_id: string;
  event_name: (typeof ZNS_EVENTS)[keyof typeof ZNS_EVENTS];
  sender: { id: string };
  recipient: { phone: string };
  message: { msg_id: string; tracking_id: string; delivery_time?: string; error?: number; error_message?: string };
  /** Epoch milliseconds, as a string (part of the signature). */
  timestamp: string;
}

/** `X-ZEvent-Signature` value: `mac=` + hex SHA-256 of app id + raw body + timestamp + OA secret key (Zalo's scheme). */
export function zaloEventSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`).digest('hex')}`;
}

export interface WebhookAttempt {
  msgId: string;
  eventName: string;
  duplicate: boolean;
  /** HTTP status, 0 for network error / timeout. */
  httpStatus: number;
}

export interface ZaloZnsConfig {
  /** The next N sends answer HTTP 503 without sending. */
  failNext: number;
  /** Artificial latency of each send. */
  latencyMs: number;
  /** Numbers (any format: 09…, 849…) that have no Zalo account: sends answer error -118. */
  noZaloPhones: string[];
  /** Delivery webhook URL (none when unset): `user_received_message`, or the failure event. */
  webhookUrl?: string;
  /** Delay between a send and its delivery event. */
  webhookDelayMs: number;
  /** Numbers whose messages are accepted but never delivered: failure event, error -139 (permanent). */
  undeliverablePhones: string[];
  /** Numbers whose device is offline: failure event, error -201 (temporary). */
  offlinePhones: string[];
  /** Post every delivery event twice (Zalo retries webhooks it considers unanswered). */
  duplicateEvents: boolean;
}

export interface ZaloZnsEngineOptions extends Partial<Pick<ZaloZnsConfig, 'webhookUrl' | 'webhookDelayMs' | 'duplicateEvents'>> {
  /** Required `access_token` header; any token is accepted when unset. */
  accessToken?: string;
  /** App id and OA secret key the delivery events are signed with (`X-ZEvent-Signature`). */
  appId?: string;
  oaSecretKey?: string;
  oaId?: string;
  logger?: SimLogger;
  /** Template ids that exist; any id is accepted when unset. */
  templateIds?: string[];
  noZaloPhones?: string[];
  latencyMs?: number;
}

export interface ZnsSendOutcome {
  httpStatus: number;
  body: {
    error: number;
    message: string;
    data?: { msg_id: string; sent_time: string; quota: { dailyQuota: string; remainingQuota: string } };
  };
  replayed?: boolean;
}

/** `0912345678` / `+84912345678` / `84912345678` → `84912345678`; null when not a Vietnamese mobile number. */
export function toZaloPhone(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(/[\s.+-]/g, '');
  if (/^0\d{9}$/.test(digits)) return `84${digits.slice(1)}`;
  if (/^84\d{9}$/.test(digits)) return digits;
  return null;
}

/** In-memory ZNS: idempotent on `tracking_id`, numbers without Zalo, scripted outages, signed delivery events. */
export class ZaloZnsEngine {
  private readonly messages: ZnsMessage[] = [];
  private readonly byTracking = new Map<string, ZnsMessage>();
  private readonly attempts: WebhookAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger: SimLogger;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private generation = 0;
  private config: ZaloZnsConfig;

  constructor(private readonly options: ZaloZnsEngineOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.config = this.initialConfig();
    this.configure({ noZaloPhones: options.noZaloPhones ?? [] });
  }

  private initialConfig(): ZaloZnsConfig {
    return {
      failNext: 0,
      latencyMs: this.options.latencyMs ?? 0,
      noZaloPhones: [],
      webhookUrl: this.options.webhookUrl,
      webhookDelayMs: this.options.webhookDelayMs ?? 50,
      undeliverablePhones: [],
      offlinePhones: [],
      duplicateEvents: this.options.duplicateEvents ?? false,
    };
  }

  getConfig(): ZaloZnsConfig {
    return {
      ...this.config,
      noZaloPhones: [...this.config.noZaloPhones],
      undeliverablePhones: [...this.config.undeliverablePhones],
      offlinePhones: [...this.config.offlinePhones],
    };
  }

  configure(patch: Partial<ZaloZnsConfig>): ZaloZnsConfig {
    const norm = (list?: string[]) => list?.map((p) => toZaloPhone(p) ?? p);
    const lists = Object.fromEntries(
      (['noZaloPhones', 'undeliverablePhones', 'offlinePhones'] as const).filter((k) => patch[k]).map((k) => [k, norm(patch[k])]),
    );
    this.config = { ...this.config, ...patch, ...lists };
    return this.getConfig();
  }

  /** Delivery events POSTed so far (each attempt, duplicates included). */
  webhookAttempts(): WebhookAttempt[] {
    return [...this.attempts];
  }

  /** Resolves once no delivery event is waiting or in flight. */
  whenWebhooksIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  send(accessToken: string | undefined, body: unknown): ZnsSendOutcome {
    if (this.options.accessToken !== undefined && accessToken !== this.options.accessToken) {
      return { httpStatus: 200, body: { error: ZNS_ERRORS.INVALID_TOKEN, message: 'Access token is invalid' } };
    }
    if (this.config.failNext > 0) {
      this.config.failNext--;
      return { httpStatus: 503, body: { error: -1, message: 'Service unavailable' } };
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const phone = toZaloPhone(b.phone);
    const templateId = typeof b.template_id === 'string' || typeof b.template_id === 'number' ? String(b.template_id) : '';
    const data = b.template_data;
    const trackingId = typeof b.tracking_id === 'string' ? b.tracking_id : '';
    const dataOk =
      typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'string');
    if (!phone || templateId === '' || !dataOk || trackingId === '') {
      return { httpStatus: 200, body: { error: ZNS_ERRORS.INVALID_PARAMS, message: 'Invalid parameters' } };
    }
    const previous = this.byTracking.get(trackingId);
    if (previous) return { httpStatus: 200, body: this.success(previous), replayed: true };
    if (this.options.templateIds && !this.options.templateIds.includes(templateId)) {
      return { httpStatus: 200, body: { error: ZNS_ERRORS.TEMPLATE_NOT_FOUND, message: 'Template does not exist' } };
    }
    if (this.config.noZaloPhones.includes(phone)) {
      return { httpStatus: 200, body: { error: ZNS_ERRORS.NO_ZALO_ACCOUNT, message: 'User has no Zalo account or is inactive' } };
    }
    const msg: ZnsMessage = {
      msgId: randomUUID().replace(/-/g, ''),
      trackingId,
      phone,
      templateId,
      templateData: data as Record<string, string>,
      sentTime: String(Date.now()),
    };
    this.messages.push(msg);
    this.byTracking.set(trackingId, msg);
    this.scheduleEvent(msg);
    return { httpStatus: 200, body: this.success(msg) };
  }

  private scheduleEvent(msg: ZnsMessage): void {
    const url = this.config.webhookUrl;
    if (!url) return;
    const generation = this.generation;
    this.inFlight++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.postEvent(url, msg, generation).finally(() => {
        if (generation !== this.generation) return;
        this.inFlight--;
        this.notifyIdle();
      });
    }, this.config.webhookDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async postEvent(url: string, msg: ZnsMessage, generation: number): Promise<void> {
    const appId = this.options.appId ?? 'sim-app';
    const now = Date.now();
    const failure = this.config.undeliverablePhones.includes(msg.phone)
      ? { error: ZNS_DELIVERY_ERRORS.USER_BLOCKED_OA, error_message: 'User blocked ZNS messages from this OA' }
      : this.config.offlinePhones.includes(msg.phone)
        ? { error: ZNS_DELIVERY_ERRORS.DEVICE_OFFLINE, error_message: 'Message expired: the device stayed offline' }
        : null;
    const event: ZnsDeliveryEvent = {
      app_id: appId,
      oa_id: this.options.oaId ?? 'sim-oa',
      event_name: failure ? ZNS_EVENTS.FAILED : ZNS_EVENTS.RECEIVED,
      sender: { id: this.options.oaId ?? 'sim-oa' },
      recipient: { phone: msg.phone },
      message: { msg_id: msg.msgId, tracking_id: msg.trackingId, ...(failure ?? { delivery_time: String(now) }) },
      timestamp: String(now),
    };
    const rawBody = JSON.stringify(event);
    const headers = { 'X-ZEvent-Signature': zaloEventSignature(appId, rawBody, event.timestamp, this.options.oaSecretKey ?? '') };
    for (const duplicate of this.config.duplicateEvents ? [false, true] : [false]) {
      let httpStatus = 0;
      try {
        httpStatus = await postJson(url, rawBody, headers, 5000);
      } catch (err) {
        this.logger.warn(`zalo-zns-sim: event ${msg.msgId} not delivered: ${(err as Error).message}`);
      }
      if (generation !== this.generation) return;
      this.attempts.push({ msgId: msg.msgId, eventName: event.event_name, duplicate, httpStatus });
    }
  }

  private notifyIdle(): void {
    if (this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  close(): void {
    this.reset();
  }

  listMessages(filter: { phone?: string } = {}): ZnsMessage[] {
    const phone = filter.phone ? (toZaloPhone(filter.phone) ?? filter.phone) : undefined;
    return this.messages.filter((m) => !phone || m.phone === phone);
  }

  reset(): void {
    this.generation++;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.messages.length = 0;
    this.byTracking.clear();
    this.attempts.length = 0;
    this.inFlight = 0;
    this.config = this.initialConfig();
    this.notifyIdle();
  }

  private success(m: ZnsMessage): ZnsSendOutcome['body'] {
    return {
      error: 0,
      message: 'Success',
      data: { msg_id: m.msgId, sent_time: m.sentTime, quota: { dailyQuota: '500', remainingQuota: '499' } },
    };
  }
}
