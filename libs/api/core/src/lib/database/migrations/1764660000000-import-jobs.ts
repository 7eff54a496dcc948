import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

const TABLES = ['import_jobs', 'import_files'];

/**
 * Stateless imports (issue 14): an import job is a row of `import_jobs` (status, progress, the
 * checkpoint a run resumes from on any API process) and its files — the upload and the
 * rejected-rows report — are rows of `import_files`, about 1 MiB of bytes each, in order (`seq`).
 * Nothing of an import is on a process's disk any more. Both are tenant tables.
 */
export class ImportJobs1764660000000 implements MigrationInterface {
  name = 'ImportJobs1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        kind text CHECK (kind IN ('clients', 'sales')),
        status text NOT NULL CHECK (status IN ('receiving', 'uploaded', 'running', 'completed', 'failed', 'cancelled')),
        file_name text NOT NULL,
        size_bytes bigint NOT NULL DEFAULT 0,
        encoding text,
        delimiter text,
        columns jsonb NOT NULL DEFAULT '[]',
        suggested_mapping jsonb,
        settings jsonb,
        rows_total bigint,
        progress jsonb NOT NULL,
        error text,
        run_id uuid,
        slice integer NOT NULL DEFAULT 0,
        resume_rows bigint NOT NULL DEFAULT 0,
        cancel_requested boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(`CREATE INDEX import_jobs_company_created_idx ON import_jobs (company_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX import_jobs_user_idx ON import_jobs (user_id)`);
    await q.query(`
      CREATE TABLE import_files (
        company_id uuid NOT NULL,
        job_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('upload', 'rejected')),
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (company_id, job_id, kind, seq),
        FOREIGN KEY (company_id, job_id) REFERENCES import_jobs (company_id, id) ON DELETE CASCADE
      )`);
    for (const table of TABLES) await enableTenantSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await disableTenantSecurity(q, table);
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
