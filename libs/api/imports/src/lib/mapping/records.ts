/**
 * Rows of a file → records for the batch upsert: a client per row; for sales, a sale per row or,
 * when item columns are mapped, per run of consecutive rows with the same sale externalId.
 */
import { type ImportColumnField, minorUnits } from '@crm/shared/contracts';
import type { CsvRow } from '../csv/csv-source';
import { sumOfProducts } from './decimal';
import type { ResolvedMapping } from './mapping-rules';
import { normalizeCurrency, normalizeDecimal, normalizeStatus, normalizeTimestamp } from './values';

/** A record with the rows it came from. */
export interface SourceRecord {
  lines: number[];
  rows: string[][];
  record: Record<string, unknown>;
  /** Problems found while reading the rows: such a record is rejected without being sent. */
  errors: string[];
}

export class RecordBuilder {
  private open: CsvRow[] = [];
  private openKey: string | undefined;

  constructor(
    private readonly mapping: ResolvedMapping,
    private readonly headerLength: number,
    private readonly timeZone: string,
  ) {}

  /** Takes a row; returns the records it completes (for item lines, the previous sale). */
  push(row: CsvRow): SourceRecord[] {
    if (this.mapping.kind === 'clients' || !this.mapping.hasItems) return [this.build([row])];
    const key = this.cell(row, 'externalId');
    if (this.open.length > 0 && (key === undefined || key !== this.openKey)) {
      const done = this.finish();
      this.start(row, key);
      return done;
    }
    this.start(row, key);
    return [];
  }

  /** Rows taken but not yet part of a returned record (the sale still being collected). */
  get pendingRows(): number {
    return this.open.length;
  }

  /** The record still being collected, if any. */
  finish(): SourceRecord[] {
    if (this.open.length === 0) return [];
    const record = this.build(this.open);
    this.open = [];
    this.openKey = undefined;
    return [record];
  }

  private start(row: CsvRow, key: string | undefined): void {
    this.open.push(row);
    this.openKey = key;
  }

  private cell(row: CsvRow, field: ImportColumnField): string | undefined {
    const index = this.mapping.columns[field];
    const value = index === undefined ? undefined : row.fields[index]?.trim();
    return value ? value : undefined;
  }

  private shapeErrors(rows: CsvRow[]): string[] {
    return rows.flatMap((row) =>
      row.fields.slice(this.headerLength).some((value) => value.trim() !== '')
        ? [`line ${row.line} has ${row.fields.length} values, the header has ${this.headerLength}`]
        : [],
    );
  }

  private build(rows: CsvRow[]): SourceRecord {
    const record = this.mapping.kind === 'clients' ? this.client(rows[0]) : this.sale(rows);
    return { lines: rows.map((r) => r.line), rows: rows.map((r) => r.fields), record, errors: this.shapeErrors(rows) };
  }

  private client(row: CsvRow): Record<string, unknown> {
    const record: Record<string, unknown> = { externalId: this.cell(row, 'externalId') ?? '' };
    for (const field of ['name', 'email', 'phone', 'activity'] as const) {
      const value = this.cell(row, field);
      if (value !== undefined) record[field] = value;
    }
    const attributes = Object.fromEntries(
      this.mapping.attributes.flatMap(([name, index]) => {
        const value = row.fields[index]?.trim();
        return value ? [[name, value]] : [];
      }),
    );
    if (Object.keys(attributes).length > 0) record['attributes'] = attributes;
    return record;
  }

  private sale(rows: CsvRow[]): Record<string, unknown> {
    const first = rows[0];
    const currencyCell = this.cell(first, 'currency');
    const currency = currencyCell ? normalizeCurrency(currencyCell) : (this.mapping.defaultCurrency ?? '');
    const record: Record<string, unknown> = {
      externalId: this.cell(first, 'externalId') ?? '',
      clientExternalId: this.cell(first, 'clientExternalId') ?? '',
      currency,
      soldAt: normalizeTimestamp(this.cell(first, 'soldAt') ?? '', this.timeZone),
    };
    const status = this.cell(first, 'status');
    if (status !== undefined) record['status'] = normalizeStatus(status);
    const amount = this.cell(first, 'amount');
    if (this.mapping.hasItems) {
      const items = rows.map((row) => {
        const sku = this.cell(row, 'sku');
        return {
          ...(sku === undefined ? {} : { sku }),
          name: this.cell(row, 'itemName') ?? sku ?? '',
          quantity: normalizeDecimal(this.cell(row, 'quantity') ?? ''),
          unitPrice: normalizeDecimal(this.cell(row, 'unitPrice') ?? ''),
        };
      });
      record['items'] = items;
      record['amount'] =
        amount !== undefined ? normalizeDecimal(amount) : (sumOfProducts(items, minorUnits(currency)) ?? '');
    } else {
      record['amount'] = normalizeDecimal(amount ?? '');
    }
    return record;
  }
}
