import { Injectable } from '@nestjs/common';
import {
  assertBatchSize,
  byIndex,
  type CompanyScope,
  companyWritesLockName,
  ConcurrentInsertError,
  dropRepeats,
  enterTenant,
  inExternalIdOrder,
  queryRows,
  TenantDatabase,
  validateBatchItemsYielding,
  withRetry,
} from '@crm/api/core';
import { type BatchResultResponse, ClientBatchItemDto } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

const OPTIONAL_FIELDS = ['email', 'name', 'phone', 'activity', 'attributes'] as const;

/**
 * One multi-row upsert for a whole batch. For each field, an item that has the key sets it (a
 * JSON null clears it) and an item without it keeps the stored value. The conflict branch only
 * writes rows that differ, so an identical item is neither written nor counted as updated;
 * `xmax = 0` tells inserted rows from updated ones. Rows go in externalId order, so two batches
 * touching the same clients lock them in the same order. Batches of a company run in parallel
 * (ADR 0004): `cur` locks each stored client it merges with, reading the committed version if
 * another batch changed it after this statement began, so no field set meanwhile is written over;
 * `existed` says whether there was one — an update of a client that was not there means a
 * concurrent batch inserted it meanwhile and the omitted fields were merged with nothing, so the
 * batch runs again.
 */
const UPSERT_CLIENTS = `
  WITH input AS (
    SELECT d.doc, d.doc->>'externalId' AS external_id
      FROM jsonb_array_elements($2::jsonb) AS d(doc)
  ),
  merged AS (
    SELECT i.external_id, cur.id IS NOT NULL AS existed,
           ${OPTIONAL_FIELDS.filter((f) => f !== 'attributes')
             .map((f) => `CASE WHEN i.doc ? '${f}' THEN i.doc->>'${f}' ELSE cur.${f} END AS ${f}`)
             .join(',\n           ')},
           CASE WHEN i.doc ? 'attributes' THEN nullif(i.doc->'attributes', 'null'::jsonb) ELSE cur.attributes END AS attributes
      FROM input i
      -- LATERAL ... LIMIT 1: one unique-index probe per item, never a scan of the company's clients
      LEFT JOIN LATERAL (
        SELECT * FROM clients WHERE company_id = $1 AND external_id = i.external_id LIMIT 1 FOR NO KEY UPDATE
      ) cur ON true
  ),
  up AS (
  INSERT INTO clients AS c (company_id, external_id, email, name, phone, activity, attributes)
  SELECT $1::uuid, external_id, email, name, phone, activity, attributes FROM merged ORDER BY external_id
  ON CONFLICT (company_id, external_id) WHERE external_id IS NOT NULL DO UPDATE
     SET email = EXCLUDED.email, name = EXCLUDED.name, phone = EXCLUDED.phone,
         activity = EXCLUDED.activity, attributes = EXCLUDED.attributes
   WHERE (c.email, c.name, c.phone, c.activity, c.attributes)
         IS DISTINCT FROM (EXCLUDED.email, EXCLUDED.name, EXCLUDED.phone, EXCLUDED.activity, EXCLUDED.attributes)
  RETURNING c.id, c.external_id, (c.xmax = 0) AS inserted
  )
  SELECT up.id, up.inserted, m.existed FROM up JOIN merged m ON m.external_id = up.external_id`;

/**
 * The one write path for clients by externalId: the integration API, CSV import and demo data
 * all go through {@link ClientsWriter.upsertBatch}.
 */
@Injectable()
export class ClientsWriter {
  constructor(private readonly tenantDb: TenantDatabase) {}

  /**
   * Validates each item (`ClientBatchItemDto`: unknown fields, bad values and repeats of an
   * earlier valid item's externalId fail alone, with their index) and upserts the valid ones in one statement, in the caller's
   * transaction `m` when given, else in a tenant transaction of its own (run again when it loses a
   * race to a concurrent batch). 413 above 5,000 items.
   */
  async upsertBatch(scope: CompanyScope, items: readonly unknown[], m?: EntityManager): Promise<BatchResultResponse> {
    assertBatchSize(items);
    const validation = await validateBatchItemsYielding(ClientBatchItemDto, items);
    const repeats = dropRepeats(validation.valid.map((v) => ({ ...v, externalId: v.item.externalId })));
    const valid = repeats.kept;
    const failed = byIndex([...validation.failed, ...repeats.failed]);
    if (valid.length === 0) return { created: 0, updated: 0, unchanged: 0, failed };
    const docs = [...valid].sort(inExternalIdOrder).map(({ item, raw }) => {
      const doc: Record<string, unknown> = { externalId: item.externalId };
      for (const field of OPTIONAL_FIELDS) if (field in raw) doc[field] = raw[field];
      return doc;
    });
    const writes = { sharedLock: companyWritesLockName(scope) };
    const write = async (tx: EntityManager) => {
      const rows = await queryRows<{ id: string; inserted: boolean; existed: boolean }>(tx, UPSERT_CLIENTS, [
        scope.companyId,
        JSON.stringify(docs),
      ]);
      if (rows.some((r) => !r.inserted && !r.existed)) throw new ConcurrentInsertError();
      return rows;
    };
    const written = m
      ? await enterTenant(m, scope, writes).then(() => write(m))
      : await withRetry(() => this.tenantDb.run(scope, write, writes));
    const created = written.filter((r) => r.inserted).length;
    const updated = written.length - created;
    return { created, updated, unchanged: valid.length - written.length, failed };
  }
}
