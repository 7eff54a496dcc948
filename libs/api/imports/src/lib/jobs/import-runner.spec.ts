import type { ClientsWriter } from '@crm/api/clients';
import type { SalesWriter } from '@crm/api/sales';
import { Readable } from 'node:stream';
import { resolveMapping } from '../mapping/mapping-rules';
import { emptyProgress, type ImportJob } from './import-job';
import { type Checkpoint, ImportRunner } from './import-runner';

const HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'];
const SALES = 2500;
const BAD_LINES = new Set([100, 2301, 4000]);

/** 2,500 sales of two item lines each, and three lines with a value too many (refused). */
function file(): Buffer {
  const lines = [HEADER.join(';')];
  for (let sale = 0; sale < SALES; sale++) {
    for (const item of [1, 2]) {
      const fields = [`S-${sale}`, `SKU-${item}`, `Товар ${item}`, '2', '2026-11-20 10:00', '10.50', 'C-1'];
      lines.push(fields.join(';'));
      if (BAD_LINES.has(lines.length + 1)) lines.push(`X-${lines.length};a;b;1;2026-11-20 10:00;1;C-1;extra`);
    }
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

function job(progress = emptyProgress()): ImportJob {
  return {
    id: 'job',
    companyId: 'company',
    userId: null,
    kind: 'sales',
    status: 'running',
    fileName: 'sales.csv',
    sizeBytes: 0,
    encoding: 'utf-8',
    delimiter: ';',
    columns: HEADER,
    suggestedMapping: {},
    mapping: null,
    rowsTotal: null,
    progress,
    error: null,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    settings: null,
    run: { runId: 'run', slice: 0, resumeRows: 0, cancelRequested: false, updatedAt: new Date() },
  };
}

describe('ImportRunner resuming from a checkpoint', () => {
  it('imports every sale once and reports every refused line once when stopped mid-sale and resumed', async () => {
    const upserted: { externalId: string; items: unknown[] }[] = [];
    const sales = {
      upsertBatch: async (_scope: unknown, items: { externalId: string; items: unknown[] }[]) => {
        upserted.push(...items);
        return { created: items.length, updated: 0, unchanged: 0, failed: [] };
      },
    } as unknown as SalesWriter;
    const runner = new ImportRunner({} as ClientsWriter, sales);
    const mapping = resolveMapping(
      'sales',
      HEADER,
      {
        externalId: 'InvoiceNo',
        sku: 'StockCode',
        itemName: 'Description',
        quantity: 'Quantity',
        soldAt: 'InvoiceDate',
        unitPrice: 'UnitPrice',
        clientExternalId: 'CustomerID',
      },
      'RUB',
    );
    const bytes = file();
    let saved: Checkpoint | null = null;
    const report: Buffer[] = [];
    const checkpoint = async (state: Checkpoint) => {
      saved = state;
      report.push(state.rejected);
      return { saved: true, cancelRequested: false };
    };
    const base = { scope: { companyId: 'company' }, mapping, timeZone: 'UTC', upload: () => Readable.from([bytes]) };

    // The first try stops after 2,301 rows: inside a sale (its first item line read, not its second).
    const first = job();
    let rows = 0;
    const paused = await runner.run({
      ...base,
      job: first,
      resumeRows: 0,
      isStopping: () => ++rows > 2301,
      checkpoint,
    });
    expect(paused).toBe('paused');
    const atPause = saved as unknown as Checkpoint;
    expect(atPause.end).toBe('paused');
    expect(atPause.resumeRows).toBeLessThan(atPause.progress.rowsDone);

    // Another process resumes from the saved checkpoint.
    const second = job({ ...atPause.progress });
    const done = await runner.run({
      ...base,
      job: second,
      resumeRows: atPause.resumeRows,
      isStopping: () => false,
      checkpoint,
    });
    expect(done).toBe('completed');
    const last = saved as unknown as Checkpoint;
    expect(last.end).toBe('completed');
    expect(last.progress).toEqual({
      rowsDone: SALES * 2 + BAD_LINES.size,
      created: SALES,
      updated: 0,
      unchanged: 0,
      failed: BAD_LINES.size,
      rejectedRows: BAD_LINES.size,
    });
    const ids = upserted.map((s) => s.externalId);
    expect(new Set(ids).size).toBe(SALES);
    expect(ids).toHaveLength(SALES);
    expect(upserted.every((s) => s.items.length === 2)).toBe(true);
    const rejected = Buffer.concat(report).toString('utf8').trim().split('\r\n');
    expect(rejected.map((line) => line.split(';')[7])).toEqual([...BAD_LINES].map(String));
  });
});
