import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

const TABLES = ['reports', 'report_shares', 'report_snapshots', 'report_rows', 'report_schedules'];

/**
 * Reports (issue 11): a report is its parameters; each generation is a snapshot (status, progress,
 * result) with the rows of its tables kept apart so exports stream them page by page; shares with
 * members; an optional schedule. Every table is a tenant table (company_id first in every key).
 * The job queue itself (pg-boss) keeps its own schema, `pgboss`, created by pg-boss at start-up.
 */
export class Reports1764530000000 implements MigrationInterface {
  name = 'Reports1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        type text NOT NULL CHECK (type IN ('sales-trends', 'sales-recommendations', 'sales-overview')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        params jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        shared_with_company boolean NOT NULL DEFAULT false,
        latest_snapshot_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(`CREATE INDEX reports_company_created_idx ON reports (company_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX reports_created_by_idx ON reports (created_by)`);

    await q.query(`
      CREATE TABLE report_shares (
        company_id uuid NOT NULL,
        report_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, report_id, user_id),
        FOREIGN KEY (company_id, report_id) REFERENCES reports (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX report_shares_user_idx ON report_shares (company_id, user_id)`);

    await q.query(`
      CREATE TABLE report_snapshots (
        company_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        report_id uuid NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('create', 'regenerate', 'schedule')),
        scheduled_for timestamptz,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ready', 'failed')),
        progress real NOT NULL DEFAULT 0,
        stage text,
        error text,
        job_id uuid,
        period_from date NOT NULL,
        period_to date NOT NULL,
        result jsonb,
        no_data boolean NOT NULL DEFAULT false,
        delivery text CHECK (delivery IN ('sent', 'in-app', 'no-data', 'failed')),
        mailed_to text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        generated_at timestamptz,
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, report_id) REFERENCES reports (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX report_snapshots_report_idx ON report_snapshots (company_id, report_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE report_rows (
        company_id uuid NOT NULL,
        snapshot_id uuid NOT NULL,
        table_key text NOT NULL,
        row_no integer NOT NULL,
        cells jsonb NOT NULL,
        PRIMARY KEY (company_id, snapshot_id, table_key, row_no),
        FOREIGN KEY (company_id, snapshot_id) REFERENCES report_snapshots (company_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE report_schedules (
        company_id uuid NOT NULL,
        report_id uuid NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
        weekday smallint CHECK (weekday BETWEEN 1 AND 7),
        day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 31),
        local_time text NOT NULL CHECK (local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        recipients uuid[] NOT NULL DEFAULT '{}',
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, report_id),
        FOREIGN KEY (company_id, report_id) REFERENCES reports (company_id, id) ON DELETE CASCADE,
        CHECK ((frequency = 'weekly' AND weekday IS NOT NULL) OR (frequency = 'monthly' AND day_of_month IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at)`);

    for (const table of TABLES) await enableTenantSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await disableTenantSecurity(q, table);
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
