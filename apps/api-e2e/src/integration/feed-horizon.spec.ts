import { Client } from 'pg';
import { clientItem, companyWithKey, pushClients, readFeed } from '../support/crm';

/**
 * The feed's horizon is per company (ADR 0004): only transactions that hold the company's write
 * lock hold its feed back. Needs a real server: PGlite runs one session, so a transaction held open
 * on one connection would block the API's.
 */
const onServer = process.env['TEST_DATABASE_URL'] ? describe : describe.skip;

onServer('change feed horizon on a shared PostgreSQL server', () => {
  const url = () => process.env['E2E_DATABASE_URL'] as string;
  const externalIds = async (key: string) =>
    (await readFeed<{ externalId: string }>(key, 'clients', { limit: 2 })).items.map((c) => c.externalId);

  it('is held back only by in-flight writers of the company, not by long transactions of others', async () => {
    const a = await companyWithKey('ООО Альфа');
    const b = await companyWithKey('ООО Бета');
    await pushClients(a.apiKey.key, [clientItem('A-BEFORE')]).expect(200);
    await pushClients(b.apiKey.key, [clientItem('B-BEFORE')]).expect(200);
    const otherDatabase = new URL(url());
    otherDatabase.pathname = '/postgres';
    const sessions = {
      // Another application's long transaction in another database of the same server.
      otherDb: new Client({ connectionString: otherDatabase.toString() }),
      // One of ours in this database with a transaction id that writes nothing of company A
      // (an analytics fold, a job of another table).
      ours: new Client({ connectionString: url() }),
      // A real writer of company B (a CSV import, a slow batch), in flight.
      writerOfB: new Client({ connectionString: url() }),
    };
    await Promise.all(Object.values(sessions).map((s) => s.connect()));
    try {
      await sessions.otherDb.query('BEGIN');
      await sessions.otherDb.query('SELECT pg_current_xact_id()');
      await sessions.ours.query('BEGIN');
      await sessions.ours.query('SELECT pg_current_xact_id()');
      await sessions.writerOfB.query('BEGIN');
      await sessions.writerOfB.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [
        `crm.company-writes:${b.companyId}`,
      ]);
      await sessions.writerOfB.query(`INSERT INTO clients (company_id, external_id) VALUES ($1, 'B-SLOW')`, [
        b.companyId,
      ]);

      await pushClients(a.apiKey.key, [clientItem('A-AFTER-1'), clientItem('A-AFTER-2')]).expect(200);
      await pushClients(b.apiKey.key, [clientItem('B-FAST')]).expect(200);
      // Company A's feed has the rows that committed after all three began: nothing waits for them.
      expect((await externalIds(a.apiKey.key)).sort()).toEqual(['A-AFTER-1', 'A-AFTER-2', 'A-BEFORE']);
      // Company B's feed waits for its own writer: B-FAST committed, but B-SLOW could still commit
      // behind a cursor that had passed B-FAST.
      expect(await externalIds(b.apiKey.key)).toEqual(['B-BEFORE']);

      await sessions.writerOfB.query('COMMIT');
      expect(await externalIds(b.apiKey.key)).toEqual(['B-BEFORE', 'B-SLOW', 'B-FAST']);
      // A's feed still moves while the two unrelated transactions go on.
      await pushClients(a.apiKey.key, [clientItem('A-LATER')]).expect(200);
      expect(await externalIds(a.apiKey.key)).toContain('A-LATER');
    } finally {
      await Promise.all(Object.values(sessions).map((s) => s.query('ROLLBACK').finally(() => s.end())));
    }
  });
});
