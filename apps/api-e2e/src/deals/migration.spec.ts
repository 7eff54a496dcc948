import { MIGRATIONS } from '@crm/api/core';
import { DataSource } from 'typeorm';

/*
 * The deals migration gives every company that exists when it runs the default pipeline, like a
 * company created later. Checked by undoing it (after every later migration) and redoing it inside a
 * transaction that is rolled back; so is the later one that ties notes and interactions to deals.
 */
describe('deals migration', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('backfills the default pipeline of existing companies, and its down migration removes the tables', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name === 'Deals1764600000000');
    if (at < 0) throw new Error('the deals migration is not registered');
    const Deals = MIGRATIONS[at];
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      // Undone as a revert would: every later migration first (some refer to the deals tables).
      for (const Later of MIGRATIONS.slice(at + 1).reverse()) await new Later().down(q);
      await new Deals().down(q);
      const tables = await q.query(`SELECT to_regclass('deals') AS deals, to_regclass('pipelines') AS pipelines`);
      expect(tables).toEqual([{ deals: null, pipelines: null }]);
      const [{ id }] = await q.query(`INSERT INTO companies (name) VALUES ('Старая компания') RETURNING id`);
      await new Deals().up(q);
      const stages = await q.query(
        `SELECT p.name AS pipeline, s.name, s.position, s.probability, s.kind
           FROM pipelines p JOIN pipeline_stages s ON s.company_id = p.company_id AND s.pipeline_id = p.id
          WHERE p.company_id = $1 ORDER BY s.position`,
        [id],
      );
      expect(stages.map((s: Record<string, unknown>) => Object.values(s))).toEqual([
        ['Воронка продаж', 'Новая', 0, 10, 'open'],
        ['Воронка продаж', 'Квалификация', 1, 20, 'open'],
        ['Воронка продаж', 'Предложение', 2, 50, 'open'],
        ['Воронка продаж', 'Переговоры', 3, 80, 'open'],
        ['Воронка продаж', 'Выиграна', 4, 100, 'won'],
        ['Воронка продаж', 'Проиграна', 5, 0, 'lost'],
      ]);
      const [{ without }] = await q.query(
        `SELECT count(*)::int AS without FROM companies c
          WHERE NOT EXISTS (SELECT 1 FROM pipelines p WHERE p.company_id = c.id)`,
      );
      expect(without).toBe(0);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });

  it('adds deal_id to notes and interactions, and its down migration removes it with its keys', async () => {
    const DealNotes = migration('DealNotesInteractions1764630000000');
    const columns = () =>
      q.query(
        `SELECT table_name AS "table" FROM information_schema.columns
          WHERE column_name = 'deal_id' AND table_name IN ('notes', 'interactions') ORDER BY table_name`,
      );
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      expect(await columns()).toEqual([{ table: 'interactions' }, { table: 'notes' }]);
      await new DealNotes().down(q);
      expect(await columns()).toEqual([]);
      const keys = await q.query(
        `SELECT conname FROM pg_constraint WHERE conname IN ('notes_deal_fkey', 'interactions_deal_fkey')`,
      );
      expect(keys).toEqual([]);
      await new DealNotes().up(q);
      expect(await columns()).toEqual([{ table: 'interactions' }, { table: 'notes' }]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});

function migration(name: string) {
  const found = MIGRATIONS.find((m) => m.name === name);
  if (!found) throw new Error(`the migration ${name} is not registered`);
  return found;
}
