/** Generated companies with known answers for the analytics specs: the data and how to write it. */
import { api, registerUser, type TestUser } from '../support/client';
import { createApiKey, pushClients, pushSales } from '../support/crm';
import { minor, type RefRate, type RefSale, Reference, STATUSES } from './reference';

/** Small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scenario {
  owner: TestUser;
  key: string;
  timeZone: string;
  baseCurrency: string;
  rates: RefRate[];
  sales: RefSale[];
  clients: Map<string, string>;
  reference(): Reference;
  url(path: string): string;
}

export interface ScenarioOptions {
  seed: number;
  timeZone: string;
  baseCurrency: string;
  /** Local days (YYYY-MM-DD) to place sales on, edges included. */
  days: string[];
  /** UTC offset of `timeZone` on those days as `+10:00`, or a function of the day (DST zones). */
  offset: (day: string) => string;
  rates: RefRate[];
  currencies: string[];
  sales: number;
  clients: number;
  /** Share of the paid and pending sales given back in part by one or two returns (default 0.15). */
  returns?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Amount text with the currency's digits (trailing zeros included). */
function amountText(rnd: () => number, currency: string): string {
  const digits = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
  const units = 1 + Math.floor(rnd() * 500_000);
  const text = String(units).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Builds the company through the public API: settings, rates, clients and sales (batches). */
export async function buildScenario(o: ScenarioOptions): Promise<Scenario> {
  const rnd = random(o.seed);
  const owner = await registerUser(`Аналитика ${o.seed}`);
  await api()
    .patch(`/api/companies/${owner.companyId}`)
    .set(owner.auth)
    .send({ timeZone: o.timeZone, baseCurrency: o.baseCurrency })
    .expect(200);
  const key = (await createApiKey(owner)).key;
  if (o.rates.length) {
    await api()
      .put(`/api/companies/${owner.companyId}/exchange-rates`)
      .set(owner.auth)
      .send({ rates: o.rates })
      .expect(200);
  }
  const clients = new Map<string, string>();
  for (let i = 1; i <= o.clients; i++) clients.set(`C-${i}`, `Клиент ${i}`);
  const pushed = await pushClients(
    key,
    [...clients].map(([externalId, name]) => ({ externalId, name, email: `${externalId.toLowerCase()}@example.ru` })),
  ).expect(200);
  expect(pushed.body.failed).toEqual([]);

  const times = ['00:00:00', '23:59:59', '00:00:01', '12:30:00'];
  const sales: RefSale[] = [];
  for (let i = 0; i < o.sales; i++) {
    const day = o.days[Math.floor(rnd() * o.days.length)];
    const time =
      rnd() < 0.6
        ? times[Math.floor(rnd() * times.length)]
        : `${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:07`;
    const currency = o.currencies[Math.floor(rnd() * o.currencies.length)];
    // A few clients buy most; client 1 buys often.
    const client = `C-${1 + Math.floor(o.clients * rnd() ** 2)}`;
    const status = rnd() < 0.7 ? 'paid' : STATUSES[Math.floor(rnd() * 4)];
    const items =
      rnd() < 0.7
        ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
            const product = 1 + Math.floor(rnd() * 6);
            return {
              sku: product <= 4 ? `SKU-${product}` : null,
              name: `Товар ${product}`,
              quantity: String(1 + Math.floor(rnd() * 4)),
              unitPrice: amountText(rnd, currency),
            };
          })
        : undefined;
    sales.push({
      externalId: `S-${o.seed}-${i}`,
      clientExternalId: client,
      amount: amountText(rnd, currency),
      currency,
      soldAt: `${day}T${time}${o.offset(day)}`,
      status,
      ...(items ? { items } : {}),
    });
  }
  sales.push(...returnsOf(rnd, o, sales));
  await writeSales(key, sales);
  const scenario: Scenario = {
    owner,
    key,
    timeZone: o.timeZone,
    baseCurrency: o.baseCurrency,
    rates: [...o.rates],
    sales,
    clients,
    reference: () =>
      new Reference(scenario.timeZone, scenario.baseCurrency, scenario.rates, scenario.sales, scenario.clients),
    url: (path: string) => `/api/companies/${owner.companyId}/analytics/${path}`,
  };
  return scenario;
}

/**
 * Partial returns of some sales, on the same or a later day, in the sale's currency and with its
 * buyer: amounts within what is left, the first item given back one unit at a time; mostly paid.
 */
function returnsOf(rnd: () => number, o: ScenarioOptions, sales: readonly RefSale[]): RefSale[] {
  const returns: RefSale[] = [];
  for (const sale of sales) {
    if ((sale.status !== 'paid' && sale.status !== 'pending') || rnd() >= (o.returns ?? 0.15)) continue;
    const digits = minor(sale.currency);
    const scale = 10n ** BigInt(digits);
    const [i, f = ''] = sale.amount.split('.');
    let left = BigInt(i + f.padEnd(digits, '0'));
    const first = sale.items?.[0];
    let units = first ? Number(first.quantity) : 0;
    const day = sale.soldAt.slice(0, 10);
    const later = o.days.filter((d) => d >= day);
    for (let k = 0; k < 1 + Math.floor(rnd() * 2) && left > 0n; k++) {
      const amount = 1n + BigInt(Math.floor(rnd() * Number(left)));
      const status = rnd() < 0.8 ? 'paid' : rnd() < 0.5 ? 'pending' : 'cancelled';
      const on = later[Math.floor(rnd() * later.length)] ?? day;
      const give = first && units > 0 && rnd() < 0.7;
      returns.push({
        externalId: `R-${sale.externalId}-${k}`,
        clientExternalId: sale.clientExternalId,
        kind: 'return',
        returnOf: sale.externalId,
        amount: digits ? `${amount / scale}.${String(amount % scale).padStart(digits, '0')}` : String(amount),
        currency: sale.currency,
        soldAt: `${on}T${sale.soldAt.slice(11)}`.replace(o.offset(day), o.offset(on)),
        status,
        ...(give ? { items: [{ ...first, quantity: '1' }] } : {}),
      });
      if (status !== 'cancelled') {
        left -= amount;
        if (give) units -= 1;
      }
    }
  }
  return returns;
}

/** Upserts sales through `/api/v1/sales/batch`, in batches; every item must succeed. */
export async function writeSales(key: string, sales: RefSale[]): Promise<void> {
  for (let i = 0; i < sales.length; i += 500) {
    const res = await pushSales(key, sales.slice(i, i + 500)).expect(200);
    expect(res.body.failed).toEqual([]);
  }
}
