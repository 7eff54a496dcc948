import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the deals analytics (`libs/api/deals-analytics`), sized for 1,000,000 deals and
 * 5,000,000 stage changes in one company (`bench/deals`). No new table.
 *
 * - `deal_stage_changes_entries_idx`: the creation rows (`from_stage_id IS NULL`) of a pipeline by
 *   time, with the deal — the funnel's cohort is one index-only range scan.
 * - `deal_stage_changes_stays_idx`: a deal's changes in order with their stages — the cohort's
 *   stays are read index-only, one probe per deal.
 * - `deal_stage_changes_from_idx`: changes leaving a stage, newest first — the sample of finished
 *   stays the stuck-deal median is taken over.
 * - `deals_open_value_idx`: the open deals of a pipeline with what the pipeline value sums — one
 *   index-only scan for `analytics/pipeline` and the owners' open pipeline.
 * - `deals_open_stage_entered_idx`: open deals of a stage by the time they entered it — stuck deals
 *   are a range scan per stage.
 */
export class DealAnalyticsIndexes1764610000000 implements MigrationInterface {
  name = 'DealAnalyticsIndexes1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deal_stage_changes_entries_idx ON deal_stage_changes (company_id, pipeline_id, at)
         INCLUDE (deal_id) WHERE from_stage_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX deal_stage_changes_stays_idx ON deal_stage_changes (company_id, deal_id, at, id)
         INCLUDE (pipeline_id, to_stage_id)`,
    );
    await q.query(
      `CREATE INDEX deal_stage_changes_from_idx ON deal_stage_changes (company_id, pipeline_id, from_stage_id, at)
         INCLUDE (deal_id) WHERE from_stage_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX deals_open_value_idx ON deals (company_id, pipeline_id)
         INCLUDE (stage_id, expected_close_date, currency, amount, probability, owner_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX deals_open_stage_entered_idx ON deals (company_id, pipeline_id, stage_id, stage_entered_at)
         WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'deals_open_stage_entered_idx',
      'deals_open_value_idx',
      'deal_stage_changes_from_idx',
      'deal_stage_changes_stays_idx',
      'deal_stage_changes_entries_idx',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
