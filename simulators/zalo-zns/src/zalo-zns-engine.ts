import { randomUUID } from 'node:crypto';

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

export interface ZaloZnsConfig {
  /** The next N sends answer HTTP 503 without sending. */
  failNext: number;
  /** Artificial latency of each send. */
  latencyMs: number;
  /** Numbers (any format: 09…, 849…) that have no Zalo account: sends answer error -118. */
  noZaloPhones: string[];
}

export interface ZaloZnsEngineOptions {
  /** Required `access_token` header; any token is accepted when unset. */
  accessToken?: string;
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

/** In-memory ZNS: idempotent on `tracking_id`, numbers without Zalo, scripted outages. */
export class ZaloZnsEngine {
  private readonly messages: ZnsMessage[] = [];
  private readonly byTracking = new Map<string, ZnsMessage>();
  private config: ZaloZnsConfig;

  constructor(private readonly options: ZaloZnsEngineOptions = {}) {
    this.config = { failNext: 0, latencyMs: options.latencyMs ?? 0, noZaloPhones: [] };
    this.configure({ noZaloPhones: options.noZaloPhones ?? [] });
  }

  getConfig(): ZaloZnsConfig {
    return { ...this.config, noZaloPhones: [...this.config.noZaloPhones] };
  }

  configure(patch: Partial<ZaloZnsConfig>): ZaloZnsConfig {
    const noZalo = patch.noZaloPhones?.map((p) => toZaloPhone(p) ?? p);
    this.config = { ...this.config, ...patch, ...(noZalo ? { noZaloPhones: noZalo } : {}) };
    return this.getConfig();
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
    return { httpStatus: 200, body: this.success(msg) };
  }

  listMessages(filter: { phone?: string } = {}): ZnsMessage[] {
    const phone = filter.phone ? (toZaloPhone(filter.phone) ?? filter.phone) : undefined;
    return this.messages.filter((m) => !phone || m.phone === phone);
  }

  reset(): void {
    this.messages.length = 0;
    this.byTracking.clear();
    this.config = { failNext: 0, latencyMs: this.options.latencyMs ?? 0, noZaloPhones: [] };
  }

  private success(m: ZnsMessage): ZnsSendOutcome['body'] {
    return {
      error: 0,
      message: 'Success',
      data: { msg_id: m.msgId, sent_time: m.sentTime, quota: { dailyQuota: '500', remainingQuota: '499' } },
    };
  }
}
