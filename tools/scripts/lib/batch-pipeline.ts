/**
 * Pushes a stream of Online Retail invoices through the integration API: clients first (a sale
 * needs its buyer), then sales in batches with a few requests in flight. Memory is bounded by
 * the batches in flight, whatever the size of the input.
 */
import type { BatchResult, ClientBatchItem, CrmApi, SaleBatchItem } from './integration-api';
import { HttpError, MAX_BATCH_ITEMS } from './integration-api';
import type { RetailInvoice } from './online-retail';
import { toClient } from './online-retail-mapping';
import { ReturnLinker } from './return-linker';

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface PushTotals {
  clients: BatchCounts;
  sales: BatchCounts;
  /** Sale lines sent (invoice lines). */
  itemLines: number;
  requests: number;
  /** The first failures the API reported, for the log. */
  failureSamples: string[];
}

export interface PushOptions {
  /** Sales per request, at most 5,000. */
  salesPerBatch?: number;
  /** Closes a batch early once its sales carry this many item lines (keeps bodies well under the limit). */
  itemLinesPerBatch?: number;
  /** Sales requests in flight. */
  concurrency?: number;
  onBatch?: (totals: PushTotals) => void;
}

const emptyCounts = (): BatchCounts => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });
const MAX_FAILURE_SAMPLES = 20;
const MAX_RETRIES = 5;

function addResult(counts: BatchCounts, result: BatchResult, totals: PushTotals, what: string): void {
  counts.created += result.created;
  counts.updated += result.updated;
  counts.unchanged += result.unchanged;
  counts.failed += result.failed.length;
  for (const failure of result.failed) {
    if (totals.failureSamples.length >= MAX_FAILURE_SAMPLES) break;
    totals.failureSamples.push(`${what} ${failure.externalId ?? `#${failure.index}`}: ${failure.errors.join('; ')}`);
  }
}

/** Retries a request that was rate limited (429, honouring Retry-After) or found the API busy (503). */
async function withRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const retriable = error instanceof HttpError && (error.status === 429 || error.status === 503);
      if (!retriable || attempt >= MAX_RETRIES) throw error;
      const seconds = Number(error.retryAfter ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
    }
  }
}

/** Runs at most `limit` tasks at once; `submit` waits while all slots are taken. */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly limit: number) {}

  /** Resolves once fewer than `limit` tasks run. */
  async waitForSlot(): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
  }

  async submit(task: () => Promise<void>): Promise<void> {
    await this.waitForSlot();
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

export async function pushInvoices(
  api: CrmApi,
  invoices: AsyncIterable<RetailInvoice>,
  options: PushOptions = {},
): Promise<PushTotals> {
  const salesPerBatch = Math.min(options.salesPerBatch ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  const itemLinesPerBatch = options.itemLinesPerBatch ?? 40_000;
  const pool = new TaskPool(options.concurrency ?? 1);
  const totals: PushTotals = {
    clients: emptyCounts(),
    sales: emptyCounts(),
    itemLines: 0,
    requests: 0,
    failureSamples: [],
  };
  const seenClients = new Set<string>();
  let clients: ClientBatchItem[] = [];
  let sales: SaleBatchItem[] = [];
  let lines = 0;

  const sendClients = async (batch: ClientBatchItem[]) => {
    const result = await withRetry(() => api.upsertClients(batch));
    totals.requests++;
    addResult(totals.clients, result, totals, 'client');
  };
  const flush = async () => {
    // Every client of the batch is stored before its sales are sent, and the clients request
    // takes one of the slots: with concurrency 1 the loader sends one request at a time.
    await pool.waitForSlot();
    for (let i = 0; i < clients.length; i += MAX_BATCH_ITEMS) {
      await sendClients(clients.slice(i, i + MAX_BATCH_ITEMS));
    }
    const batch = sales;
    const batchLines = lines;
    clients = [];
    sales = [];
    lines = 0;
    if (batch.length === 0) return;
    await pool.submit(async () => {
      const result = await withRetry(() => api.upsertSales(batch));
      totals.requests++;
      totals.itemLines += batchLines;
      addResult(totals.sales, result, totals, 'sale');
      options.onBatch?.(totals);
    });
  };

  // Returns go after every sale is stored: batches run in parallel, and a return needs its sale.
  const linker = new ReturnLinker();
  const returns: SaleBatchItem[] = [];
  for await (const invoice of invoices) {
    if (!seenClients.has(invoice.customerId)) {
      seenClients.add(invoice.customerId);
      clients.push(toClient(invoice.customerId, invoice.country));
    }
    for (const record of linker.map(invoice)) (record.kind === 'return' ? returns : sales).push(record);
    lines += invoice.lines.length;
    if (sales.length >= salesPerBatch || lines >= itemLinesPerBatch) await flush();
  }
  await flush();
  await pool.drain();
  for (let i = 0; i < returns.length; i += salesPerBatch) {
    sales = returns.slice(i, i + salesPerBatch);
    lines = sales.reduce((n, r) => n + (r.items?.length ?? 0), 0);
    await flush();
  }
  await pool.drain();
  return totals;
}
