/**
 * The API path: pre-serialised batches (so that generating data is not timed) pushed through
 * `POST /api/v1/clients/batch` and `POST /api/v1/sales/batch` with a few requests in flight.
 */
import { TaskPool } from '../../tools/scripts/lib/batch-pipeline';
import { type BatchResult, CrmApi } from '../../tools/scripts/lib/integration-api';
import { apiClient, apiSale, benchClient, benchSale } from './generate';

export interface PhaseResult {
  records: number;
  seconds: number;
  counts: { created: number; updated: number; unchanged: number; failed: number };
  /** Request latencies, milliseconds. */
  latencies: number[];
}

export interface Tenant {
  companyId: string;
  token: string;
}

/** A new user with its own company (the benchmark's tenants never share a company). */
export async function registerTenant(baseUrl: string, label: string): Promise<Tenant> {
  const login = `bench.${label}.${Date.now().toString(36)}`;
  const res = await new CrmApi(baseUrl).request<{ accessToken: string; company: { id: string } }>(
    'POST',
    '/auth/register',
    { login, password: 'bench-password-2026', companyName: `Bench ${label}` },
  );
  return { companyId: res.company.id, token: res.accessToken };
}

export async function createApiKey(baseUrl: string, tenant: Tenant): Promise<string> {
  const api = new CrmApi(baseUrl).withBearer(tenant.token);
  const res = await api.request<{ key: string }>('POST', `/companies/${tenant.companyId}/api-keys`, { name: 'bench' });
  return res.key;
}

/** JSON bodies `{items:[...]}` of `batchSize` records each. */
export function buildBodies(count: number, batchSize: number, record: (index: number) => unknown): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const items = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) items.push(record(i));
    bodies.push(JSON.stringify({ items }));
  }
  return bodies;
}

export const clientBodies = (clients: number, batchSize: number) =>
  buildBodies(clients, batchSize, (i) => apiClient(benchClient(i)));

export const saleBodies = (sales: number, clients: number, maxItems: number, batchSize: number) =>
  buildBodies(sales, batchSize, (i) => {
    const sale = benchSale(i, clients, maxItems);
    return apiSale(sale, benchClient(sale.clientIndex).externalId);
  });

async function post(url: string, key: string, body: string): Promise<BatchResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} → HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as BatchResult;
}

/** Sends every body, `concurrency` at a time; throws on an HTTP error or a failed item. */
export async function pushBodies(
  baseUrl: string,
  key: string,
  resource: 'clients' | 'sales',
  bodies: string[],
  records: number,
  concurrency: number,
): Promise<PhaseResult> {
  const url = `${baseUrl}/api/v1/${resource}/batch`;
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const latencies: number[] = [];
  const pool = new TaskPool(concurrency);
  const started = performance.now();
  for (const body of bodies) {
    await pool.submit(async () => {
      const sent = performance.now();
      const result = await post(url, key, body);
      latencies.push(performance.now() - sent);
      counts.created += result.created;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      counts.failed += result.failed.length;
      if (result.failed.length > 0) {
        throw new Error(`${resource}: ${result.failed.length} items failed, e.g. ${JSON.stringify(result.failed[0])}`);
      }
    });
  }
  await pool.drain();
  return { records, seconds: (performance.now() - started) / 1000, counts, latencies };
}
