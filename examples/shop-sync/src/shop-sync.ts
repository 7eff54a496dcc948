import { type CrmClient, type CrmSchemas, withRetryAfter } from '@crm/api-client';

/** The shop's own export (the shape is the shop's, not the CRM's): what an integrator starts from. */
export interface ShopExport {
  customers: ShopCustomer[];
  orders: ShopOrder[];
}
export interface ShopCustomer {
  id: number | string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  city?: string;
}
export interface ShopOrder {
  number: string;
  customerId: number | string;
  total: string;
  currency: string;
  placedAt: string;
  state: 'new' | 'paid' | 'cancelled' | 'refunded';
  lines?: { sku?: string; title: string; qty: number; price: string }[];
}

type ClientItem = CrmSchemas['ClientBatchItemDto'];
type SaleItem = CrmSchemas['SaleBatchItemDto'];
type BatchResult = CrmSchemas['BatchResultResponse'];

export interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Records the API refused, with its reasons: fix them in the shop and run again. */
  failed: { externalId: string; errors: string[] }[];
  /** Orders not sent because their customer was refused. */
  skipped: { externalId: string; reason: string }[];
}
export interface SyncReport {
  clients: Outcome;
  sales: Outcome;
  /** Waits the API asked for (429 rate limit, 503 busy) before a batch went through. */
  retries: number;
}

export interface SyncOptions {
  /** Items per request: at most 5,000 (the API answers 413 above). */
  batchSize?: number;
  log?: (line: string) => void;
  /** Passed to withRetryAfter (tests make it wait less). */
  sleep?: (ms: number) => Promise<void>;
}

const STATUS: Record<ShopOrder['state'], SaleItem['status']> = {
  new: 'pending',
  paid: 'paid',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

export const toClient = (c: ShopCustomer): ClientItem => ({
  externalId: String(c.id),
  name: [c.firstName, c.lastName].filter(Boolean).join(' ') || null,
  email: c.email ?? null,
  phone: c.phone ?? null,
  attributes: c.city ? { city: c.city } : null,
});

export const toSale = (o: ShopOrder): SaleItem => ({
  externalId: o.number,
  clientExternalId: String(o.customerId),
  amount: o.total,
  currency: o.currency,
  soldAt: o.placedAt,
  status: STATUS[o.state],
  items: (o.lines ?? []).map((l) => ({ sku: l.sku ?? null, name: l.title, quantity: l.qty, unitPrice: l.price })),
});

/** A request that did not go through after the retries: nothing later is sent. */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Pushes the shop's customers, then its orders, in batches. The API stores every valid item of a
 * batch and lists the others in `failed` (index within the batch, reasons); an order of a refused
 * customer is not sent. Sending everything again is safe: unchanged records count as `unchanged`.
 */
export async function syncShop(client: CrmClient, shop: ShopExport, options: SyncOptions = {}): Promise<SyncReport> {
  const batchSize = Math.min(options.batchSize ?? 1000, 5000);
  const log = options.log ?? (() => undefined);
  const report: SyncReport = { clients: emptyOutcome(), sales: emptyOutcome(), retries: 0 };
  const retry = {
    sleep: options.sleep,
    onRetry: ({ status, waitSeconds }: { status: number; waitSeconds: number }) => {
      report.retries += 1;
      log(`API answered ${status}: waiting ${waitSeconds} s as Retry-After says`);
    },
  };

  const clients = shop.customers.map(toClient);
  for (let start = 0; start < clients.length; start += batchSize) {
    const items = clients.slice(start, start + batchSize);
    const { data, error, response } = await withRetryAfter(
      () => client.POST('/api/v1/clients/batch', { body: { items } }),
      retry,
    );
    if (!data) throw new SyncError(`clients ${start + 1}–${start + items.length}: ${describe(error)}`, response.status);
    add(report.clients, data, items);
    log(`clients ${start + 1}–${start + items.length}: ${summary(data)}`);
  }

  const refused = new Set(report.clients.failed.map((f) => f.externalId));
  const sales: SaleItem[] = [];
  for (const order of shop.orders) {
    const sale = toSale(order);
    if (refused.has(sale.clientExternalId))
      report.sales.skipped.push({
        externalId: sale.externalId,
        reason: `customer ${sale.clientExternalId} was refused`,
      });
    else sales.push(sale);
  }
  for (let start = 0; start < sales.length; start += batchSize) {
    const items = sales.slice(start, start + batchSize);
    const { data, error, response } = await withRetryAfter(
      () => client.POST('/api/v1/sales/batch', { body: { items } }),
      retry,
    );
    if (!data) throw new SyncError(`orders ${start + 1}–${start + items.length}: ${describe(error)}`, response.status);
    add(report.sales, data, items);
    log(`orders ${start + 1}–${start + items.length}: ${summary(data)}`);
  }
  return report;
}

function emptyOutcome(): Outcome {
  return { created: 0, updated: 0, unchanged: 0, failed: [], skipped: [] };
}

/** Adds a batch answer; `failed[].index` is the item's position in the batch that was sent. */
function add(outcome: Outcome, result: BatchResult, items: { externalId: string }[]): void {
  outcome.created += result.created;
  outcome.updated += result.updated;
  outcome.unchanged += result.unchanged;
  for (const failure of result.failed)
    outcome.failed.push({ externalId: failure.externalId ?? items[failure.index].externalId, errors: failure.errors });
}

const summary = (r: BatchResult) =>
  `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed.length} refused`;

function describe(error: unknown): string {
  const body = error as { statusCode?: number; message?: string } | undefined;
  return body?.message ? `${body.statusCode ?? ''} ${body.message}`.trim() : JSON.stringify(error ?? null);
}
