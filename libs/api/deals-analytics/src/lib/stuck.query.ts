import { type CompanyScope, SqlParams } from '@crm/api/core';
import type { SqlRunner } from './sql-runner';

/** How many of a stage's latest finished stays its median is taken over. */
export const STUCK_MEDIAN_SAMPLE = 1000;
/** Most stuck deals one answer lists. */
export const STUCK_LIST_LIMIT = 100;

export interface StuckRow {
  dealId: string;
  title: string;
  stageId: string;
  ownerId: string | null;
  amount: string;
  currency: string;
  inStageSince: string;
  daysInStage: string;
  stageMedianDays: string;
}

/**
 * Open deals in a stage longer than the stage's usual stay: the median of its latest
 * {@link STUCK_MEDIAN_SAMPLE} finished stays (a stay ends with a change whose `from_stage_id` is the
 * stage, read newest first from `deal_stage_changes_from_idx`; it began at the deal's previous
 * change, one probe of the deal index). Deals over it are found by a range scan of
 * `deals_open_stage_entered_idx` per stage; those longest over their median (as a multiple) first.
 */
export async function loadStuck(
  sql: SqlRunner,
  scope: CompanyScope,
  pipelineId: string,
): Promise<{ total: number; items: StuckRow[] }> {
  const p = new SqlParams();
  const company = p.add(scope.companyId);
  const pipeline = p.add(pipelineId);
  const text = `
    WITH stages AS MATERIALIZED (
      SELECT id FROM pipeline_stages
       WHERE company_id = ${company} AND pipeline_id = ${pipeline} AND kind = 'open' AND deleted_at IS NULL
    ),
    stays AS MATERIALIZED (
      SELECT s.id AS stage_id, extract(epoch FROM c.at - b.at) / 86400 AS days
        FROM stages s
        CROSS JOIN LATERAL (
          SELECT x.id, x.deal_id, x.at FROM deal_stage_changes x
           WHERE x.company_id = ${company} AND x.pipeline_id = ${pipeline} AND x.from_stage_id = s.id
           ORDER BY x.at DESC LIMIT ${STUCK_MEDIAN_SAMPLE}
        ) c
        CROSS JOIN LATERAL (
          SELECT y.at FROM deal_stage_changes y
           WHERE y.company_id = ${company} AND y.deal_id = c.deal_id AND (y.at, y.id) < (c.at, c.id)
           ORDER BY y.at DESC, y.id DESC LIMIT 1
        ) b
    ),
    medians AS MATERIALIZED (
      SELECT stage_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median FROM stays GROUP BY stage_id
    ),
    stuck AS MATERIALIZED (
      SELECT d.id, d.title, d.stage_id, d.owner_id, d.amount, d.currency, d.stage_entered_at, m.median,
             extract(epoch FROM now() - d.stage_entered_at) / 86400 AS days
        FROM medians m
        CROSS JOIN LATERAL (
          SELECT id, title, stage_id, owner_id, amount, currency, stage_entered_at FROM deals
           WHERE company_id = ${company} AND pipeline_id = ${pipeline} AND stage_id = m.stage_id AND status = 'open'
             AND stage_entered_at < now() - make_interval(secs => m.median * 86400)
        ) d
    )
    SELECT (SELECT count(*)::int FROM stuck) AS total,
           (SELECT coalesce(json_agg(json_build_object(
                     'dealId', t.id, 'title', t.title, 'stageId', t.stage_id, 'ownerId', t.owner_id,
                     'amount', t.amount::text, 'currency', t.currency::text, 'inStageSince', t.stage_entered_at,
                     'daysInStage', round(t.days::numeric, 2)::text, 'stageMedianDays', round(t.median::numeric, 2)::text)
                     ORDER BY t.ratio DESC NULLS LAST, t.days DESC, t.id), '[]')
              FROM (SELECT *, days / nullif(median, 0) AS ratio FROM stuck
                     ORDER BY days / nullif(median, 0) DESC NULLS LAST, days DESC, id LIMIT ${STUCK_LIST_LIMIT}) t) AS items`;
  const [row] = await sql<{ total: number; items: StuckRow[] }>(text, p.values);
  return row;
}
