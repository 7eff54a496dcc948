import { pushInvoices, TaskPool } from './batch-pipeline';
import { type BatchResult, type ClientBatchItem, type CrmApi, HttpError, type SaleBatchItem } from './integration-api';
import type { RetailInvoice } from './online-retail';

const invoice = (invoiceNo: string, customerId: string, lines = 1): RetailInvoice => ({
  invoiceNo,
  customerId,
  country: 'United Kingdom',
  lines: Array.from({ length: lines }, (_, i) => ({
    invoiceNo,
    stockCode: `S${i}`,
    description: 'THING',
    quantity: 1,
    invoiceDate: '2011-01-10 10:00:00',
    unitPrice: '1.00',
    customerId,
    country: 'United Kingdom',
  })),
});

async function* stream(invoices: RetailInvoice[]) {
  yield* invoices;
}

const created = (n: number): BatchResult => ({ created: n, updated: 0, unchanged: 0, failed: [] });

/** An in-memory integration API that records what it was sent and checks that buyers exist. */
class FakeApi {
  readonly calls: string[] = [];
  readonly clients = new Set<string>();
  rateLimitOnce = false;

  async upsertClients(items: ClientBatchItem[]): Promise<BatchResult> {
    this.calls.push(`clients:${items.length}`);
    items.forEach((c) => this.clients.add(c.externalId));
    return created(items.length);
  }

  async upsertSales(items: SaleBatchItem[]): Promise<BatchResult> {
    if (this.rateLimitOnce) {
      this.rateLimitOnce = false;
      throw new HttpError(429, '{}', 'POST /v1/sales/batch', '0');
    }
    this.calls.push(`sales:${items.length}`);
    const failed = items
      .map((s, index) => ({ index, externalId: s.externalId, errors: ['clientExternalId is unknown'] }))
      .filter((f) => !this.clients.has(items[f.index].clientExternalId));
    return { ...created(items.length - failed.length), failed };
  }
}

describe('pushInvoices', () => {
  it('stores every buyer before the sales that name it, in batches of at most the given size', async () => {
    const api = new FakeApi();
    const invoices = ['1', '2', '3', '4', '5'].map((no, i) => invoice(no, `C${i % 3}`));
    const totals = await pushInvoices(api as unknown as CrmApi, stream(invoices), { salesPerBatch: 2 });
    expect(api.calls).toEqual(['clients:2', 'sales:2', 'clients:1', 'sales:2', 'sales:1']);
    expect(totals.sales).toEqual({ created: 5, updated: 0, unchanged: 0, failed: 0 });
    expect(totals.clients.created).toBe(3);
  });

  it('sends one request at a time with concurrency 1, clients included', async () => {
    const api = new FakeApi();
    let inFlight = 0;
    let peak = 0;
    const slow =
      <T>(call: (items: never[]) => Promise<T>) =>
      async (items: never[]) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return call(items);
      };
    api.upsertClients = slow(api.upsertClients.bind(api));
    api.upsertSales = slow(api.upsertSales.bind(api));
    const invoices = ['1', '2', '3', '4'].map((no) => invoice(no, `C${no}`));
    await pushInvoices(api as unknown as CrmApi, stream(invoices), { salesPerBatch: 1, concurrency: 1 });
    expect(api.calls).toHaveLength(8);
    expect(peak).toBe(1);
  });

  it('closes a batch early when its sales carry many lines', async () => {
    const api = new FakeApi();
    const invoices = [invoice('1', 'A', 3), invoice('2', 'A', 3), invoice('3', 'A', 1)];
    const totals = await pushInvoices(api as unknown as CrmApi, stream(invoices), { itemLinesPerBatch: 5 });
    expect(api.calls.filter((c) => c.startsWith('sales'))).toEqual(['sales:2', 'sales:1']);
    expect(totals.itemLines).toBe(7);
  });

  it('retries a rate-limited batch', async () => {
    const api = new FakeApi();
    api.rateLimitOnce = true;
    const totals = await pushInvoices(api as unknown as CrmApi, stream([invoice('1', 'A')]));
    expect(totals.sales.created).toBe(1);
  });

  it('reports failures with the externalId the API named', async () => {
    const api = new FakeApi();
    api.upsertClients = async (items) => created(items.length); // forgets the clients
    const totals = await pushInvoices(api as unknown as CrmApi, stream([invoice('536365', 'A')]));
    expect(totals.sales.failed).toBe(1);
    expect(totals.failureSamples).toEqual(['sale 536365: clientExternalId is unknown']);
  });

  it('stops at the first request error', async () => {
    const api = new FakeApi();
    api.upsertSales = async () => {
      throw new HttpError(401, 'unknown key', 'POST /v1/sales/batch');
    };
    await expect(pushInvoices(api as unknown as CrmApi, stream([invoice('1', 'A')]))).rejects.toThrow(/401/);
  });
});

describe('TaskPool', () => {
  it('never runs more tasks at once than its limit', async () => {
    const pool = new TaskPool(2);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      new Promise<void>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const submitting = (async () => {
      for (let i = 0; i < 5; i++) await pool.submit(task);
    })();
    let finished = 0;
    while (finished < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      const release = releases.shift();
      if (release) {
        release();
        finished++;
      }
    }
    await submitting;
    await pool.drain();
    expect(peak).toBe(2);
  });
});
