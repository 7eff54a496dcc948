/**
 * The COPY baseline: the same clients, sales and items as the API path, as CSV files loaded with
 * psql `\copy` (COPY FROM STDIN) into the same tables, for another company of the same database.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { benchClient, benchSale, csvRow, money } from './generate';
import { copyFromCsv } from './postgres';

/** A version 7 UUID, as the database's `crm_time_ordered_uuid()` default gives the API's rows. */
function timeOrderedUuid(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const CLIENT_COLUMNS = ['id', 'company_id', 'external_id', 'name', 'email', 'attributes'];
export const SALE_COLUMNS = ['id', 'company_id', 'client_id', 'external_id', 'amount', 'currency', 'sold_at', 'status'];
export const ITEM_COLUMNS = ['sale_id', 'position', 'company_id', 'sku', 'name', 'quantity', 'unit_price'];

export interface CopyFiles {
  clients: string;
  sales: string;
  items: string;
  itemRows: number;
}

/** Buffered appends to a file (synchronous: the files are written before anything is timed). */
class CsvWriter {
  private readonly fd: number;
  private chunk: string[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(row: string): void {
    this.chunk.push(row);
    if (this.chunk.length >= 10_000) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.chunk.length) writeSync(this.fd, this.chunk.join(''));
    this.chunk = [];
  }
}

export function writeCopyFiles(
  dir: string,
  companyId: string,
  clients: number,
  sales: number,
  maxItems: number,
): CopyFiles {
  const files = {
    clients: join(dir, 'clients.csv'),
    sales: join(dir, 'sales.csv'),
    items: join(dir, 'sale_items.csv'),
  };
  const clientIds: string[] = [];
  const clientCsv = new CsvWriter(files.clients);
  for (let i = 0; i < clients; i++) {
    const client = benchClient(i);
    const id = timeOrderedUuid();
    clientIds.push(id);
    clientCsv.write(
      csvRow([id, companyId, client.externalId, client.name, client.email, JSON.stringify(client.attributes)]),
    );
  }
  clientCsv.close();

  const saleCsv = new CsvWriter(files.sales);
  const itemCsv = new CsvWriter(files.items);
  let itemRows = 0;
  for (let i = 0; i < sales; i++) {
    const sale = benchSale(i, clients, maxItems);
    const id = timeOrderedUuid();
    saleCsv.write(
      csvRow([
        id,
        companyId,
        clientIds[sale.clientIndex],
        sale.externalId,
        money(sale.amountCents),
        sale.currency,
        sale.soldAt,
        sale.status,
      ]),
    );
    sale.items.forEach((item, position) => {
      itemCsv.write(csvRow([id, position, companyId, item.sku, item.name, item.quantity, money(item.unitPriceCents)]));
      itemRows++;
    });
  }
  saleCsv.close();
  itemCsv.close();
  return { ...files, itemRows };
}

export async function timedCopy(url: string, table: string, columns: string[], file: string): Promise<number> {
  const started = performance.now();
  await copyFromCsv(url, table, columns, file);
  return (performance.now() - started) / 1000;
}
