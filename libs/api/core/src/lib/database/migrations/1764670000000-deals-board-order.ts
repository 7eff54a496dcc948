import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board's order (issue 13, `bench/deals-board`): each column asks for the newest arrivals of a
 * stage (`?pipelineId&stageId&sort=-stageEnteredAt`), open or closed. `deals_open_stage_entered_idx`
 * covers open deals only, so a won or lost column of hundreds of thousands of deals was sorted whole
 * for its first 20 cards (2.6 s at 630,000 lost deals); this index answers every column's page by a
 * range scan of 20 entries, and the won and lost columns' «closed in the last 30 days»
 * (`enteredFrom`) by a range too.
 */
export class DealsBoardOrder1764670000000 implements MigrationInterface {
  name = 'DealsBoardOrder1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deals_board_entered_idx ON deals (company_id, pipeline_id, stage_id, stage_entered_at DESC NULLS LAST, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deals_board_entered_idx`);
  }
}
