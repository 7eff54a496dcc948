import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

const TABLES = ['pipelines', 'pipeline_stages', 'deals', 'deal_stage_changes', 'tasks'];

/**
 * Deals and the sales funnel (issue 13).
 *
 * - `pipelines` with ordered `pipeline_stages` (position, default win probability 0–100, kind
 *   `open`/`won`/`lost`; at most one won and one lost stage per pipeline). A deleted stage is only
 *   marked (`deleted_at`): the history keeps referring to it, so the funnel of the past stays whole.
 * - `deals`: a deal is always in a stage of its own pipeline — the foreign key
 *   `(company_id, pipeline_id, stage_id)` points at the stage's `(company_id, pipeline_id, id)`.
 *   `status` is the kind of its stage (a lost deal has a reason), `probability` NULL means the
 *   stage's default. `change_xid` puts deals in the integration change feed like clients and sales
 *   (ADR 0004: `crm_touch_row` on update; writers take the company's write lock first).
 * - `deal_stage_changes`: every stage change (the first row, from NULL, is the creation), with the
 *   pipeline copied in for the funnel's `(company_id, pipeline_id, at)` scans.
 * - `tasks`: a next step or a standalone task on a deal and/or a client, with an assignee.
 *
 * Every company gets the default pipeline «Воронка продаж» (`crm_create_default_pipeline`, also
 * called when a company is created); existing companies get it here.
 */
export class Deals1764600000000 implements MigrationInterface {
  name = 'Deals1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pipelines (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX pipelines_company_name_key ON pipelines (company_id, lower(name))`);

    await q.query(`
      CREATE TABLE pipeline_stages (
        company_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        pipeline_id uuid NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        position integer NOT NULL CHECK (position >= 0),
        probability smallint NOT NULL CHECK (probability BETWEEN 0 AND 100),
        kind text NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        PRIMARY KEY (company_id, id),
        UNIQUE (company_id, pipeline_id, id),
        FOREIGN KEY (company_id, pipeline_id) REFERENCES pipelines (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pipeline_stages_name_key ON pipeline_stages (company_id, pipeline_id, lower(name))
        WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX pipeline_stages_terminal_key ON pipeline_stages (company_id, pipeline_id, kind)
        WHERE kind <> 'open' AND deleted_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE deals (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        external_id text CHECK (char_length(external_id) BETWEEN 1 AND 128),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
        client_id uuid NOT NULL,
        amount numeric(19, 4) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
        expected_close_date date,
        probability smallint CHECK (probability BETWEEN 0 AND 100),
        source text CHECK (char_length(source) BETWEEN 1 AND 100),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
        lost_reason text CHECK (char_length(lost_reason) BETWEEN 1 AND 1000),
        sale_id uuid,
        next_step_title text CHECK (char_length(next_step_title) BETWEEN 1 AND 500),
        next_step_due_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE,
        FOREIGN KEY (company_id, pipeline_id) REFERENCES pipelines (company_id, id),
        FOREIGN KEY (company_id, pipeline_id, stage_id) REFERENCES pipeline_stages (company_id, pipeline_id, id),
        FOREIGN KEY (company_id, sale_id) REFERENCES sales (company_id, id) ON DELETE SET NULL (sale_id),
        CHECK (status <> 'lost' OR lost_reason IS NOT NULL),
        CHECK ((next_step_title IS NULL) = (next_step_due_at IS NULL)),
        CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    // NULLs are distinct: deals created in the web app have no external id.
    await q.query(`CREATE UNIQUE INDEX deals_company_external_key ON deals (company_id, external_id)`);
    await q.query(
      `CREATE INDEX deals_board_idx ON deals (company_id, pipeline_id, stage_id, status, updated_at DESC, id)`,
    );
    await q.query(`CREATE INDEX deals_company_updated_idx ON deals (company_id, updated_at DESC, id)`);
    await q.query(`CREATE INDEX deals_company_client_idx ON deals (company_id, client_id, updated_at DESC)`);
    await q.query(`CREATE INDEX deals_company_owner_idx ON deals (company_id, owner_id, status)`);
    await q.query(
      `CREATE INDEX deals_company_expected_idx ON deals (company_id, pipeline_id, expected_close_date) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX deals_company_sale_idx ON deals (company_id, sale_id) WHERE sale_id IS NOT NULL`);
    await q.query(`CREATE INDEX deals_company_change_idx ON deals (company_id, change_xid, id)`);
    await q.query(`CREATE TRIGGER deals_touch BEFORE UPDATE ON deals FOR EACH ROW EXECUTE FUNCTION crm_touch_row()`);

    await q.query(`
      CREATE TABLE deal_stage_changes (
        company_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        deal_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        from_stage_id uuid,
        to_stage_id uuid NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, deal_id) REFERENCES deals (company_id, id) ON DELETE CASCADE,
        FOREIGN KEY (company_id, pipeline_id, from_stage_id) REFERENCES pipeline_stages (company_id, pipeline_id, id),
        FOREIGN KEY (company_id, pipeline_id, to_stage_id) REFERENCES pipeline_stages (company_id, pipeline_id, id)
      )`);
    await q.query(`CREATE INDEX deal_stage_changes_deal_idx ON deal_stage_changes (company_id, deal_id, at, id)`);
    await q.query(`CREATE INDEX deal_stage_changes_funnel_idx ON deal_stage_changes (company_id, pipeline_id, at)`);

    await q.query(`
      CREATE TABLE tasks (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT crm_time_ordered_uuid(),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
        type text NOT NULL CHECK (type IN ('call', 'meeting', 'email', 'todo')),
        due_at timestamptz NOT NULL,
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        deal_id uuid,
        client_id uuid,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, deal_id) REFERENCES deals (company_id, id) ON DELETE CASCADE,
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE,
        CHECK (done = (done_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (company_id, assignee_id, done, due_at)`);
    await q.query(`CREATE INDEX tasks_due_idx ON tasks (company_id, done, due_at)`);
    await q.query(`CREATE INDEX tasks_deal_idx ON tasks (company_id, deal_id, due_at) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_client_idx ON tasks (company_id, client_id, due_at) WHERE client_id IS NOT NULL`);

    for (const table of TABLES) await enableTenantSecurity(q, table);

    // The default pipeline of a company: called by the migration (existing companies) and when a
    // company is created (CompaniesService.create), on the connecting user's global path.
    await q.query(`
      CREATE FUNCTION crm_create_default_pipeline(company uuid) RETURNS uuid LANGUAGE plpgsql AS $$
      DECLARE
        pipeline uuid;
      BEGIN
        INSERT INTO pipelines (company_id, name, position) VALUES (company, 'Воронка продаж', 0)
          RETURNING id INTO pipeline;
        INSERT INTO pipeline_stages (company_id, pipeline_id, name, position, probability, kind)
        VALUES (company, pipeline, 'Новая', 0, 10, 'open'),
               (company, pipeline, 'Квалификация', 1, 20, 'open'),
               (company, pipeline, 'Предложение', 2, 50, 'open'),
               (company, pipeline, 'Переговоры', 3, 80, 'open'),
               (company, pipeline, 'Выиграна', 4, 100, 'won'),
               (company, pipeline, 'Проиграна', 5, 0, 'lost');
        RETURN pipeline;
      END
      $$`);
    await q.query(`SELECT crm_create_default_pipeline(id) FROM companies ORDER BY created_at, id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION crm_create_default_pipeline(uuid)`);
    for (const table of [...TABLES].reverse()) await disableTenantSecurity(q, table);
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
