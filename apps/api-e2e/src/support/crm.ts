import { api, registerUser, type TestUser } from './client';

/** Helpers for the clients and sales specs. */

export interface ApiKey {
  id: string;
  key: string;
}

export async function createApiKey(owner: TestUser, name = 'Интеграция'): Promise<ApiKey> {
  const res = await api().post(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).send({ name }).expect(201);
  return { id: res.body.id, key: res.body.key };
}

/** A user with a company and an API key of that company. */
export async function companyWithKey(companyName = 'ООО Тест'): Promise<TestUser & { apiKey: ApiKey }> {
  const owner = await registerUser(companyName);
  return { ...owner, apiKey: await createApiKey(owner) };
}

export const pushClients = (key: string, items: unknown[]) =>
  api().post('/api/v1/clients/batch').set('X-API-Key', key).send({ items });

export const pushSales = (key: string, items: unknown[]) =>
  api().post('/api/v1/sales/batch').set('X-API-Key', key).send({ items });

/** Every row of an integration feed, following nextCursor; `between` runs after each page. */
export async function readFeed<T = Record<string, unknown>>(
  key: string,
  resource: 'clients' | 'sales' | 'deals',
  query: Record<string, string | number> = {},
  between?: (page: number) => Promise<void>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { body: { items: unknown[]; nextCursor?: string | null } } = await api()
      .get(`/api/v1/${resource}`)
      .set('X-API-Key', key)
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .expect(200);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor ?? null;
    pages += 1;
    if (between && cursor) await between(pages);
  } while (cursor);
  return { items, pages };
}

export const clientItem = (externalId: string, fields: Record<string, unknown> = {}) => ({ externalId, ...fields });

export const saleItem = (externalId: string, clientExternalId: string, fields: Record<string, unknown> = {}) => ({
  externalId,
  clientExternalId,
  amount: '100.00',
  currency: 'RUB',
  soldAt: '2026-11-20T10:15:00+03:00',
  ...fields,
});

/** Creates a client through the web API and returns it. */
export async function createClient(owner: TestUser, body: Record<string, unknown> = {}) {
  const res = await api().post(`/api/companies/${owner.companyId}/clients`).set(owner.auth).send(body).expect(201);
  return res.body as { id: string; externalId: string | null; name: string | null };
}

/** Creates a sale through the web API and returns it. */
export async function createSale(owner: TestUser, clientId: string, body: Record<string, unknown> = {}) {
  const res = await api()
    .post(`/api/companies/${owner.companyId}/sales`)
    .set(owner.auth)
    .send({ clientId, amount: '100.00', currency: 'RUB', soldAt: '2026-11-20T10:15:00+03:00', ...body })
    .expect(201);
  return res.body as { id: string; amount: string };
}
