import { SqlParams } from '@crm/api/core';
import { fxTodayCte, type TodayConversion } from './fx';
import type { SqlRunner } from './sql-runner';

/** What the funnel is computed over: one pipeline, local days `from`..`to` in `timeZone`. */
export interface FunnelInput {
  companyId: string;
  pipelineId: string;
  from: string;
  to: string;
  timeZone: string;
  conversion: TodayConversion;
}

export interface FunnelStageRow {
  stageId: string;
  name: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
  entered: number;
  /** Deals of the cohort whose furthest open or won stage is this one. */
  furthest: number;
  medianDays: string | null;
}

export interface FunnelRows {
  stages: FunnelStageRow[];
  cohort: number;
  won: number;
  lost: number;
  medianCycleDays: string | null;
  /** Σ converted amounts of the won deals (numeric text), and how many were convertible. */
  wonValue: string | null;
  wonConverted: number;
}

/**
 * The cohort is the deals whose creation row (`from_stage_id IS NULL`) in the pipeline falls in the
 * period: an index-only range scan of `deal_stage_changes_entries_idx`. Their stays are read per deal,
 * in order, from the covering `deal_stage_changes_stays_idx` (index-only; the end of a stay is the
 * next change, a window over the deal's few rows, so no sort of all stays), and every figure comes from those stays in
 * one statement: entered and median stay per stage, the furthest stage per deal (for `reached`),
 * the final stage per deal (won, lost), the cycle of the won deals and their value.
 */
export async function loadFunnel(sql: SqlRunner, input: FunnelInput): Promise<FunnelRows> {
  const p = new SqlParams();
  const company = p.add(input.companyId);
  const pipeline = p.add(input.pipelineId);
  const zone = p.add(input.timeZone);
  const start = `(${p.add(input.from)}::date::timestamp AT TIME ZONE ${zone})`;
  const end = `((${p.add(input.to)}::date + 1)::timestamp AT TIME ZONE ${zone})`;
  const text = `
    WITH stages AS MATERIALIZED (
      SELECT id, name, position, kind, deleted_at FROM pipeline_stages WHERE company_id = ${company} AND pipeline_id = ${pipeline}
    ),
    cohort AS MATERIALIZED (
      SELECT DISTINCT ON (c.deal_id) c.deal_id, c.at AS entered_at
        FROM deal_stage_changes c
       WHERE c.company_id = ${company} AND c.pipeline_id = ${pipeline} AND c.from_stage_id IS NULL
         AND c.at >= ${start} AND c.at < ${end}
       ORDER BY c.deal_id, c.at
    ),
    visits AS MATERIALIZED (
      SELECT k.deal_id, v.stage_id, v.at, v.left_at
        FROM cohort k
        CROSS JOIN LATERAL (
          SELECT s.to_stage_id AS stage_id, s.at, lead(s.at) OVER (ORDER BY s.at, s.id) AS left_at
            FROM deal_stage_changes s
           WHERE s.company_id = ${company} AND s.deal_id = k.deal_id AND s.at >= k.entered_at
             AND s.pipeline_id = ${pipeline}
           ORDER BY s.at, s.id
        ) v
    ),
    per_stage AS (
      SELECT stage_id, count(DISTINCT deal_id)::int AS entered,
             round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - at))
                    FILTER (WHERE left_at IS NOT NULL))::numeric / 86400, 2)::text AS median_days
        FROM visits GROUP BY stage_id
    ),
    per_deal AS MATERIALIZED (
      SELECT v.deal_id,
             max(s.position) FILTER (WHERE s.kind <> 'lost') AS furthest,
             max(s.kind) FILTER (WHERE v.left_at IS NULL) AS final_kind,
             max(v.at) FILTER (WHERE v.left_at IS NULL) AS final_at,
             min(v.at) AS entered_at
        FROM visits v JOIN stages s ON s.id = v.stage_id
       GROUP BY v.deal_id
    ),
    furthest AS (SELECT furthest, count(*)::int AS n FROM per_deal WHERE furthest IS NOT NULL GROUP BY furthest),
    won AS MATERIALIZED (
      SELECT d.currency::text AS currency, d.amount
        FROM per_deal w JOIN deals d ON d.company_id = ${company} AND d.id = w.deal_id
       WHERE w.final_kind = 'won'
    ),
    ${fxTodayCte(input.conversion, p, 'SELECT currency FROM won')}
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
                'stageId', s.id, 'name', s.name, 'position', s.position, 'kind', s.kind,
                'entered', coalesce(ps.entered, 0), 'furthest', coalesce(f.n, 0), 'medianDays', ps.median_days)
              ORDER BY s.position, s.id), '[]')
         FROM stages s LEFT JOIN per_stage ps ON ps.stage_id = s.id LEFT JOIN furthest f ON f.furthest = s.position
              AND s.kind <> 'lost'
        WHERE s.deleted_at IS NULL OR ps.entered > 0) AS stages,
      (SELECT count(*)::int FROM cohort) AS cohort,
      (SELECT count(*)::int FROM per_deal WHERE final_kind = 'won') AS won,
      (SELECT count(*)::int FROM per_deal WHERE final_kind = 'lost') AS lost,
      (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM final_at - entered_at)))::numeric
                    / 86400, 2)::text
         FROM per_deal WHERE final_kind = 'won') AS median_cycle_days,
      (SELECT sum(w.amount * fx.factor)::text FROM won w JOIN fx USING (currency) WHERE fx.factor IS NOT NULL) AS won_value,
      (SELECT count(*)::int FROM won w JOIN fx USING (currency) WHERE fx.factor IS NOT NULL) AS won_converted`;
  const [row] = await sql<{
    stages: FunnelStageRow[];
    cohort: number;
    won: number;
    lost: number;
    median_cycle_days: string | null;
    won_value: string | null;
    won_converted: number;
  }>(text, p.values);
  return {
    stages: row.stages.map((s) => ({ ...s, medianDays: s.medianDays === null ? null : String(s.medianDays) })),
    cohort: row.cohort,
    won: row.won,
    lost: row.lost,
    medianCycleDays: row.median_cycle_days,
    wonValue: row.won_value,
    wonConverted: row.won_converted,
  };
}
