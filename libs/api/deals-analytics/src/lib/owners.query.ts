import { SqlParams } from '@crm/api/core';
import { fxTodayCte } from './fx';
import { cohortParams, type FunnelInput } from './funnel.query';
import type { SqlRunner } from './sql-runner';

export interface OwnerRow {
  ownerId: string | null;
  deals: number;
  won: number;
  lost: number;
  wonValue: string | null;
  openDeals: number;
  openValue: string | null;
}

/**
 * Per owner: the funnel's cohort (deals that entered the pipeline in the period) by their status
 * now, with the won value; and the pipeline's open deals now. Amounts at today's rates; an
 * unconvertible amount is left out of the values (the counts keep the deal).
 */
export async function loadOwners(sql: SqlRunner, input: FunnelInput): Promise<OwnerRow[]> {
  const p = new SqlParams();
  const { company, pipeline, start, end } = cohortParams(p, input);
  const text = `
    WITH cohort AS MATERIALIZED (
      SELECT d.owner_id, d.status, d.currency::text AS currency, d.amount
        FROM (SELECT DISTINCT c.deal_id FROM deal_stage_changes c
               WHERE c.company_id = ${company} AND c.pipeline_id = ${pipeline} AND c.from_stage_id IS NULL
                 AND c.at >= ${start} AND c.at < ${end}) k
        JOIN deals d ON d.company_id = ${company} AND d.id = k.deal_id
    ),
    open AS MATERIALIZED (
      SELECT owner_id, currency::text AS currency, count(*)::int AS n, sum(amount) AS value FROM deals
       WHERE company_id = ${company} AND pipeline_id = ${pipeline} AND status = 'open'
       GROUP BY owner_id, currency
    ),
    ${fxTodayCte(input.conversion, p, 'SELECT currency FROM cohort UNION ALL SELECT currency FROM open')},
    per_owner AS (
      SELECT c.owner_id, count(*)::int AS deals, count(*) FILTER (WHERE c.status = 'won')::int AS won,
             count(*) FILTER (WHERE c.status = 'lost')::int AS lost,
             sum(c.amount * fx.factor) FILTER (WHERE c.status = 'won') AS won_value, 0 AS open_deals, NULL::numeric AS open_value
        FROM cohort c JOIN fx USING (currency) GROUP BY c.owner_id
      UNION ALL
      SELECT o.owner_id, 0, 0, 0, NULL, sum(o.n)::int, sum(o.value * fx.factor)
        FROM open o JOIN fx USING (currency) GROUP BY o.owner_id
    )
    SELECT owner_id AS "ownerId", sum(deals)::int AS deals, sum(won)::int AS won, sum(lost)::int AS lost,
           sum(won_value)::text AS "wonValue", sum(open_deals)::int AS "openDeals", sum(open_value)::text AS "openValue"
      FROM per_owner GROUP BY owner_id
     ORDER BY sum(won_value) DESC NULLS LAST, sum(open_value) DESC NULLS LAST, owner_id NULLS LAST`;
  return sql<OwnerRow>(text, p.values);
}
