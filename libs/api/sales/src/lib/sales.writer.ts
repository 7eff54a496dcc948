import { Injectable } from '@nestjs/common';
import {
  assertBatchSize,
  byIndex,
  type CompanyScope,
  companyWritesLockName,
  ConcurrentInsertError,
  inExternalIdOrder,
  dropRepeats,
  enterTenant,
  queryRows,
  SaleChangeHooks,
  validateBatchItemsYielding,
  withRetry,
  TenantDatabase,
} from '@crm/api/core';
import {
  acceptSaleBatchItem,
  type BatchFailureResponse,
  type BatchResultResponse,
  SaleBatchItemDto,
  DEFAULT_SALE_KIND,
  toDecimalString,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { type Candidate, checkOriginals, checkReturns, type Row } from './batch-returns';
import {
  amountWarnings,
  comparableItems,
  normalizeItems,
  replaceItems,
  STORED_ITEMS,
  touchLastInteraction,
} from './sale-items';

/** A sale the upsert wrote: what moving its buyer's lastInteractionAt and the result counts need. */
interface WrittenRow {
  id: string;
  externalId: string;
  clientId: string;
  soldAt: Date;
  inserted: boolean;
  /** The stored version's id, null when there was none in this statement's snapshot. */
  prevId: string | null;
}

/** Sales (of this batch) whose given items differ from the stored ones. */
const CHANGED_ITEMS = `
  SELECT s.id FROM jsonb_to_recordset($2::jsonb) AS i(external_id text, items jsonb)
    CROSS JOIN LATERAL (SELECT company_id, id FROM sales WHERE company_id = $1 AND external_id = i.external_id LIMIT 1) s
   WHERE i.items IS DISTINCT FROM ${STORED_ITEMS}`;

/**
 * One multi-row upsert for the whole batch. `prev` reads the stored versions (LATERAL ... LIMIT 1:
 * one unique-index probe per item, never a scan of the company) and locks them: batches of a company
 * run in parallel (ADR 0004), and a sale another batch changed after this statement began is read
 * in its committed version, so a status left out keeps the stored one, never a stale one. Items come, and rows are inserted, in externalId order, so
 * concurrent batches lock the same sales in the same order. The conflict branch writes only rows
 * that differ (or whose items changed: `$3`); `xmax = 0` tells inserted rows from updated ones.
 */
const UPSERT_SALES = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb)
      AS x(external_id text, client_id uuid, amount numeric, currency text, sold_at timestamptz, status text,
           kind text, return_of uuid)
  ),
  prev AS (
    SELECT s.* FROM input i
     CROSS JOIN LATERAL (
       SELECT id, external_id, client_id, amount, currency, sold_at, status
         FROM sales WHERE company_id = $1 AND external_id = i.external_id LIMIT 1 FOR NO KEY UPDATE
     ) s
  ),
  up AS (
    INSERT INTO sales AS s (company_id, external_id, client_id, amount, currency, sold_at, status, kind, return_of)
    SELECT $1::uuid, i.external_id, i.client_id, i.amount, i.currency, i.sold_at, coalesce(i.status, prev.status, 'paid'),
           i.kind, i.return_of
      FROM input i LEFT JOIN prev ON prev.external_id = i.external_id
     ORDER BY i.external_id
    ON CONFLICT (company_id, external_id) DO UPDATE
       SET client_id = EXCLUDED.client_id, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
           sold_at = EXCLUDED.sold_at, status = EXCLUDED.status, kind = EXCLUDED.kind, return_of = EXCLUDED.return_of
     WHERE (s.client_id, s.amount, s.currency, s.sold_at, s.status, s.kind, s.return_of)
           IS DISTINCT FROM (EXCLUDED.client_id, EXCLUDED.amount, EXCLUDED.currency, EXCLUDED.sold_at, EXCLUDED.status,
                             EXCLUDED.kind, EXCLUDED.return_of)
        OR s.id = ANY($3::uuid[])
    RETURNING s.id, s.external_id, s.client_id, s.sold_at, (s.xmax = 0) AS inserted
  )
  SELECT up.id, up.external_id AS "externalId", up.client_id AS "clientId", up.sold_at AS "soldAt", up.inserted,
         prev.id AS "prevId"
    FROM up LEFT JOIN prev ON prev.id = up.id`;

/**
 * The one write path for sales by externalId: the integration API, CSV import and demo data all go
 * through {@link SalesWriter.upsertBatch}. A batch is a handful of set-based statements in one
 * transaction, whatever its size: resolve buyers, compare items, upsert sales, replace changed
 * items, move buyers' lastInteractionAt, then tell the {@link SaleChangeHooks} listeners.
 */
@Injectable()
export class SalesWriter {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly hooks: SaleChangeHooks,
  ) {}

  /**
   * Validates each item (`SaleBatchItemDto`; bad values, an unknown `clientExternalId` and repeats
   * of an earlier valid item's externalId fail alone, with their index) and upserts the valid ones, in the caller's
   * transaction `m` when given, else in a tenant transaction of its own (retried when it loses a
   * race to a concurrent batch). Items given replace the stored items; omitted keep them. 413 above 5,000 items.
   */
  async upsertBatch(scope: CompanyScope, items: readonly unknown[], m?: EntityManager): Promise<BatchResultResponse> {
    assertBatchSize(items);
    const { valid, failed } = await validateBatchItemsYielding(SaleBatchItemDto, items, acceptSaleBatchItem);
    if (valid.length === 0) return { created: 0, updated: 0, unchanged: 0, failed, warnings: [] };
    const write = (tx: EntityManager) =>
      this.write(
        tx,
        scope,
        valid.map((v) => ({ index: v.index, item: v.item })),
        failed,
      );
    // Entering the tenant takes the company's write lock in the same statement.
    const writes = { sharedLock: companyWritesLockName(scope) };
    return m
      ? enterTenant(m, scope, writes).then(() => write(m))
      : withRetry(() => this.tenantDb.run(scope, write, writes));
  }

  private async write(
    m: EntityManager,
    scope: CompanyScope,
    valid: { index: number; item: SaleBatchItemDto }[],
    validationFailures: readonly BatchFailureResponse[],
  ): Promise<BatchResultResponse> {
    const unknownBuyers: BatchFailureResponse[] = [];
    const buyers = await this.resolveBuyers(
      m,
      scope,
      valid.map((v) => v.item.clientExternalId),
    );
    const resolved: Candidate[] = [];
    for (const { index, item } of valid) {
      const clientId = buyers.get(item.clientExternalId);
      if (!clientId) {
        unknownBuyers.push({
          index,
          externalId: item.externalId,
          errors: ['clientExternalId is not a client of this company'],
        });
        continue;
      }
      resolved.push({
        index,
        externalId: item.externalId,
        clientId,
        amount: toDecimalString(item.amount) as string,
        currency: item.currency,
        soldAt: item.soldAt,
        status: item.status ?? null,
        kind: item.kind ?? DEFAULT_SALE_KIND,
        returnOf: item.returnOf ?? null,
        items: item.items ? normalizeItems(item.items) : null,
      });
    }
    const { kept: candidates, failed: repeats } = dropRepeats(resolved);
    const refused: BatchFailureResponse[] = [];
    // Sales first (a return may name a sale of this batch), then the returns against what is stored.
    const sales = await checkOriginals(
      m,
      scope,
      candidates.filter((c) => c.kind === 'sale'),
      refused,
    );
    const written = await this.upsert(m, scope, sales);
    const returns = await checkReturns(
      m,
      scope,
      candidates.filter((c) => c.kind === 'return'),
      refused,
    );
    written.push(...(await this.upsert(m, scope, returns)));
    const failed = byIndex([...validationFailures, ...unknownBuyers, ...repeats, ...refused]);
    const stored = [...sales, ...returns];
    if (stored.length === 0) return { created: 0, updated: 0, unchanged: 0, failed, warnings: [] };
    await touchLastInteraction(m, scope, written);
    await this.hooks.emit(m, scope, written.length);

    const created = written.filter((r) => r.inserted).length;
    return {
      created,
      updated: written.length - created,
      unchanged: stored.length - written.length,
      failed,
      warnings: stored
        .sort((x, y) => x.index - y.index)
        .flatMap((c) => {
          const warnings = amountWarnings(c.amount, c.currency, c.items);
          return warnings.length ? [{ index: c.index, externalId: c.externalId, warnings }] : [];
        }),
    };
  }

  /** Writes these rows (one upsert) and their changed items; the rows actually written. */
  private async upsert(m: EntityManager, scope: CompanyScope, rows: readonly Row[]): Promise<WrittenRow[]> {
    if (rows.length === 0) return [];
    const withItems = rows.filter((c) => c.items !== null);
    const itemsChanged = withItems.length
      ? (
          await queryRows<{ id: string }>(m, CHANGED_ITEMS, [
            scope.companyId,
            JSON.stringify(
              withItems.map((c) => ({ external_id: c.externalId, items: comparableItems(c.items ?? []) })),
            ),
          ])
        ).map((r) => r.id)
      : [];
    const input = [...rows].sort(inExternalIdOrder).map((c) => ({
      external_id: c.externalId,
      client_id: c.clientId,
      amount: c.amount,
      currency: c.currency,
      sold_at: c.soldAt,
      status: c.status,
      kind: c.kind,
      return_of: c.returnOfId,
    }));
    const written = await queryRows<WrittenRow>(m, UPSERT_SALES, [
      scope.companyId,
      JSON.stringify(input),
      itemsChanged,
    ]);
    // Updated without a stored version in our snapshot: a concurrent batch inserted it meanwhile.
    if (written.some((row) => !row.inserted && row.prevId === null)) throw new ConcurrentInsertError();

    const byExternalId = new Map(rows.map((c) => [c.externalId, c]));
    const changedItems = new Set(itemsChanged);
    await replaceItems(
      m,
      scope,
      written.flatMap((row) => {
        const items = byExternalId.get(row.externalId)?.items;
        return items && (row.inserted || changedItems.has(row.id))
          ? [{ saleId: row.id, items, created: row.inserted }]
          : [];
      }),
    );
    return written;
  }

  /** Client ids by externalId, locked against deletion until the batch commits. */
  private async resolveBuyers(
    m: EntityManager,
    scope: CompanyScope,
    externalIds: string[],
  ): Promise<Map<string, string>> {
    const rows = await queryRows<{ id: string; externalId: string }>(
      m,
      `SELECT id, external_id AS "externalId" FROM clients
        WHERE company_id = $1 AND external_id = ANY($2::text[]) ORDER BY external_id FOR KEY SHARE`,
      [scope.companyId, [...new Set(externalIds)]],
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }
}
