/**
 * A token bucket: `ratePerSecond` tokens a second, at most `burst` held. `take()` reserves a token and
 * resolves when it is available, so concurrent callers are spaced out in call order. A rate of 0 is
 * unlimited. Per process: with several replicas, configure each with its share of the provider's limit.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Milliseconds the caller must wait for its token (0 when one was available); the token is reserved. */
  reserve(): number {
    if (this.ratePerSecond <= 0) return 0;
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
  }
}
