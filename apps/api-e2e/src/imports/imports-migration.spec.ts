import { MIGRATIONS } from '@crm/api/core';
import { DataSource } from 'typeorm';

/* The import tables' migration undoes and redoes cleanly (inside a transaction that is rolled back). */
describe('import tables migration', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('drops import_jobs and import_files on down and creates them with row-level security on up', async () => {
    const ImportJobs = MIGRATIONS.find((m) => m.name === 'ImportJobs1764660000000');
    if (!ImportJobs) throw new Error('the import tables migration is not registered');
    const q = ds.createQueryRunner();
    await q.startTransaction();
    const tables = () =>
      q.query(
        `SELECT c.relname AS name, c.relrowsecurity AS secured FROM pg_class c
          WHERE c.relname IN ('import_jobs', 'import_files') AND c.relkind = 'r' ORDER BY c.relname`,
      );
    try {
      await new ImportJobs().down(q);
      expect(await tables()).toEqual([]);
      await new ImportJobs().up(q);
      expect(await tables()).toEqual([
        { name: 'import_files', secured: true },
        { name: 'import_jobs', secured: true },
      ]);
      const keys = await q.query(
        `SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid IN ('import_jobs'::regclass, 'import_files'::regclass) AND contype = 'p' ORDER BY 1`,
      );
      expect(keys).toEqual([
        { t: 'import_files', def: 'PRIMARY KEY (company_id, job_id, kind, seq)' },
        { t: 'import_jobs', def: 'PRIMARY KEY (company_id, id)' },
      ]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
