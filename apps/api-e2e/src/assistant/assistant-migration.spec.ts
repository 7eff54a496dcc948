import { MIGRATIONS } from '@crm/api/core';
import { DataSource } from 'typeorm';

/** The deal actions migration undone and redone inside a transaction that is rolled back. */
describe('assistant deal actions migration', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('widens the action kinds and adds message tables; its down migration restores the report-only schema', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'AssistantDealActions1764640000000');
    if (!Migration) throw new Error('the migration is not registered');
    const schema = async (q: ReturnType<DataSource['createQueryRunner']>) => ({
      checks: (
        await q.query(
          `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = 'assistant_actions'::regclass AND contype = 'c' ORDER BY conname`,
        )
      ).map((r: { conname: string; def: string }) => `${r.conname}: ${r.def}`),
      tables: (
        await q.query(
          `SELECT count(*)::int AS n FROM information_schema.columns
            WHERE table_name = 'assistant_messages' AND column_name = 'tables'`,
        )
      )[0].n,
    });
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      const after = await schema(q);
      expect(after.tables).toBe(1);
      expect(after.checks.join('\n')).toContain("'create_task'");
      await new Migration().down(q);
      const before = await schema(q);
      expect(before.tables).toBe(0);
      expect(before.checks.join('\n')).not.toContain('create_task');
      expect(before.checks.join('\n')).toContain("'create_report'");
      await new Migration().up(q);
      expect(await schema(q)).toEqual(after);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
