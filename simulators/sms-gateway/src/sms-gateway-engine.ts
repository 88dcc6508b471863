import { postJson, Prng, seedFrom, silentLogger, type SimLogger, toVietnamIso } from '@motcua/sim-common';
import { smsSegments, type SmsEncoding } from './sms-encoding';

/** Result codes of the gateway (field `code` of every answer). */
export const SMS_CODES = {
  OK: '00',
  BAD_REQUEST: '10',
  INVALID_PHONE: '11',
  MESSAGE_TOO_LONG: '12',
  UNKNOWN_BRANDNAME: '13',
  IDEMPOTENCY_CONFLICT: '15',
  UNAVAILABLE: '97',
  THROTTLED: '98',
  UNAUTHORIZED: '99',
} as const;

export type SmsResultCode = (typeof SMS_CODES)[keyof typeof SMS_CODES];

export interface SmsSendRequest {
  brandname: string;
  /** `0xxxxxxxxx` or `84xxxxxxxxx`. */
  phone: string;
  message: string;
  /** Idempotency key: a resend with the same id answers the first result and sends nothing. */
  clientRequestId: string;
}

export interface SmsAccepted {
  code: '00';
  messageId: string;
  segments: number;
  encoding: SmsEncoding;
  status: 'ACCEPTED';
}

export interface SmsError {
  code: Exclude<SmsResultCode, '00'>;
  message: string;
}

export interface SmsSendResult {
  httpStatus: number;
  body: SmsAccepted | SmsError;
  /** Seconds, for 429. */
  retryAfter?: number;
  /** True when the answer is the stored result of an earlier request with this clientRequestId. */
  replayed?: boolean;
}

export type SmsDeliveryStatus = 'DELIVERED' | 'FAILED';

/** A sent message as `GET /__sim/messages` lists it. */
export interface SmsMessage {
  messageId: string;
  clientRequestId: string;
  brandname: string;
  /** As given by the caller. */
  phone: string;
  /** International form, `84xxxxxxxxx`. */
  msisdn: string;
  message: string;
  encoding: SmsEncoding;
  segments: number;
  status: 'ACCEPTED' | SmsDeliveryStatus;
  errorCode?: string;
  acceptedAt: string;
  doneAt?: string;
}

/** Delivery receipt body POSTed to `dlrUrl`. */
export interface SmsDeliveryReceipt {
  messageId: string;
  clientRequestId: string;
  phone: string;
  status: SmsDeliveryStatus;
  errorCode?: string;
  doneAt: string;
}

export interface DlrAttempt {
  messageId: string;
  url: string;
  attempt: number;
  /** Second copy of a duplicated receipt. */
  duplicate: boolean;
  /** HTTP status, 0 for network error / timeout. */
  httpStatus: number;
  error?: string;
  at: number;
}

export interface SmsGatewayConfig {
  /** Where delivery receipts go (none when empty). */
  dlrUrl?: string;
  dlrDelayMs: number;
  /** Probability that a message is not delivered (receipt FAILED). */
  failureRate: number;
  /** Probability that a receipt is POSTed twice. */
  duplicateReceiptRate: number;
  /** Added before every answer of the send endpoint. */
  latencyMs: number;
  /** Accepted requests per rolling second; 0 = unlimited. */
  rateLimitPerSecond: number;
  /** Answer the next n sends with HTTP 503 without sending. */
  failNext: number;
  /** Send the next n messages but answer HTTP 503 (lost response: the idempotent retry must not resend). */
  failNextAfterSend: number;
  dlrMaxAttempts: number;
  dlrRetryBaseMs: number;
  dlrTimeoutMs: number;
}

export interface SmsGatewayEngineOptions extends Partial<SmsGatewayConfig> {
  apiKey?: string;
  brandnames?: string[];
  /** Most parts one message may take (default 10). */
  maxSegments?: number;
  seed?: number;
  now?: () => number;
  logger?: SimLogger;
}

const DEFAULT_CONFIG: SmsGatewayConfig = {
  dlrDelayMs: 200,
  failureRate: 0,
  duplicateReceiptRate: 0,
  latencyMs: 0,
  rateLimitPerSecond: 0,
  failNext: 0,
  failNextAfterSend: 0,
  dlrMaxAttempts: 3,
  dlrRetryBaseMs: 200,
  dlrTimeoutMs: 5000,
};

const FAILURE_CODES = ['SUBSCRIBER_ABSENT', 'HANDSET_MEMORY_FULL', 'SUBSCRIBER_BLOCKED_ADVERTISING', 'NUMBER_NOT_IN_SERVICE'];
const PHONE = /^(?:0|84)([35789]\d{8})$/;

/** `0912345678` / `84912345678` → `84912345678`; undefined when not a Vietnamese mobile number. */
export function normalizeVietnamesePhone(phone: string): string | undefined {
  const m = PHONE.exec(phone);
  return m ? `84${m[1]}` : undefined;
}

function error(httpStatus: number, code: SmsError['code'], message: string): SmsSendResult {
  return { httpStatus, body: { code, message } };
}

/** Gateway state and behaviour, independent of HTTP. */
export class SmsGatewayEngine {
  readonly seed: number;
  private readonly apiKey: string;
  private readonly brandnames: Set<string>;
  private readonly maxSegments: number;
  private readonly now: () => number;
  private readonly logger: SimLogger;
  private config: SmsGatewayConfig;
  private messages: SmsMessage[] = [];
  private byRequestId = new Map<string, { fingerprint: string; result: SmsSendResult }>();
  private recentRequests: number[] = [];
  private dlrAttempts: DlrAttempt[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private pendingReceipts = 0;
  private idleWaiters: Array<() => void> = [];
  private serial = 0;
  private generation = 0;
  private closed = false;

  constructor(options: SmsGatewayEngineOptions = {}) {
    const { apiKey, brandnames, maxSegments, seed, now, logger, ...config } = options;
    this.apiKey = apiKey ?? 'sim-sms-key';
    this.brandnames = new Set(brandnames ?? ['MOTCUA']);
    this.maxSegments = maxSegments ?? 10;
    this.seed = seed ?? 1;
    this.now = now ?? Date.now;
    this.logger = logger ?? silentLogger;
    this.config = { ...DEFAULT_CONFIG, ...stripUndefined(config) };
  }

  getConfig(): SmsGatewayConfig {
    return { ...this.config };
  }

  configure(patch: Partial<SmsGatewayConfig>): SmsGatewayConfig {
    this.config = { ...this.config, ...stripUndefined(patch) };
    return this.getConfig();
  }

  isAuthorized(authorization: string | undefined): boolean {
    return authorization === `Bearer ${this.apiKey}`;
  }

  /** The send use case: throttling, validation, idempotency, acceptance, receipt scheduling. */
  send(authorization: string | undefined, input: unknown): SmsSendResult {
    if (!this.isAuthorized(authorization)) return error(401, '99', 'Sai thông tin xác thực (API key)');
    if (this.config.failNext > 0) {
      this.config.failNext--;
      return error(503, '97', 'Hệ thống tạm thời gián đoạn, vui lòng thử lại');
    }
    const nowMs = this.now();
    if (this.config.rateLimitPerSecond > 0) {
      this.recentRequests = this.recentRequests.filter((t) => t > nowMs - 1000);
      if (this.recentRequests.length >= this.config.rateLimitPerSecond) {
        return { ...error(429, '98', 'Vượt quá tốc độ gửi cho phép'), retryAfter: 1 };
      }
      this.recentRequests.push(nowMs);
    }

    const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const missing = (['brandname', 'phone', 'message', 'clientRequestId'] as const).filter(
      (f) => typeof body[f] !== 'string' || (body[f] as string).length === 0,
    );
    if (missing.length > 0) return error(400, '10', `Thiếu hoặc sai trường: ${missing.join(', ')}`);
    const req = body as unknown as SmsSendRequest;
    if (req.clientRequestId.length > 100) return error(400, '10', 'clientRequestId tối đa 100 ký tự');
    if (!this.brandnames.has(req.brandname)) return error(400, '13', `Brandname ${req.brandname} chưa được đăng ký`);
    const msisdn = normalizeVietnamesePhone(req.phone);
    if (!msisdn) return error(400, '11', 'Số điện thoại không hợp lệ');
    const info = smsSegments(req.message);
    if (info.segments > this.maxSegments) {
      return error(400, '12', `Tin nhắn quá dài: ${info.segments} phần (tối đa ${this.maxSegments})`);
    }

    const fingerprint = JSON.stringify([req.brandname, msisdn, req.message]);
    const previous = this.byRequestId.get(req.clientRequestId);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return error(409, '15', 'clientRequestId đã được dùng cho một tin nhắn khác');
      }
      return { ...previous.result, replayed: true };
    }

    this.serial++;
    const messageId = `SM${String(this.serial).padStart(10, '0')}`;
    const message: SmsMessage = {
      messageId,
      clientRequestId: req.clientRequestId,
      brandname: req.brandname,
      phone: req.phone,
      msisdn,
      message: req.message,
      encoding: info.encoding,
      segments: info.segments,
      status: 'ACCEPTED',
      acceptedAt: toVietnamIso(nowMs),
    };
    this.messages.push(message);
    const result: SmsSendResult = {
      httpStatus: 200,
      body: { code: '00', messageId, segments: info.segments, encoding: info.encoding, status: 'ACCEPTED' },
    };
    this.byRequestId.set(req.clientRequestId, { fingerprint, result });
    this.logger.log(`sms-sim: ${messageId} to ${msisdn} (${info.segments} ${info.encoding} part(s))`);
    this.scheduleReceipt(message);

    if (this.config.failNextAfterSend > 0) {
      this.config.failNextAfterSend--;
      return error(503, '97', 'Hệ thống tạm thời gián đoạn, vui lòng thử lại');
    }
    return result;
  }

  getMessage(messageId: string): SmsMessage | undefined {
    const found = this.messages.find((m) => m.messageId === messageId);
    return found && { ...found };
  }

  /** Sent messages in order, optionally filtered by phone (either form) and/or clientRequestId. */
  listMessages(filter: { phone?: string; clientRequestId?: string } = {}): SmsMessage[] {
    const msisdn = filter.phone ? (normalizeVietnamesePhone(filter.phone) ?? filter.phone) : undefined;
    return this.messages
      .filter(
        (m) =>
          (msisdn === undefined || m.msisdn === msisdn) &&
          (filter.clientRequestId === undefined || m.clientRequestId === filter.clientRequestId),
      )
      .map((m) => ({ ...m }));
  }

  receiptAttempts(): DlrAttempt[] {
    return [...this.dlrAttempts];
  }

  /** Resolves once no receipt is waiting or in flight. */
  whenReceiptsIdle(): Promise<void> {
    if (this.pendingReceipts === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.generation++;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.messages = [];
    this.byRequestId.clear();
    this.recentRequests = [];
    this.dlrAttempts = [];
    this.serial = 0;
    this.pendingReceipts = 0;
    this.config.failNext = 0;
    this.config.failNextAfterSend = 0;
    this.notifyIdle();
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  private scheduleReceipt(message: SmsMessage): void {
    const generation = this.generation;
    this.pendingReceipts++;
    this.later(this.config.dlrDelayMs, () => {
      void this.deliverReceipt(message, generation).finally(() => {
        if (generation !== this.generation) return;
        this.pendingReceipts--;
        this.notifyIdle();
      });
    });
  }

  private async deliverReceipt(message: SmsMessage, generation: number): Promise<void> {
    const rng = new Prng(seedFrom(this.seed, 'dlr', message.messageId));
    const failed = rng.chance(this.config.failureRate);
    const duplicate = rng.chance(this.config.duplicateReceiptRate);
    const errorCode = failed ? FAILURE_CODES[Math.floor(rng.next() * FAILURE_CODES.length)] : undefined;
    const doneAt = toVietnamIso(this.now());
    message.status = failed ? 'FAILED' : 'DELIVERED';
    message.doneAt = doneAt;
    if (errorCode) message.errorCode = errorCode;
    const url = this.config.dlrUrl;
    if (!url) return;
    const receipt: SmsDeliveryReceipt = {
      messageId: message.messageId,
      clientRequestId: message.clientRequestId,
      phone: message.phone,
      status: message.status as SmsDeliveryStatus,
      ...(errorCode ? { errorCode } : {}),
      doneAt,
    };
    const rawBody = JSON.stringify(receipt);
    for (const copy of duplicate ? [false, true] : [false]) {
      await this.post(url, rawBody, message.messageId, copy, generation);
    }
  }

  private async post(url: string, rawBody: string, messageId: string, duplicate: boolean, generation: number): Promise<void> {
    const max = Math.max(1, this.config.dlrMaxAttempts);
    for (let attempt = 1; attempt <= max; attempt++) {
      if (generation !== this.generation) return;
      const record: DlrAttempt = { messageId, url, attempt, duplicate, httpStatus: 0, at: this.now() };
      try {
        record.httpStatus = await postJson(url, rawBody, {}, this.config.dlrTimeoutMs);
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
      }
      if (generation !== this.generation) return;
      this.dlrAttempts.push(record);
      if (record.httpStatus >= 200 && record.httpStatus < 300) return;
      this.logger.warn(`sms-sim: receipt ${messageId} attempt ${attempt}/${max} failed (${record.error ?? `HTTP ${record.httpStatus}`})`);
      if (attempt < max) await new Promise<void>((resolve) => this.later(this.config.dlrRetryBaseMs * 2 ** (attempt - 1), resolve));
    }
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private notifyIdle(): void {
    if (this.pendingReceipts > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
