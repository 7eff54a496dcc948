import { Injectable } from '@nestjs/common';
import {
  assertBatchSize,
  byIndex,
  type CompanyScope,
  companyWritesLockName,
  ConcurrentInsertError,
  dropRepeats,
  inExternalIdOrder,
  queryRows,
  TenantDatabase,
  validateBatchItemsYielding,
  withRetry,
} from '@crm/api/core';
import {
  type BatchFailureResponse,
  type BatchResultResponse,
  DealBatchItemDto,
  toDecimalString,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

interface StageRow {
  pipelineId: string;
  pipelineName: string;
  pipelinePosition: number;
  stageId: string;
  stageName: string;
  stagePosition: number;
  kind: 'open' | 'won' | 'lost';
}

interface StoredDeal {
  id: string;
  externalId: string;
  pipelineId: string;
  stageId: string;
  status: string;
  lostReason: string | null;
}

/** A valid item resolved to ids: what one row of the upsert writes. */
interface Resolved {
  index: number;
  externalId: string;
  clientId: string;
  title: string;
  amount: string;
  currency: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  /** undefined: keep the stored value. */
  expectedCloseDate: string | null | undefined;
  source: string | null | undefined;
}

interface Written {
  id: string;
  externalId: string;
  inserted: boolean;
  prevId: string | null;
  prevPipelineId: string | null;
  prevStageId: string | null;
}

/** The company's live pipelines and stages, pipelines and stages in order. */
const STAGES_SQL = `
  SELECT p.id AS "pipelineId", p.name AS "pipelineName", p.position AS "pipelinePosition",
         s.id AS "stageId", s.name AS "stageName", s.position AS "stagePosition", s.kind
    FROM pipelines p JOIN pipeline_stages s ON s.company_id = p.company_id AND s.pipeline_id = p.id
   WHERE p.company_id = $1 AND s.deleted_at IS NULL
   ORDER BY p.position, p.created_at, p.id, s.position, s.id`;

/**
 * One multi-row upsert for the batch (as `SalesWriter`'s): `prev` reads and locks the stored
 * versions (a unique-index probe per item, externalId order); the conflict branch writes only rows
 * that differ; a deal entering a new stage gets `stage_entered_at` now and, when it closes,
 * `closed_at`. `xmax = 0` tells inserted rows from updated ones.
 */
const UPSERT_DEALS = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb)
      AS x(external_id text, client_id uuid, title text, amount numeric, currency text, pipeline_id uuid,
           stage_id uuid, status text, lost_reason text, expected_close_date date, keep_expected boolean,
           source text, keep_source boolean)
  ),
  prev AS (
    SELECT d.* FROM input i
     CROSS JOIN LATERAL (
       SELECT id, external_id, expected_close_date, source, pipeline_id, stage_id, status, closed_at
         FROM deals WHERE company_id = $1 AND external_id = i.external_id LIMIT 1 FOR NO KEY UPDATE
     ) d
  ),
  up AS (
    INSERT INTO deals AS d (company_id, external_id, client_id, title, amount, currency, pipeline_id, stage_id, status,
                            lost_reason, expected_close_date, source, stage_entered_at, closed_at)
    SELECT $1::uuid, i.external_id, i.client_id, i.title, i.amount, i.currency, i.pipeline_id, i.stage_id, i.status,
           i.lost_reason,
           CASE WHEN i.keep_expected THEN prev.expected_close_date ELSE i.expected_close_date END,
           CASE WHEN i.keep_source THEN prev.source ELSE i.source END,
           now(),
           CASE WHEN i.status = 'open' THEN NULL
                WHEN prev.status = i.status AND prev.closed_at IS NOT NULL THEN prev.closed_at ELSE now() END
      FROM input i LEFT JOIN prev ON prev.external_id = i.external_id
     ORDER BY i.external_id
    ON CONFLICT (company_id, external_id) DO UPDATE
       SET client_id = EXCLUDED.client_id, title = EXCLUDED.title, amount = EXCLUDED.amount,
           currency = EXCLUDED.currency, pipeline_id = EXCLUDED.pipeline_id, stage_id = EXCLUDED.stage_id,
           status = EXCLUDED.status, lost_reason = EXCLUDED.lost_reason,
           expected_close_date = EXCLUDED.expected_close_date, source = EXCLUDED.source,
           stage_entered_at = CASE WHEN d.stage_id = EXCLUDED.stage_id THEN d.stage_entered_at ELSE EXCLUDED.stage_entered_at END,
           closed_at = EXCLUDED.closed_at
     WHERE (d.client_id, d.title, d.amount, d.currency, d.pipeline_id, d.stage_id, d.status, d.lost_reason,
            d.expected_close_date, d.source)
           IS DISTINCT FROM (EXCLUDED.client_id, EXCLUDED.title, EXCLUDED.amount, EXCLUDED.currency, EXCLUDED.pipeline_id,
                             EXCLUDED.stage_id, EXCLUDED.status, EXCLUDED.lost_reason, EXCLUDED.expected_close_date,
                             EXCLUDED.source)
    RETURNING d.id, d.external_id, (d.xmax = 0) AS inserted
  )
  SELECT up.id, up.external_id AS "externalId", up.inserted, prev.id AS "prevId",
         prev.pipeline_id AS "prevPipelineId", prev.stage_id AS "prevStageId"
    FROM up LEFT JOIN prev ON prev.id = up.id`;

/**
 * The integration API's write path for deals by externalId (`POST /api/v1/deals/batch`): a handful
 * of set-based statements in one tenant transaction, whatever the batch size — resolve clients,
 * pipelines and stages, read the stored deals, upsert, then record the stage changes (by no user:
 * the integration). Partial success like the sales batch: an invalid item, an unknown client,
 * pipeline or stage, a lost stage without `lostReason` fail alone with their index.
 */
@Injectable()
export class DealsBatchWriter {
  constructor(private readonly tenantDb: TenantDatabase) {}

  async upsertBatch(scope: CompanyScope, items: readonly unknown[]): Promise<BatchResultResponse> {
    assertBatchSize(items);
    const { valid, failed } = await validateBatchItemsYielding(DealBatchItemDto, items);
    if (valid.length === 0) return { created: 0, updated: 0, unchanged: 0, failed, warnings: [] };
    // Entering the tenant takes the company's write lock (ADR 0004: before the first write).
    const writes = { sharedLock: companyWritesLockName(scope) };
    return withRetry(() => this.tenantDb.run(scope, (m) => this.write(m, scope, valid, failed), writes));
  }

  private async write(
    m: EntityManager,
    scope: CompanyScope,
    valid: { index: number; item: DealBatchItemDto }[],
    validationFailures: readonly BatchFailureResponse[],
  ): Promise<BatchResultResponse> {
    const { kept, failed: repeats } = dropRepeats(valid.map((v) => ({ ...v, externalId: v.item.externalId })));
    const clients = await this.resolveClients(
      m,
      scope,
      kept.map((v) => v.item.clientExternalId),
    );
    const stages = await queryRows<StageRow>(m, STAGES_SQL, [scope.companyId]);
    const stored = await this.loadStored(
      m,
      scope,
      kept.map((v) => v.externalId),
    );
    const refused: BatchFailureResponse[] = [];
    const resolved: Resolved[] = [];
    for (const { index, item } of kept) {
      const errors: string[] = [];
      const clientId = clients.get(item.clientExternalId);
      if (!clientId) errors.push('clientExternalId is not a client of this company');
      const place = placeOf(item, stored.get(item.externalId), stages, errors);
      if (errors.length || !clientId || !place) {
        refused.push({ index, externalId: item.externalId, errors });
        continue;
      }
      resolved.push({
        index,
        externalId: item.externalId,
        clientId,
        title: item.title,
        amount: toDecimalString(item.amount) as string,
        currency: item.currency,
        ...place,
        expectedCloseDate: item.expectedCloseDate,
        source: item.source,
      });
    }
    const failed = byIndex([...validationFailures, ...repeats, ...refused]);
    if (resolved.length === 0) return { created: 0, updated: 0, unchanged: 0, failed, warnings: [] };

    const input = [...resolved].sort(inExternalIdOrder).map((r) => ({
      external_id: r.externalId,
      client_id: r.clientId,
      title: r.title,
      amount: r.amount,
      currency: r.currency,
      pipeline_id: r.pipelineId,
      stage_id: r.stageId,
      status: r.status,
      lost_reason: r.lostReason,
      expected_close_date: r.expectedCloseDate ?? null,
      keep_expected: r.expectedCloseDate === undefined,
      source: r.source ?? null,
      keep_source: r.source === undefined,
    }));
    const written = await queryRows<Written>(m, UPSERT_DEALS, [scope.companyId, JSON.stringify(input)]);
    // Updated without a stored version in our snapshot: a concurrent batch inserted it meanwhile.
    if (written.some((row) => !row.inserted && row.prevId === null)) throw new ConcurrentInsertError();

    const byExternalId = new Map(resolved.map((r) => [r.externalId, r]));
    // The history: a new deal enters its stage from NULL, as does a deal moved to another pipeline
    // (a change's stages are of one pipeline); a new stage in the same pipeline is a move from the
    // stage it was in, as locked by the upsert.
    const changes = written.flatMap((row) => {
      const r = byExternalId.get(row.externalId);
      if (!r || row.prevStageId === r.stageId) return [];
      const from = row.prevPipelineId === r.pipelineId ? row.prevStageId : null;
      return [{ deal_id: row.id, pipeline_id: r.pipelineId, from_stage_id: from, to_stage_id: r.stageId }];
    });
    if (changes.length) {
      await m.query(
        `INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, user_id)
         SELECT $1, c.deal_id, c.pipeline_id, c.from_stage_id, c.to_stage_id, NULL
           FROM jsonb_to_recordset($2::jsonb) AS c(deal_id uuid, pipeline_id uuid, from_stage_id uuid, to_stage_id uuid)`,
        [scope.companyId, JSON.stringify(changes)],
      );
    }
    const created = written.filter((r) => r.inserted).length;
    return {
      created,
      updated: written.length - created,
      unchanged: resolved.length - written.length,
      failed,
      warnings: [],
    };
  }

  /** Client ids by externalId, locked against deletion until the batch commits. */
  private async resolveClients(m: EntityManager, scope: CompanyScope, externalIds: string[]) {
    const rows = await queryRows<{ id: string; externalId: string }>(
      m,
      `SELECT id, external_id AS "externalId" FROM clients
        WHERE company_id = $1 AND external_id = ANY($2::text[]) ORDER BY external_id FOR KEY SHARE`,
      [scope.companyId, [...new Set(externalIds)]],
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  private async loadStored(m: EntityManager, scope: CompanyScope, externalIds: string[]) {
    const rows = await queryRows<StoredDeal>(
      m,
      `SELECT id, external_id AS "externalId", pipeline_id AS "pipelineId", stage_id AS "stageId", status,
              lost_reason AS "lostReason"
         FROM deals WHERE company_id = $1 AND external_id = ANY($2::text[])`,
      [scope.companyId, externalIds],
    );
    return new Map(rows.map((r) => [r.externalId, r]));
  }
}

const same = (a: string, b: string) => a.toLocaleLowerCase('ru') === b.toLocaleLowerCase('ru');

/**
 * Where an item puts its deal. A named pipeline must exist; a named stage must be a stage of the
 * deal's pipeline. Unnamed: a stored deal keeps its pipeline (and its stage while the pipeline stays);
 * a new deal, or one moved to another pipeline without a stage, goes to the first open stage.
 */
function placeOf(
  item: DealBatchItemDto,
  stored: StoredDeal | undefined,
  stages: readonly StageRow[],
  errors: string[],
): Pick<Resolved, 'pipelineId' | 'stageId' | 'status' | 'lostReason'> | null {
  let pipelineId: string | undefined;
  if (item.pipeline) {
    pipelineId = stages.find((s) => same(s.pipelineName, item.pipeline as string))?.pipelineId;
    if (!pipelineId) errors.push('pipeline is not a pipeline of this company');
  } else {
    pipelineId = stored?.pipelineId ?? stages[0]?.pipelineId;
    if (!pipelineId) errors.push('pipeline: the company has no pipeline');
  }
  if (!pipelineId) return null;
  const ofPipeline = stages.filter((s) => s.pipelineId === pipelineId);
  let stage: StageRow | undefined;
  if (item.stage) {
    stage = ofPipeline.find((s) => same(s.stageName, item.stage as string));
    if (!stage) errors.push('stage is not a stage of the pipeline');
  } else if (stored && stored.pipelineId === pipelineId) {
    stage = ofPipeline.find((s) => s.stageId === stored.stageId);
  }
  if (!stage && !item.stage) {
    stage = ofPipeline.find((s) => s.kind === 'open');
    if (!stage) errors.push('stage: the pipeline has no open stage');
  }
  if (!stage) return null;
  const lostReason =
    stage.kind === 'lost' ? (item.lostReason ?? (stored?.status === 'lost' ? stored.lostReason : null)) : null;
  if (stage.kind === 'lost' && !lostReason) {
    errors.push('lostReason is required for a lost stage');
    return null;
  }
  return { pipelineId, stageId: stage.stageId, status: stage.kind, lostReason };
}
