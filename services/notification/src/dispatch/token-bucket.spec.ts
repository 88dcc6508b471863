import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('spaces calls beyond the burst by 1/rate and refills with time', () => {
    let now = 0;
    const bucket = new TokenBucket(4, 2, () => now);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 250, 500]);
    now = 2000; // refilled to the burst, not beyond
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 250]);
  });

  it('is unlimited at rate 0', () => {
    const bucket = new TokenBucket(0, 1, () => 0);
    for (let i = 0; i < 100; i++) expect(bucket.reserve()).toBe(0);
  });
});
