/**
 * Deterministic synthetic clients and sales (the same index always gives the same record), rendered
 * as integration API batches (JSON) and as CSV rows for COPY into the same tables.
 */

export interface BenchClient {
  externalId: string;
  name: string;
  email: string;
  attributes: { segment: string; region: number };
}

export interface BenchItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface BenchSale {
  externalId: string;
  clientIndex: number;
  amountCents: number;
  currency: string;
  soldAt: string;
  status: 'paid' | 'pending' | 'cancelled' | 'refunded';
  items: BenchItem[];
}

const SEGMENTS = ['retail', 'wholesale', 'online', 'partner'];
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** mulberry32: a small, fast, seedable PRNG; good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function benchClient(index: number): BenchClient {
  const rnd = random(index * 2 + 1);
  return {
    externalId: `BC-${pad(index, 7)}`,
    name: `Bench client ${index}`,
    email: `client${index}@bench.example`,
    attributes: { segment: SEGMENTS[Math.floor(rnd() * SEGMENTS.length)], region: Math.floor(rnd() * 90) },
  };
}

function pickStatus(r: number): BenchSale['status'] {
  if (r < 0.9) return 'paid';
  if (r < 0.95) return 'pending';
  return r < 0.98 ? 'refunded' : 'cancelled';
}

export function benchSale(index: number, clients: number, maxItems: number): BenchSale {
  const rnd = random(index * 2 + 2);
  const count = maxItems === 0 ? 0 : 1 + Math.floor(rnd() * maxItems);
  const items: BenchItem[] = [];
  for (let i = 0; i < count; i++) {
    const product = Math.floor(rnd() * 5000);
    items.push({
      sku: `SKU-${pad(product, 5)}`,
      name: `Product ${product}`,
      quantity: 1 + Math.floor(rnd() * 5),
      unitPriceCents: 100 + Math.floor(rnd() * 99_900),
    });
  }
  const itemsTotal = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  return {
    externalId: `BS-${pad(index, 8)}`,
    clientIndex: Math.floor(rnd() * clients),
    amountCents: count > 0 ? itemsTotal : 100 + Math.floor(rnd() * 1_000_000),
    currency: 'RUB',
    soldAt: new Date(YEAR_START + Math.floor((rnd() * YEAR_MS) / 60_000) * 60_000).toISOString(),
    status: pickStatus(rnd()),
    items,
  };
}

export const money = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;

export function apiClient(client: BenchClient) {
  return client;
}

export function apiSale(sale: BenchSale, clientExternalId: string) {
  return {
    externalId: sale.externalId,
    clientExternalId,
    amount: money(sale.amountCents),
    currency: sale.currency,
    soldAt: sale.soldAt,
    status: sale.status,
    items: sale.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitPrice: money(item.unitPriceCents),
    })),
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (fields: (string | number | null)[]) => `${fields.map(csvField).join(',')}\n`;
