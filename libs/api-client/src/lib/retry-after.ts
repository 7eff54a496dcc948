/** What a call through the client answers (openapi-fetch's `{ data, error, response }`). */
export interface HasResponse {
  response: Response;
}

export interface RetryAfterOptions {
  /** Calls in all, the first included (default 5). */
  maxAttempts?: number;
  /** A longer Retry-After than this is not waited for: the answer is returned (default 120 s). */
  maxWaitSeconds?: number;
  /** Statuses that are retried after their Retry-After (default 429 and 503). */
  statuses?: number[];
  /** Called before each wait (logging). */
  onRetry?: (retry: { attempt: number; status: number; waitSeconds: number }) => void;
  /** How to wait (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds (`"17"`) or an HTTP date; undefined when
 * absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Repeats `call` while the API answers 429 (rate limit) or 503 (database busy), waiting what its
 * Retry-After says (1, 2, 4... s without one). Safe for the integration batches: replaying a batch
 * changes nothing that was already stored. Returns the last answer: check its `error` as usual.
 */
export async function withRetryAfter<T extends HasResponse>(
  call: () => Promise<T>,
  options: RetryAfterOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  const statuses = options.statuses ?? [429, 503];
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    const result = await call();
    const status = result.response.status;
    if (!statuses.includes(status) || attempt >= maxAttempts) return result;
    const waitSeconds = retryAfterSeconds(result.response.headers.get('Retry-After')) ?? 2 ** (attempt - 1);
    if (waitSeconds > maxWaitSeconds) return result;
    options.onRetry?.({ attempt, status, waitSeconds });
    await sleep(waitSeconds * 1000);
  }
}
