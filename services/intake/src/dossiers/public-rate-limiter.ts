import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig, parseTrustProxy } from '../config/intake.config';

const MAX_CLIENTS = 100_000;

/**
 * In-memory token bucket per client IP for the public endpoints (lookup, evaluation): a burst of
 * `PUBLIC_RATE_LIMIT_PER_MINUTE`, refilled evenly over a minute. Per replica (N replicas allow N times the
 * rate), which is enough to stop guessing secrets; a shared limit belongs to the reverse proxy.
 *
 * The client IP is Express's `req.ip` under `TRUST_PROXY` (set on the HTTP adapter at start): by default the
 * TCP peer, so a forged `X-Forwarded-For` changes nothing; behind a reverse proxy, the right-most address not
 * trusted.
 */
@Injectable()
export class PublicRateLimiter implements OnModuleInit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost?.httpAdapter?.getInstance() as { set?: (name: string, value: unknown) => void } | undefined;
    app?.set?.('trust proxy', parseTrustProxy(this.config.trustProxy));
  }

  /** Takes a token for `client` or throws 429 `REQUEST.TOO_MANY`. */
  take(rawClient: string | undefined, now = Date.now()): void {
    const client = (rawClient ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const capacity = this.config.publicRateLimitPerMinute;
    const bucket = this.buckets.get(client) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / 60_000);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(client, bucket);
      throw new DomainError('REQUEST.TOO_MANY', 'TOO_MANY', 'Quá nhiều yêu cầu, vui lòng thử lại sau');
    }
    bucket.tokens -= 1;
    if (!this.buckets.has(client) && this.buckets.size >= MAX_CLIENTS) this.buckets.clear();
    this.buckets.set(client, bucket);
  }
}
