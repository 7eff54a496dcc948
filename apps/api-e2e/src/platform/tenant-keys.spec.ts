import { DataSource } from 'typeorm';

/**
 * The Citus prerequisites, today (issue 14, `docs/scaling.md` step 5): every table with a
 * `company_id` that would be distributed by it has a primary key, and its primary key, unique
 * constraints and unique indexes include `company_id`; its foreign keys to other distributed tables
 * include `company_id` on both sides; no global table refers to a distributed one. A new table or
 * key that breaks this fails here, long before anyone tries `create_distributed_table`.
 *
 * Directory tables, read across companies by a global lookup, are reference tables under Citus (copied
 * to every node) and are exempt: listed here, with why.
 */
const REFERENCE_TABLES: Record<string, string> = {
  companies: 'the tenants themselves',
  users: 'people, members of several companies',
  refresh_tokens: 'a user’s sessions',
  company_accounts: 'memberships: the companies of a user are looked up by user',
  api_keys: 'a key is looked up by its hash before the company is known',
  company_invitations: 'an invitation is looked up by the invitee’s login before they belong to the company',
  migrations: 'the schema’s history',
};

interface KeyRow {
  table: string;
  name: string;
  kind: string;
  has_company: boolean;
}

describe('tenant keys (Citus prerequisites)', () => {
  let ds: DataSource;
  let distributed: string[];

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
    const tables: { table: string }[] = await ds.query(
      `SELECT c.relname AS "table" FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped)
        ORDER BY 1`,
    );
    distributed = tables.map((t) => t.table).filter((t) => !(t in REFERENCE_TABLES));
  });
  afterAll(() => ds?.destroy());

  it('finds the tenant tables', () => {
    for (const table of ['clients', 'sales', 'sale_items', 'deals', 'deal_stage_changes', 'reports', 'tasks'])
      expect(distributed).toContain(table);
  });

  it('gives every distributed table a primary key, and every primary or unique key includes company_id', async () => {
    const keys: KeyRow[] = await ds.query(
      `SELECT t.relname AS "table", i.relname AS name,
              CASE WHEN x.indisprimary THEN 'primary key' ELSE 'unique' END AS kind,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'company_id'
                                                    AND a.attnum = ANY (x.indkey)) AS has_company
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indisunique AND t.relname = ANY ($1::text[]) AND t.relnamespace = 'public'::regnamespace
        ORDER BY 1, 2`,
      [distributed],
    );
    expect(keys.filter((k) => !k.has_company).map((k) => `${k.table}: ${k.kind} ${k.name}`)).toEqual([]);
    const withPrimary = new Set(keys.filter((k) => k.kind === 'primary key').map((k) => k.table));
    expect(distributed.filter((t) => !withPrimary.has(t))).toEqual([]);
  });

  it('keys every foreign key between distributed tables by company_id on both sides', async () => {
    const foreign: { table: string; name: string; target: string; ok: boolean }[] = await ds.query(
      `SELECT t.relname AS "table", c.conname AS name, f.relname AS target,
              EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k(a, b)
                        JOIN pg_attribute x ON x.attrelid = c.conrelid AND x.attnum = k.a
                        JOIN pg_attribute y ON y.attrelid = c.confrelid AND y.attnum = k.b
                       WHERE x.attname = 'company_id' AND y.attname = 'company_id') AS ok
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
        WHERE c.contype = 'f' AND t.relname = ANY ($1::text[]) AND f.relname = ANY ($1::text[])
        ORDER BY 1, 2`,
      [distributed],
    );
    expect(foreign.length).toBeGreaterThan(10);
    expect(foreign.filter((k) => !k.ok).map((k) => `${k.table}.${k.name} → ${k.target}`)).toEqual([]);
  });

  it('has no global table referring to a distributed one', async () => {
    const wrong: { table: string; name: string }[] = await ds.query(
      `SELECT t.relname AS "table", c.conname AS name
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
        WHERE c.contype = 'f' AND f.relname = ANY ($1::text[]) AND NOT (t.relname = ANY ($1::text[]))
          AND t.relnamespace = 'public'::regnamespace`,
      [distributed],
    );
    expect(wrong).toEqual([]);
  });
});
