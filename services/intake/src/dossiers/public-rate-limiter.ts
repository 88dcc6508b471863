import { Inject, Injectable } from '@nestjs/common';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';

const MAX_CLIENTS = 100_000;

/**
 * In-memory token bucket per client IP for the public endpoints (lookup, evaluation): a burst of
 * `PUBLIC_RATE_LIMIT_PER_MINUTE`, refilled evenly over a minute. Per replica, which is enough to stop
 * guessing secrets; a shared limit belongs to the reverse proxy.
 */
@Injectable()
export class PublicRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IntakeConfig) {}

  /** Takes a token for `client` or throws 429 `REQUEST.TOO_MANY`. */
  take(client: string, now = Date.now()): void {
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
