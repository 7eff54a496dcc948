import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per key and window, then answers how long to wait', () => {
    const limiter = new RateLimiter(2);
    const t0 = 1_000_000;
    expect(limiter.hit('a', t0)).toEqual({ allowed: true });
    expect(limiter.hit('a', t0 + 10)).toEqual({ allowed: true });
    expect(limiter.hit('a', t0 + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.hit('b', t0 + 20_000)).toEqual({ allowed: true });
    expect(limiter.hit('a', t0 + 60_000)).toEqual({ allowed: true });
  });

  it('never asks to wait less than a second', () => {
    const limiter = new RateLimiter(1);
    limiter.hit('a', 0);
    expect(limiter.hit('a', 59_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
