import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = ['sales-trends', 'sales-recommendations', 'sales-overview'];
const AFTER = [...BEFORE, 'pipeline'];

const check = (types: string[]) =>
  `ALTER TABLE reports ADD CONSTRAINT reports_type_check CHECK (type IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * The `pipeline` report type (issue 13: the sales funnel of deals) joins the types a report may have.
 * `down` deletes the `pipeline` reports (their snapshots, rows, shares and schedules go with them)
 * before it narrows the check again.
 */
export class ReportTypePipeline1764650000000 implements MigrationInterface {
  name = 'ReportTypePipeline1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_type_check`);
    await q.query(check(AFTER));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reports WHERE type = 'pipeline'`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_type_check`);
    await q.query(check(BEFORE));
  }
}
