/**
 * A small typed client of the CRM's public HTTP API (CONTRACT.md) for the data scripts:
 * identity calls with a bearer token, integration batches with an API key.
 */

/*
 * Request and answer shapes as CONTRACT.md writes them. The scripts are an integrator's view of
 * the public API, so they do not import the server's contracts library.
 */

export interface ClientBatchItem {
  externalId: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  activity?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface SaleBatchItem {
  externalId: string;
  clientExternalId: string;
  amount: string;
  currency: string;
  soldAt: string;
  status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
  /** A return gives back (part of) the sale whose externalId is `returnOf`. */
  kind?: 'sale' | 'return';
  returnOf?: string;
  items?: { sku?: string | null; name: string; quantity: number | string; unitPrice: string }[];
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  failed: { index: number; externalId: string | null; errors: string[] }[];
}

export interface AuthResult {
  accessToken: string;
  company?: { id: string; name: string };
}

export interface CompanyListItem {
  id: string;
  name: string;
  role: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
    /** The `Retry-After` header of a 429, in seconds. */
    readonly retryAfter?: string | null,
  ) {
    super(`${what} → HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

export const MAX_BATCH_ITEMS = 5000;

export class CrmApi {
  constructor(
    readonly baseUrl: string,
    private readonly auth: Record<string, string> = {},
  ) {}

  withBearer(token: string): CrmApi {
    return new CrmApi(this.baseUrl, { Authorization: `Bearer ${token}` });
  }

  withApiKey(key: string): CrmApi {
    return new CrmApi(this.baseUrl, { 'X-API-Key': key });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path}`;
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...this.auth,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new HttpError(response.status, text, what, response.headers.get('retry-after'));
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Status of a request without throwing (for "does it exist?" probes). */
  async status(method: string, path: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: this.auth,
    });
    await response.arrayBuffer();
    return response.status;
  }

  upsertClients(items: ClientBatchItem[]): Promise<BatchResult> {
    return this.request('POST', '/v1/clients/batch', { items });
  }

  upsertSales(items: SaleBatchItem[]): Promise<BatchResult> {
    return this.request('POST', '/v1/sales/batch', { items });
  }
}

/** Registers `login`, or logs in when the login is taken (409). */
export async function registerOrLogin(
  api: CrmApi,
  login: string,
  password: string,
): Promise<{ token: string; registered: boolean }> {
  try {
    const res = await api.request<AuthResult>('POST', '/auth/register', {
      login,
      password,
    });
    return { token: res.accessToken, registered: true };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 409) throw error;
  }
  const res = await api.request<AuthResult>('POST', '/auth/login', {
    login,
    password,
  });
  return { token: res.accessToken, registered: false };
}

/** Waits until `GET /api/health` answers (a freshly started API). */
export async function waitForApi(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The API at ${baseUrl} did not answer: ${String(lastError)}`);
}
