import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clients, their interactions and notes, sales with their items, and per-company exchange rates.
 *
 * - Every table carries `company_id` (tenancy and later sharding); child rows reference their parent
 *   by `(company_id, id)`, so a row can never point into another company.
 * - Money is `numeric` (exact): amounts and prices keep 4 fractional digits, enough for every ISO 4217
 *   minor unit (0, 2 or 3); the API formats them with exactly the currency's digits.
 * - `change_seq` is the position of a row in the integration API's change feed (`GET /api/v1/...`
 *   with a cursor on (change_seq, id)): a value of one sequence, taken on insert (default) and on
 *   every update (trigger, which also sets `updated_at`). A sequence alone is not enough — values
 *   are taken before commit, so a transaction could commit late behind a cursor that has already
 *   passed it — hence every writer of `clients` and `sales` first takes the company's write lock
 *   (`pg_advisory_xact_lock`, see `lockCompanyWrites` in @crm/api/clients): writes of one company
 *   then commit in sequence order, and a reader never sees a later value before an earlier one.
 *   A row updated while a reader pages moves to the end of the feed and comes again, new version.
 */
export class ClientsSales1763700000000 implements MigrationInterface {
  name = 'ClientsSales1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE crm_change_seq`);
    await q.query(`
      CREATE FUNCTION crm_touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_seq := nextval('crm_change_seq');
        NEW.updated_at := now();
        RETURN NEW;
      END
      $$`);

    await q.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        external_id text CHECK (char_length(external_id) BETWEEN 1 AND 128),
        email text CHECK (char_length(email) <= 320),
        name text CHECK (char_length(name) <= 300),
        phone text CHECK (char_length(phone) <= 64),
        activity text CHECK (char_length(activity) <= 200),
        attributes jsonb CHECK (jsonb_typeof(attributes) = 'object'),
        last_interaction_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        change_seq bigint NOT NULL DEFAULT nextval('crm_change_seq'),
        UNIQUE (company_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX clients_company_external_key ON clients (company_id, external_id) WHERE external_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX clients_company_change_idx ON clients (company_id, change_seq, id)`);
    await q.query(`CREATE INDEX clients_company_updated_idx ON clients (company_id, updated_at, id)`);
    await q.query(`CREATE INDEX clients_company_created_idx ON clients (company_id, created_at, id)`);
    await q.query(`CREATE INDEX clients_company_name_idx ON clients (company_id, lower(name), id)`);
    await q.query(`CREATE INDEX clients_company_email_idx ON clients (company_id, lower(email), id)`);
    await q.query(`CREATE INDEX clients_company_activity_idx ON clients (company_id, lower(activity))`);
    await q.query(`CREATE INDEX clients_company_last_interaction_idx ON clients (company_id, last_interaction_at, id)`);
    await q.query(
      `CREATE TRIGGER clients_touch BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION crm_touch_row()`,
    );

    await q.query(`
      CREATE TABLE interactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('call', 'email', 'meeting', 'message', 'purchase', 'other')),
        occurred_at timestamptz NOT NULL,
        summary text NOT NULL CHECK (char_length(summary) <= 4000),
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX interactions_client_idx ON interactions (company_id, client_id, occurred_at DESC, id)`);

    await q.query(`
      CREATE TABLE notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX notes_client_idx ON notes (company_id, client_id, created_at DESC, id)`);

    await q.query(`
      CREATE TABLE sales (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        external_id text CHECK (char_length(external_id) BETWEEN 1 AND 128),
        amount numeric(19, 4) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        sold_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'paid' CHECK (status IN ('pending', 'paid', 'cancelled', 'refunded')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        change_seq bigint NOT NULL DEFAULT nextval('crm_change_seq'),
        UNIQUE (company_id, id),
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE
      )`);
    // NULLs are distinct: sales created in the web UI may have no external id.
    await q.query(`CREATE UNIQUE INDEX sales_company_external_key ON sales (company_id, external_id)`);
    await q.query(`CREATE INDEX sales_company_sold_idx ON sales (company_id, sold_at, id)`);
    await q.query(`CREATE INDEX sales_company_client_idx ON sales (company_id, client_id, sold_at)`);
    await q.query(`CREATE INDEX sales_company_status_idx ON sales (company_id, status, sold_at)`);
    await q.query(`CREATE INDEX sales_company_currency_idx ON sales (company_id, currency, sold_at)`);
    await q.query(`CREATE INDEX sales_company_amount_idx ON sales (company_id, amount, id)`);
    await q.query(`CREATE INDEX sales_company_change_idx ON sales (company_id, change_seq, id)`);
    await q.query(`CREATE INDEX sales_company_updated_idx ON sales (company_id, updated_at)`);
    await q.query(`CREATE TRIGGER sales_touch BEFORE UPDATE ON sales FOR EACH ROW EXECUTE FUNCTION crm_touch_row()`);

    await q.query(`
      CREATE TABLE sale_items (
        sale_id uuid NOT NULL,
        position int NOT NULL CHECK (position >= 0),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        sku text CHECK (char_length(sku) <= 128),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 500),
        quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(19, 4) NOT NULL CHECK (unit_price >= 0),
        PRIMARY KEY (sale_id, position),
        FOREIGN KEY (company_id, sale_id) REFERENCES sales (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sale_items_company_sku_idx ON sale_items (company_id, sku)`);

    await q.query(`
      CREATE TABLE exchange_rates (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        valid_from date NOT NULL,
        rate numeric(24, 10) NOT NULL CHECK (rate > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, currency, valid_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_rates`);
    await q.query(`DROP TABLE sale_items`);
    await q.query(`DROP TABLE sales`);
    await q.query(`DROP TABLE notes`);
    await q.query(`DROP TABLE interactions`);
    await q.query(`DROP TABLE clients`);
    await q.query(`DROP FUNCTION crm_touch_row()`);
    await q.query(`DROP SEQUENCE crm_change_seq`);
  }
}
