/**
 * The return rules of a sales batch (see `returns.ts`): the batch's sales are checked against the
 * returns they already have, then its returns against their originals as stored — sales of the same
 * batch included, several returns of one sale adding up in item order.
 */
import { type CompanyScope, queryRows } from '@crm/api/core';
import { type BatchFailureResponse, DEFAULT_SALE_STATUS, type SaleKind, type SaleStatus } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { loadReturnsOf, loadSales, originalErrors, type SaleDraft, type StoredSale, Unreturned } from './returns';
import type { NormalItem } from './sale-items';

/** A valid item of the batch, its buyer resolved. */
export interface Candidate {
  index: number;
  externalId: string;
  clientId: string;
  amount: string;
  currency: string;
  soldAt: string;
  status: SaleStatus | null;
  kind: SaleKind;
  /** The original's externalId (returns). */
  returnOf: string | null;
  items: NormalItem[] | null;
}

/** A candidate ready for the upsert: a return with its original resolved to an id. */
export type Row = Candidate & { returnOfId: string | null };

/**
 * Sales of the batch: refuses a `returnOf` on a sale, and changes that a stored sale with returns
 * cannot take (see {@link originalErrors}). One probe of the returns index in the usual case.
 */
export async function checkOriginals(
  m: EntityManager,
  scope: CompanyScope,
  sales: readonly Candidate[],
  refused: BatchFailureResponse[],
): Promise<Row[]> {
  const accepted: Row[] = [];
  const plain = sales.filter((c) => {
    if (c.returnOf === null) return true;
    refused.push({
      index: c.index,
      externalId: c.externalId,
      errors: ['returnOf is only for returns (kind "return")'],
    });
    return false;
  });
  const originals = await queryRows<{ externalId: string }>(
    m,
    // The first EXISTS (one probe of a partial index) skips the rest for companies without returns.
    `SELECT o.external_id AS "externalId" FROM sales o
      WHERE EXISTS (SELECT 1 FROM sales k WHERE k.company_id = $1 AND k.kind = 'return')
        AND o.company_id = $1 AND o.external_id = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM sales r WHERE r.company_id = $1 AND r.return_of = o.id)`,
    [scope.companyId, plain.map((c) => c.externalId)],
  );
  const withReturns = new Set(originals.map((o) => o.externalId));
  const stored = new Map(
    (await loadSales(m, scope, 'externalId', [...withReturns])).map((s) => [s.externalId as string, s]),
  );
  const returns = await loadReturnsOf(
    m,
    scope,
    [...stored.values()].map((s) => s.id),
  );
  for (const c of plain) {
    const original = stored.get(c.externalId);
    const errors = original ? originalErrors(draftOf(c, original), original, returns.get(original.id) ?? []) : [];
    if (errors.length) refused.push({ index: c.index, externalId: c.externalId, errors });
    else accepted.push({ ...c, returnOfId: null });
  }
  return accepted;
}

/**
 * Returns of the batch, in item order, against their originals as stored now (sales of this batch
 * included): several returns of one sale add up, whether stored or in this batch.
 */
export async function checkReturns(
  m: EntityManager,
  scope: CompanyScope,
  returns: readonly Candidate[],
  refused: BatchFailureResponse[],
): Promise<Row[]> {
  if (returns.length === 0) return [];
  const originals = new Map(
    (
      await loadSales(
        m,
        scope,
        'externalId',
        returns.flatMap((c) => (c.returnOf === null ? [] : [c.returnOf])),
      )
    ).map((s) => [s.externalId as string, s]),
  );
  const selves = new Map(
    (
      await loadSales(
        m,
        scope,
        'externalId',
        returns.map((c) => c.externalId),
      )
    ).map((s) => [s.externalId as string, s]),
  );
  const rewritten = new Set([...selves.values()].map((s) => s.id));
  const stored = await loadReturnsOf(m, scope, [...[...originals.values()].map((s) => s.id), ...rewritten]);
  const left = new Map<string, Unreturned>();
  for (const original of originals.values()) {
    const unreturned = new Unreturned(original);
    for (const r of stored.get(original.id) ?? []) if (!rewritten.has(r.id)) unreturned.subtract(r);
    left.set(original.id, unreturned);
  }
  const accepted: Row[] = [];
  for (const c of [...returns].sort((a, b) => a.index - b.index)) {
    const self = selves.get(c.externalId);
    const original = c.returnOf === null ? undefined : originals.get(c.returnOf);
    let errors: string[];
    if (c.returnOf === null) errors = ['returnOf is required for a return'];
    else if (c.returnOf === c.externalId) errors = ['a return cannot return itself'];
    else if (!original) errors = ['returnOf is not a sale of this company'];
    else if (self && (stored.get(self.id) ?? []).length > 0) errors = ['a sale with returns cannot become a return'];
    else errors = (left.get(original.id) as Unreturned).take(draftOf(c, self));
    if (errors.length) refused.push({ index: c.index, externalId: c.externalId, errors });
    else accepted.push({ ...c, returnOfId: (original as StoredSale).id });
  }
  return accepted;
}

/** The sale a candidate will be: omitted status and items are the stored ones. */
function draftOf(c: Candidate, stored: StoredSale | undefined): SaleDraft {
  return {
    clientId: c.clientId,
    currency: c.currency,
    amount: c.amount,
    kind: c.kind,
    status: c.status ?? stored?.status ?? DEFAULT_SALE_STATUS,
    items: c.items ?? stored?.items ?? [],
  };
}
