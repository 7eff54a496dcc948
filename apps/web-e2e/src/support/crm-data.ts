import { baseUrl, PASSWORD } from './browser';

export interface SeededCompany {
  login: string;
  companyId: string;
  accessToken: string;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const daysAgo = (days: number, hour = 12) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};

export const CLIENTS = [
  { externalId: 'C-1', name: 'Анна Петрова', email: 'anna@example.ru', phone: '+7 900 123-45-67', activity: 'Розница' },
  { externalId: 'C-2', name: 'Boris Ivanov', email: 'boris@example.com', activity: 'Wholesale' },
  { externalId: 'C-3', name: 'Ольга Смирнова', email: 'olga@example.ru' },
];

/**
 * A company with clients and sales, filled the way a shop would: through the integration API with
 * an API key. Sales fall in the last 30 days and the 30 before, so the KPIs have a change.
 */
export async function seedCompany(login: string, companyName: string): Promise<SeededCompany> {
  const url = baseUrl();
  const registered = await json<{ accessToken: string; company: { id: string } }>(
    await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD, companyName }),
    }),
    'register',
  );
  const companyId = registered.company.id;
  const auth = { Authorization: `Bearer ${registered.accessToken}`, 'Content-Type': 'application/json' };
  const { key } = await json<{ key: string }>(
    await fetch(`${url}/api/companies/${companyId}/api-keys`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Shop' }),
    }),
    'api key',
  );
  const integration = { 'X-API-Key': key, 'Content-Type': 'application/json' };
  await json(
    await fetch(`${url}/api/v1/clients/batch`, {
      method: 'POST',
      headers: integration,
      body: JSON.stringify({ items: CLIENTS }),
    }),
    'clients batch',
  );
  const sales = [
    {
      externalId: 'INV-1001',
      clientExternalId: 'C-1',
      amount: '1234.50',
      soldAt: daysAgo(3),
      items: [
        { sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 2, unitPrice: '255.00' },
        { sku: '71053', name: 'Фонарь металлический', quantity: 1, unitPrice: '724.50' },
      ],
    },
    { externalId: 'INV-1002', clientExternalId: 'C-2', amount: '560.00', soldAt: daysAgo(10), status: 'pending' },
    { externalId: 'INV-1003', clientExternalId: 'C-1', amount: '99.90', soldAt: daysAgo(15), status: 'refunded' },
    { externalId: 'INV-0901', clientExternalId: 'C-3', amount: '800.00', soldAt: daysAgo(40) },
    { externalId: 'INV-0902', clientExternalId: 'C-1', amount: '150.00', soldAt: daysAgo(45) },
  ].map((sale) => ({ currency: 'RUB', ...sale }));
  await json(
    await fetch(`${url}/api/v1/sales/batch`, {
      method: 'POST',
      headers: integration,
      body: JSON.stringify({ items: sales }),
    }),
    'sales batch',
  );
  return { login, companyId, accessToken: registered.accessToken };
}
