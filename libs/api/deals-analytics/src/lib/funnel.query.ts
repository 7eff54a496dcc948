import { type CompanyScope, SqlParams } from '@crm/api/core';
import { fxTodayCte, type TodayConversion } from './fx';
import type { SqlRunner } from './sql-runner';

/** What the funnel is computed over: one pipeline, local days `from`..`to` in `timeZone`. */
export interface FunnelInput {
  scope: CompanyScope;
  pipelineId: string;
  from: string;
  to: string;
  timeZone: string;
  conversion: TodayConversion;
}

/**
 * The parameters a cohort query (the funnel, the owners) starts with: the company, the pipeline,
 * and the period's days as the instants `[start, end)` in the company's time zone.
 */
export function cohortParams(
  p: SqlParams,
  input: FunnelInput,
): { company: string; pipeline: string; start: string; end: string } {
  const company = p.add(input.scope.companyId);
  const pipeline = p.add(input.pipelineId);
  const zone = p.add(input.timeZone);
  return {
    company,
    pipeline,
    start: `(${p.add(input.from)}::date::timestamp AT TIME ZONE ${zone})`,
    end: `((${p.add(input.to)}::date + 1)::timestamp AT TIME ZONE ${zone})`,
  };
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
 * The cohort is the deals whose first entry into the pipeline (a creation row, `from_stage_id IS
 * NULL`) falls in the period. Everything is read from the summary kept at write time (migration
 * `1764610000001-deal-funnel-summary`): one row per cohort deal from an index-only range scan of
 * `deal_funnel_entries_cohort_idx` — the stages it visited (grouped into the few distinct sets, for
 * `entered` and, with today's stage positions, the furthest open or won stage for `reached`), its
 * final stage and when it was entered (won, lost, the cycle), its amount (the won value) — and the
 * cohort's finished stays with their lengths from a range scan of `deal_funnel_stays_stage_idx`, stage
 * by stage, for the exact per-stage medians (the part whose cost grows with the cohort's stays).
 */
export async function loadFunnel(sql: SqlRunner, input: FunnelInput): Promise<FunnelRows> {
  const p = new SqlParams();
  const { company, pipeline, start, end } = cohortParams(p, input);
  const text = `
    WITH stages AS MATERIALIZED (
      SELECT id, name, position, kind, deleted_at FROM pipeline_stages WHERE company_id = ${company} AND pipeline_id = ${pipeline}
    ),
    cohort AS MATERIALIZED (
      SELECT e.visited, e.final_stage_id, e.entered_at, e.final_at, e.amount, e.currency
        FROM deal_funnel_entries e
       WHERE e.company_id = ${company} AND e.pipeline_id = ${pipeline}
         AND e.entered_at >= ${start} AND e.entered_at < ${end}
         AND (e.prev_entry_at IS NULL OR e.prev_entry_at < ${start})
    ),
    -- The cohort's deals by the set of stages they visited: a few dozen sets at most, so entered and
    -- furthest are computed per set, not per deal.
    sets AS MATERIALIZED (SELECT visited, count(*)::int AS n FROM cohort GROUP BY visited),
    entered AS (
      SELECT v.stage_id, sum(k.n)::int AS entered FROM sets k CROSS JOIN LATERAL unnest(k.visited) AS v(stage_id)
       GROUP BY v.stage_id
    ),
    furthest AS (
      SELECT f.furthest, sum(k.n)::int AS n
        FROM sets k CROSS JOIN LATERAL (
          SELECT max(s.position) AS furthest FROM stages s WHERE s.id = ANY (k.visited) AND s.kind <> 'lost') f
       WHERE f.furthest IS NOT NULL GROUP BY f.furthest
    ),
    -- Stage by stage: each stage's stays of the cohort are one range scan of deal_funnel_stays_stage_idx.
    medians AS (
      SELECT s.id AS stage_id, m.median_days
        FROM stages s CROSS JOIN LATERAL (
          SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY t.seconds))::numeric / 86400, 2)::text AS median_days
            FROM deal_funnel_stays t
           WHERE t.company_id = ${company} AND t.pipeline_id = ${pipeline} AND t.stage_id = s.id
             AND t.entry_at >= ${start} AND t.entry_at < ${end}
             AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${start})
        ) m
    ),
    won AS MATERIALIZED (
      SELECT currency::text AS currency, amount, entered_at, final_at FROM cohort
       WHERE final_stage_id IN (SELECT id FROM stages WHERE kind = 'won')
    ),
    ${fxTodayCte(input.conversion, p, 'SELECT currency FROM won')}
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
                'stageId', s.id, 'name', s.name, 'position', s.position, 'kind', s.kind,
                'entered', coalesce(ps.entered, 0), 'furthest', coalesce(f.n, 0), 'medianDays', m.median_days)
              ORDER BY s.position, s.id), '[]')
         FROM stages s LEFT JOIN entered ps ON ps.stage_id = s.id LEFT JOIN medians m ON m.stage_id = s.id
              LEFT JOIN furthest f ON f.furthest = s.position AND s.kind <> 'lost'
        WHERE s.deleted_at IS NULL OR ps.entered > 0) AS stages,
      (SELECT count(*)::int FROM cohort) AS cohort,
      (SELECT count(*)::int FROM won) AS won,
      (SELECT count(*)::int FROM cohort WHERE final_stage_id IN (SELECT id FROM stages WHERE kind = 'lost')) AS lost,
      (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM final_at - entered_at)))::numeric
                    / 86400, 2)::text
         FROM won) AS median_cycle_days,
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
