import { postJson, Prng, seedFrom, type SimLogger } from '@motcua/sim-common';
import type { VnpostStatusCode } from './status';
import { signVnpostWebhook, VNPOST_WEBHOOK_SIGNATURE_HEADER, VNPOST_WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

/** Body of a status-change webhook. */
export interface VnpostWebhookEvent {
  eventId: string;
  itemCode: string;
  orderNumber: string;
  statusCode: VnpostStatusCode;
  statusName: string;
  /** ISO-8601 with +07:00. */
  time: string;
  note: string;
}

export interface WebhookSettings {
  webhookUrl?: string;
  webhookSecret?: string;
  /** Probability that an event is delivered twice. */
  duplicateRate: number;
  /** Probability that an event is held back and delivered after the next one. */
  reorderRate: number;
  /** A held event is released after this long if no further event comes. */
  reorderMaxHoldMs: number;
  /** Attempts per delivery (first try included). */
  webhookMaxAttempts: number;
  /** Backoff before retry n is base * 2^(n-1), capped at 30 s. */
  webhookRetryBaseMs: number;
  webhookTimeoutMs: number;
}

/** One HTTP attempt, as listed by `GET /__sim/webhooks`. */
export interface WebhookAttempt {
  eventId: string;
  itemCode: string;
  statusCode: VnpostStatusCode;
  url: string;
  attempt: number;
  /** HTTP status, or 0 for a network error / timeout. */
  httpStatus: number;
  error?: string;
  /** Unix ms. */
  at: number;
}

interface Delivery {
  event: VnpostWebhookEvent;
  rawBody: string;
  url: string;
  secret: string;
}

/**
 * Delivers events one at a time, in queue order (head-of-line blocking while a delivery is retried,
 * which keeps chaos deterministic). Chaos decisions are drawn from a PRNG seeded by the event id.
 */
export class WebhookDispatcher {
  readonly attempts: WebhookAttempt[] = [];
  private queue: Delivery[] = [];
  private held: { deliveries: Delivery[]; timer: NodeJS.Timeout } | null = null;
  private running = false;
  private closed = false;
  /** Bumped by reset(), so that an in-flight delivery of the old world stops. */
  private generation = 0;
  private sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly settings: () => WebhookSettings,
    private readonly seed: number,
    private readonly now: () => number,
    private readonly logger: SimLogger,
  ) {}

  emit(event: VnpostWebhookEvent): void {
    const s = this.settings();
    if (this.closed || !s.webhookUrl || !s.webhookSecret) return;
    const rng = new Prng(seedFrom(this.seed, 'webhook', event.eventId));
    const duplicate = rng.chance(s.duplicateRate);
    const reorder = rng.chance(s.reorderRate);
    const delivery: Delivery = { event, rawBody: JSON.stringify(event), url: s.webhookUrl, secret: s.webhookSecret };
    const deliveries = duplicate ? [delivery, delivery] : [delivery];
    if (this.held) {
      // The held event goes out right after this one.
      const held = this.held;
      this.held = null;
      clearTimeout(held.timer);
      this.queue.push(...deliveries, ...held.deliveries);
    } else if (reorder) {
      const timer = setTimeout(() => this.releaseHeld(), s.reorderMaxHoldMs);
      timer.unref();
      this.held = { deliveries, timer };
      return;
    } else {
      this.queue.push(...deliveries);
    }
    void this.pump();
  }

  /** Resolves once nothing is queued, held or in flight. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops everything queued or held (attempts log included). */
  reset(): void {
    this.queue = [];
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    this.attempts.length = 0;
    this.generation++;
    this.wakeSleepers();
  }

  close(): void {
    this.closed = true;
    this.reset();
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return !this.running && this.queue.length === 0 && this.held === null;
  }

  private releaseHeld(): void {
    if (!this.held) return;
    this.queue.push(...this.held.deliveries);
    this.held = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let next = this.queue.shift();
      while (next && !this.closed) {
        await this.deliver(next);
        next = this.queue.shift();
      }
    } finally {
      this.running = false;
      this.notifyIdle();
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    const s = this.settings();
    const generation = this.generation;
    const stopped = (): boolean => this.closed || this.generation !== generation;
    const maxAttempts = Math.max(1, s.webhookMaxAttempts);
    for (let attempt = 1; attempt <= maxAttempts && !stopped(); attempt++) {
      const timestamp = Math.floor(this.now() / 1000);
      const headers = {
        [VNPOST_WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [VNPOST_WEBHOOK_SIGNATURE_HEADER]: signVnpostWebhook(d.secret, timestamp, d.rawBody),
        'x-vnpost-event-id': d.event.eventId,
      };
      const record: WebhookAttempt = {
        eventId: d.event.eventId,
        itemCode: d.event.itemCode,
        statusCode: d.event.statusCode,
        url: d.url,
        attempt,
        httpStatus: 0,
        at: this.now(),
      };
      try {
        record.httpStatus = await postJson(d.url, d.rawBody, headers, s.webhookTimeoutMs);
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
      }
      if (stopped()) return;
      this.attempts.push(record);
      if (record.httpStatus >= 200 && record.httpStatus < 300) return;
      this.logger.warn(
        `vnpost-sim: webhook ${d.event.eventId} attempt ${attempt}/${maxAttempts} failed (${record.error ?? `HTTP ${record.httpStatus}`})`,
      );
      if (attempt < maxAttempts) await this.sleep(Math.min(30_000, s.webhookRetryBaseMs * 2 ** (attempt - 1)));
    }
    if (!stopped()) this.logger.warn(`vnpost-sim: webhook ${d.event.eventId} given up`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        resolve,
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
      };
      sleeper.timer.unref();
      this.sleepers.add(sleeper);
    });
  }

  private wakeSleepers(): void {
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.sleepers.clear();
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.closed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}
