import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every tenant table keyed by `company_id` first (issue 14, `docs/scaling.md` step 5): Citus
 * distributes a table by one column and needs its primary key, unique constraints and foreign keys
 * between distributed tables to include that column. The first tables kept `id` alone as their
 * primary key (with a separate `UNIQUE (company_id, id)` for the composite foreign keys); this makes
 * `(company_id, id)` the primary key of clients, sales, notes and interactions, `(company_id, sale_id,
 * position)` that of sale items, and gives the analytics change log a primary key. The foreign keys
 * that referred to the old unique constraints are re-created on the new keys, unchanged otherwise.
 *
 * Directory tables looked up across companies (API keys by their hash, invitations by login,
 * memberships by user) stay keyed as they are: under Citus they are reference tables, like users
 * and companies. `platform/tenant-keys.spec.ts` holds every other table with a `company_id` to this.
 */
interface Rekey {
  table: string;
  /** The primary key before (kept by `down`). */
  before: string[];
  after: string[];
  /** A unique constraint the new primary key makes redundant (re-created by `down`). */
  redundant?: { name: string; columns: string[] };
  /** An index the new primary key makes redundant. */
  redundantIndex?: { name: string; definition: string };
}

const REKEYS: Rekey[] = [
  {
    table: 'clients',
    before: ['id'],
    after: ['company_id', 'id'],
    redundant: { name: 'clients_company_id_id_key', columns: ['company_id', 'id'] },
  },
  {
    table: 'sales',
    before: ['id'],
    after: ['company_id', 'id'],
    redundant: { name: 'sales_company_id_id_key', columns: ['company_id', 'id'] },
  },
  { table: 'notes', before: ['id'], after: ['company_id', 'id'] },
  { table: 'interactions', before: ['id'], after: ['company_id', 'id'] },
  { table: 'sale_items', before: ['sale_id', 'position'], after: ['company_id', 'sale_id', 'position'] },
  {
    table: 'analytics_pending_changes',
    before: [],
    after: ['company_id', 'id'],
    redundantIndex: {
      name: 'analytics_pending_changes_company_idx',
      definition: 'CREATE INDEX analytics_pending_changes_company_idx ON analytics_pending_changes (company_id, id)',
    },
  },
];

interface ForeignKey {
  name: string;
  table: string;
  definition: string;
}

/** The foreign keys that refer to `table`, to drop and re-create around a change of its keys. */
async function referencing(q: QueryRunner, table: string): Promise<ForeignKey[]> {
  return q.query(
    `SELECT conname AS name, conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass ORDER BY conrelid::regclass::text, conname`,
    [table],
  );
}

async function rekey(q: QueryRunner, r: Rekey, from: 'before' | 'after', to: 'before' | 'after'): Promise<void> {
  const keys = await referencing(q, r.table);
  for (const k of keys) await q.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  if (r[from].length) await q.query(`ALTER TABLE ${r.table} DROP CONSTRAINT ${r.table}_pkey`);
  if (to === 'after' && r.redundant) await q.query(`ALTER TABLE ${r.table} DROP CONSTRAINT ${r.redundant.name}`);
  if (to === 'after' && r.redundantIndex) await q.query(`DROP INDEX ${r.redundantIndex.name}`);
  if (r[to].length)
    await q.query(`ALTER TABLE ${r.table} ADD CONSTRAINT ${r.table}_pkey PRIMARY KEY (${r[to].join(', ')})`);
  if (to === 'before' && r.redundant)
    await q.query(
      `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.redundant.name} UNIQUE (${r.redundant.columns.join(', ')})`,
    );
  if (to === 'before' && r.redundantIndex) await q.query(r.redundantIndex.definition);
  for (const k of keys) await q.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.definition}`);
}

export class TenantKeys1764670000002 implements MigrationInterface {
  name = 'TenantKeys1764670000002';

  async up(q: QueryRunner): Promise<void> {
    for (const r of REKEYS) await rekey(q, r, 'before', 'after');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const r of [...REKEYS].reverse()) await rekey(q, r, 'after', 'before');
  }
}
