import type { DataSource, EntityManager } from 'typeorm';
import { api, registerUser } from '../support/client';
import { createClient } from '../support/crm';
import { companyUrl, createDeal, defaultPipeline, moveDeal, stageNamed } from '../deals/deals-support';
import { companyWithClients, database, dealItem, pushDeals } from '../deals-integration/deals';

/*
 * The funnel's summary (`deal_funnel_entries`, `deal_funnel_stays`, migration 1764610000001) and the
 * stages' totals (`deal_stage_totals`, migration 1764670000001) are kept by triggers; after every
 * write path they must equal what `crm_deal_funnel_rebuild` and `crm_deal_stage_totals_rebuild`
 * derive from scratch: the integration batch (creation, moves, a move into another pipeline, amount
 * and currency changes), web moves and a stage deleted with `moveTo` (their SQL, as the tenant role
 * under row-level security), an amount edit, and deal deletes.
 */

interface Snapshot {
  entries: unknown[];
  stays: unknown[];
  /** Each stage's deals and money per currency (`deal_stage_totals`, migration 1764670000001). */
  totals: unknown[];
}

async function snapshot(m: DataSource | EntityManager, companyId: string): Promise<Snapshot> {
  const entries = await m.query(
    `SELECT deal_id, pipeline_id, entered_at, prev_entry_at,
            (SELECT array_agg(x ORDER BY x) FROM unnest(visited) x)::text AS visited, final_stage_id, final_at,
            amount::text, currency
       FROM deal_funnel_entries WHERE company_id = $1 ORDER BY deal_id, entered_at, entry_id`,
    [companyId],
  );
  const stays = await m.query(
    `SELECT entry_id, change_id, deal_id, pipeline_id, entry_at, prev_entry_at, stage_id, seconds
       FROM deal_funnel_stays WHERE company_id = $1 ORDER BY entry_id, change_id`,
    [companyId],
  );
  const totals = await m.query(
    `SELECT stage_id, currency, deals, amount::numeric(30, 4)::text AS amount
       FROM deal_stage_totals WHERE company_id = $1 AND (deals <> 0 OR amount <> 0) ORDER BY stage_id, currency`,
    [companyId],
  );
  return { entries, stays, totals };
}

/** The summary as the triggers left it, and as a rebuild from the history derives it (rolled back). */
async function keptAndRebuilt(ds: DataSource, companyId: string): Promise<[Snapshot, Snapshot]> {
  const kept = await snapshot(ds, companyId);
  let rebuilt: Snapshot | undefined;
  await ds
    .transaction(async (m) => {
      await m.query(`SELECT crm_deal_funnel_rebuild($1), crm_deal_stage_totals_rebuild($1)`, [companyId]);
      rebuilt = await snapshot(m, companyId);
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  return [kept, rebuilt as Snapshot];
}

/** Runs `work` as the API's tenant transactions do: the company set, the tenant role, row-level security on. */
async function asTenant(ds: DataSource, companyId: string, work: (m: EntityManager) => Promise<void>) {
  await ds.transaction(async (m) => {
    await m.query(`SELECT set_config('app.company_id', $1, true), set_config('role', 'crm_tenant', true)`, [companyId]);
    await work(m);
  });
}

describe('deal funnel summary (triggers)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await database();
  });
  afterAll(() => ds?.destroy());

  it('equals a rebuild from the history after batch, web moves, stage delete with moveTo, amount edits and deletes', async () => {
    const { apiKey, companyId } = await companyWithClients('C-1', 'C-2');
    const [{ id: otherId }] = await ds.query(
      `INSERT INTO pipelines (company_id, name, position) VALUES ($1, 'Другая', 1) RETURNING id`,
      [companyId],
    );
    await ds.query(
      `INSERT INTO pipeline_stages (company_id, pipeline_id, name, position, probability, kind)
       SELECT $1, $2, 'Этап ' || i, i, 10, CASE i WHEN 4 THEN 'won' WHEN 5 THEN 'lost' ELSE 'open' END
         FROM generate_series(0, 5) i`,
      [companyId, otherId],
    );

    // The integration batch: creation, then moves, a move into another pipeline, amount/currency.
    await pushDeals(apiKey.key, [
      dealItem('D-1', 'C-1'),
      dealItem('D-2', 'C-2', { stage: 'Предложение' }),
      dealItem('D-3', 'C-1', { amount: '10.00' }),
      dealItem('D-4', 'C-2'),
    ]).expect(200);
    await pushDeals(apiKey.key, [
      dealItem('D-1', 'C-1', { stage: 'Предложение' }),
      dealItem('D-2', 'C-2', { stage: 'Выиграна', amount: '2500.00', currency: 'USD' }),
      dealItem('D-3', 'C-1', { pipeline: 'Другая', stage: 'Этап 1', amount: '20.00' }),
    ]).expect(200);
    await pushDeals(apiKey.key, [dealItem('D-3', 'C-1', { stage: 'Этап 2' })]).expect(200);
    let [kept, rebuilt] = await keptAndRebuilt(ds, companyId);
    expect(kept).toEqual(rebuilt);
    const deal = async (externalId: string) =>
      (
        await ds.query(`SELECT id, pipeline_id, stage_id FROM deals WHERE company_id = $1 AND external_id = $2`, [
          companyId,
          externalId,
        ])
      )[0] as { id: string; pipeline_id: string; stage_id: string };
    const d1 = await deal('D-1');
    const d2 = await deal('D-2');
    const d3 = await deal('D-3');
    const d4 = await deal('D-4');
    expect(kept.entries).toHaveLength(5); // D-3 entered two pipelines
    expect(kept.totals.length).toBeGreaterThanOrEqual(4); // RUB and USD, in both pipelines
    expect(kept.entries.filter((e) => (e as { deal_id: string }).deal_id === d2.id)).toEqual([
      expect.objectContaining({ amount: '2500.0000', currency: 'USD' }),
    ]);
    expect(kept.stays.length).toBeGreaterThan(0);

    const stages = (await ds.query(
      `SELECT id, name FROM pipeline_stages WHERE company_id = $1 AND pipeline_id = $2 ORDER BY position`,
      [companyId, d1.pipeline_id],
    )) as { id: string; name: string }[];
    const stage = (name: string) => stages.find((s) => s.name === name)?.id as string;

    // A web move (the SQL of libs/api/deals' move), as the tenant role; then an amount edit.
    await asTenant(ds, companyId, async (m) => {
      const to = stage('Квалификация');
      await m.query(
        `UPDATE deals SET stage_id = $3, stage_entered_at = clock_timestamp() WHERE company_id = $1 AND id = $2`,
        [companyId, d1.id, to],
      );
      await m.query(
        `INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
        [companyId, d1.id, d1.pipeline_id, d1.stage_id, to],
      );
      await m.query(`UPDATE deals SET amount = 777 WHERE company_id = $1 AND id = $2`, [companyId, d4.id]);
    });
    // A stage deleted with moveTo: its deals moved, each move recorded, the stage marked deleted.
    await asTenant(ds, companyId, async (m) => {
      const from = stage('Квалификация');
      const to = stage('Новая');
      const moved = (await m.query(
        `WITH moved AS (UPDATE deals SET stage_id = $3, stage_entered_at = clock_timestamp()
          WHERE company_id = $1 AND stage_id = $2 RETURNING id, pipeline_id) SELECT * FROM moved`,
        [companyId, from, to],
      )) as { id: string; pipeline_id: string }[];
      expect(moved.map((r) => r.id)).toEqual([d1.id]);
      await m.query(
        `INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, at)
         SELECT $1, d.id, d.pipeline_id, $2, $3, clock_timestamp() FROM jsonb_to_recordset($4::jsonb) AS d(id uuid, pipeline_id uuid)`,
        [companyId, from, to, JSON.stringify(moved)],
      );
      await m.query(`UPDATE pipeline_stages SET deleted_at = now() WHERE company_id = $1 AND id = $2`, [
        companyId,
        from,
      ]);
    });
    [kept, rebuilt] = await keptAndRebuilt(ds, companyId);
    expect(kept).toEqual(rebuilt);
    const d1Entry = kept.entries.find((e) => (e as { deal_id: string }).deal_id === d1.id) as { visited: string };
    expect(d1Entry.visited.split(',')).toHaveLength(3);
    expect(kept.entries.find((e) => (e as { deal_id: string }).deal_id === d4.id)).toMatchObject({
      amount: '777.0000',
    });

    // Deal deletes (the cascade removes the history) leave nothing of the deal behind.
    await asTenant(ds, companyId, async (m) => {
      await m.query(`DELETE FROM deals WHERE company_id = $1 AND id = ANY ($2::uuid[])`, [companyId, [d3.id, d2.id]]);
    });
    [kept, rebuilt] = await keptAndRebuilt(ds, companyId);
    expect(kept).toEqual(rebuilt);
    const dealsLeft = new Set(kept.entries.map((e) => (e as { deal_id: string }).deal_id));
    expect([...dealsLeft].sort()).toEqual([d1.id, d4.id].sort());
    expect(kept.stays.every((s) => dealsLeft.has((s as { deal_id: string }).deal_id))).toBe(true);

    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
    expect(await ds.query(`SELECT 1 FROM deal_funnel_entries WHERE company_id = $1`, [companyId])).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM deal_stage_totals WHERE company_id = $1`, [companyId])).toEqual([]);
  });

  it('equals a rebuild after the web API’s own writes: moves, lost and won with its sale, a stage deleted with moveTo, a delete', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Воронка', externalId: 'F-1' });
    const pipeline = await defaultPipeline(owner);
    const stage = (name: string) => stageNamed(pipeline, name).id;
    const [a, b, c] = [
      await createDeal(owner, client.id),
      await createDeal(owner, client.id),
      await createDeal(owner, client.id),
    ];
    await moveDeal(owner, a.id, { stageId: stage('Квалификация') }).expect(200);
    await moveDeal(owner, a.id, { stageId: stage('Переговоры') }).expect(200);
    await moveDeal(owner, a.id, { stageId: stage('Выиграна'), createSale: true }).expect(200);
    await moveDeal(owner, b.id, { stageId: stage('Квалификация') }).expect(200);
    await moveDeal(owner, b.id, { stageId: stage('Проиграна'), lostReason: 'Дорого' }).expect(200);
    await moveDeal(owner, c.id, { stageId: stage('Предложение') }).expect(200);
    await api()
      .delete(`${companyUrl(owner)}/pipelines/${pipeline.id}/stages/${stage('Предложение')}`)
      .query({ moveTo: stage('Квалификация') })
      .set(owner.auth)
      .expect(204);
    let [kept, rebuilt] = await keptAndRebuilt(ds, owner.companyId);
    expect(kept).toEqual(rebuilt);
    expect(kept.entries).toHaveLength(3);
    expect(kept.stays.length).toBeGreaterThanOrEqual(6);

    await api()
      .delete(`${companyUrl(owner)}/deals/${b.id}`)
      .set(owner.auth)
      .expect(204);
    [kept, rebuilt] = await keptAndRebuilt(ds, owner.companyId);
    expect(kept).toEqual(rebuilt);
    expect(kept.entries.map((e) => (e as { deal_id: string }).deal_id).sort()).toEqual([a.id, c.id].sort());
    expect(kept.totals).toHaveLength(2);
    expect(kept.totals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stage_id: stage('Выиграна'), deals: 1 }),
        expect.objectContaining({ stage_id: stage('Квалификация'), deals: 1 }),
      ]),
    );

    // The client's deletion takes its deals with it (the cascade fires the triggers too).
    await api()
      .delete(`${companyUrl(owner)}/clients/${client.id}`)
      .query({ confirm: true })
      .set(owner.auth)
      .expect(204);
    [kept, rebuilt] = await keptAndRebuilt(ds, owner.companyId);
    expect(kept).toEqual(rebuilt);
    expect(kept.totals).toEqual([]);
  });
});
