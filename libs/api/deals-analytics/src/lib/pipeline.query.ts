import { type CompanyScope, SqlParams } from '@crm/api/core';
import { fxTodayCte, type TodayConversion } from './fx';
import type { SqlRunner } from './sql-runner';

export interface PipelineValueRow {
  /** `stage` rows carry stageId, `month` rows month (null: no expected close date). */
  kind: 'stage' | 'month';
  stageId: string | null;
  month: string | null;
  count: number;
  value: string | null;
  weighted: string | null;
  unconverted: number;
}

/**
 * The open deals of a pipeline grouped by (stage, expected close month, currency) in one index-only
 * scan of `deals_open_value_idx`, converted at today's rates, then rolled up both ways. The
 * probability of a deal is its own, else its stage's default.
 */
export async function loadPipelineValue(
  sql: SqlRunner,
  scope: CompanyScope,
  pipelineId: string,
  conversion: TodayConversion,
): Promise<PipelineValueRow[]> {
  const p = new SqlParams();
  const company = p.add(scope.companyId);
  const pipeline = p.add(pipelineId);
  const text = `
    WITH stages AS MATERIALIZED (
      SELECT id, probability FROM pipeline_stages WHERE company_id = ${company} AND pipeline_id = ${pipeline}
    ),
    groups AS MATERIALIZED (
      SELECT d.stage_id, date_trunc('month', d.expected_close_date)::date AS month, d.currency::text AS currency,
             count(*)::int AS n, sum(d.amount) AS value,
             sum(d.amount * coalesce(d.probability, s.probability)) / 100 AS weighted
        FROM deals d JOIN stages s ON s.id = d.stage_id
       WHERE d.company_id = ${company} AND d.pipeline_id = ${pipeline} AND d.status = 'open'
       GROUP BY 1, 2, 3
    ),
    ${fxTodayCte(conversion, p, 'SELECT currency FROM groups')},
    converted AS (
      SELECT g.stage_id, g.month, g.n, g.value * fx.factor AS value, g.weighted * fx.factor AS weighted,
             fx.factor IS NULL AS unconvertible
        FROM groups g JOIN fx USING (currency)
    )
    SELECT 'stage' AS kind, stage_id AS "stageId", NULL AS month,
           coalesce(sum(n) FILTER (WHERE NOT unconvertible), 0)::int AS count,
           sum(value)::text AS value, sum(weighted)::text AS weighted,
           coalesce(sum(n) FILTER (WHERE unconvertible), 0)::int AS unconverted
      FROM converted GROUP BY stage_id
    UNION ALL
    SELECT 'month', NULL, to_char(month, 'YYYY-MM'),
           coalesce(sum(n) FILTER (WHERE NOT unconvertible), 0)::int,
           sum(value)::text, sum(weighted)::text, coalesce(sum(n) FILTER (WHERE unconvertible), 0)::int
      FROM converted GROUP BY month`;
  return sql<PipelineValueRow>(text, p.values);
}
