import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel's exact per-stage medians read the cohort's finished stays stage by stage: keyed
 * `(company_id, pipeline_id, stage_id, entry_at)`, each stage's stays of the period are one
 * index-only range scan and only they are sorted for the median, instead of the whole cohort's stays
 * sorted by stage first (`bench/deals/README.md`: 90 → 38 ms for 107,000 stays).
 */
export class DealFunnelStaysByStage1764610000002 implements MigrationInterface {
  name = 'DealFunnelStaysByStage1764610000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deal_funnel_stays_stage_idx ON deal_funnel_stays (company_id, pipeline_id, stage_id, entry_at)
         INCLUDE (prev_entry_at, seconds)`,
    );
    await q.query(`DROP INDEX deal_funnel_stays_cohort_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deal_funnel_stays_cohort_idx ON deal_funnel_stays (company_id, pipeline_id, entry_at)
         INCLUDE (prev_entry_at, stage_id, seconds)`,
    );
    await q.query(`DROP INDEX deal_funnel_stays_stage_idx`);
  }
}
