import { retryAfterSeconds, withRetryAfter } from './retry-after';

const answer = (status: number, headers: Record<string, string> = {}) => ({
  response: new Response(null, { status, headers }),
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(retryAfterSeconds('17', now)).toBe(17);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});

describe('withRetryAfter', () => {
  it('waits what Retry-After says on 429 and 503, then returns the answer that passed', async () => {
    const answers = [answer(429, { 'Retry-After': '3' }), answer(503, { 'Retry-After': '1' }), answer(200)];
    const waits: number[] = [];
    const retries: number[] = [];
    const result = await withRetryAfter(async () => answers.shift() as ReturnType<typeof answer>, {
      sleep: async (ms) => void waits.push(ms),
      onRetry: ({ status }) => void retries.push(status),
    });
    expect(result.response.status).toBe(200);
    expect(waits).toEqual([3000, 1000]);
    expect(retries).toEqual([429, 503]);
  });

  it('backs off 1, 2, 4 s without Retry-After and gives up after maxAttempts with the last answer', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetryAfter(async () => (calls++, answer(429)), {
      maxAttempts: 4,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result.response.status).toBe(429);
    expect(calls).toBe(4);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('does not retry other errors, nor wait longer than maxWaitSeconds', async () => {
    let calls = 0;
    const sleep = async () => {
      throw new Error('must not wait');
    };
    expect((await withRetryAfter(async () => (calls++, answer(400)), { sleep })).response.status).toBe(400);
    const long = await withRetryAfter(async () => (calls++, answer(429, { 'Retry-After': '3600' })), {
      sleep,
      maxWaitSeconds: 60,
    });
    expect(long.response.status).toBe(429);
    expect(calls).toBe(2);
  });
});
