import { createHash } from 'node:crypto';

/**
 * Small seeded PRNG (mulberry32). Every random decision of the simulator comes from one of these,
 * seeded from the simulator seed plus a stable key (item code, event id), so that a decision does not
 * depend on the order in which timers happen to fire.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `rate` (0 never, 1 always). */
  chance(rate: number): boolean {
    const draw = this.next();
    return rate > 0 && draw < rate;
  }
}

/** Derives a 32-bit seed from the simulator seed and a stable key. */
export function seedFrom(seed: number, ...key: string[]): number {
  return createHash('sha256')
    .update(`${seed}|${key.join('|')}`)
    .digest()
    .readUInt32BE(0);
}
