import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { api, errorShape, registerUser, type TestUser } from '../support/client';
import { createApiKey, pushClients } from '../support/crm';
import { database, dealItem, pushDeals } from '../deals-integration/deals';

interface Stage {
  stageId: string;
  name: string;
  kind: string;
  entered: number;
  reached: number;
  conversion: number | null;
  medianDays: number | null;
}

const analytics = (user: TestUser, path: string, query: Record<string, string> = {}) =>
  api().get(`/api/companies/${user.companyId}/analytics/${path}`).set(user.auth).query(query);

/** An owner whose company has clients C-1..C-3 and these deals pushed in order, batch by batch. */
async function companyWithDeals(...batches: Record<string, unknown>[][]) {
  const owner = await registerUser();
  const key = (await createApiKey(owner)).key;
  await pushClients(key, [{ externalId: 'C-1' }, { externalId: 'C-2' }, { externalId: 'C-3' }]).expect(200);
  for (const items of batches) expect((await pushDeals(key, items).expect(200)).body.failed).toEqual([]);
  return { owner, key };
}

describe('deals analytics', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await database();
  });
  afterAll(() => ds?.destroy());

  it('funnel: entered, reached and conversion per stage, win rate, average won deal and cycle', async () => {
    const { owner } = await companyWithDeals(
      [
        dealItem('D-1', 'C-1', { amount: '100.00' }),
        dealItem('D-2', 'C-1', { amount: '200.00' }),
        dealItem('D-3', 'C-2', { amount: '301.00' }),
        dealItem('D-4', 'C-3', { amount: '400.00' }),
      ],
      [
        dealItem('D-2', 'C-1', { amount: '200.00', stage: 'Квалификация' }),
        dealItem('D-3', 'C-2', { amount: '301.00', stage: 'Предложение' }),
        dealItem('D-4', 'C-3', { amount: '400.00', stage: 'Проиграна', lostReason: 'Дорого' }),
      ],
      [dealItem('D-3', 'C-2', { amount: '301.00', stage: 'Выиграна' })],
    );
    const res = await analytics(owner, 'funnel').expect(200);
    expect(res.body).toMatchObject({
      cohort: 4,
      winRate: 0.5,
      averageDealSize: '301.00',
      currency: 'RUB',
      unconvertedDeals: 0,
    });
    expect(res.body.medianCycleDays).toBeGreaterThanOrEqual(0);
    expect(res.body.medianCycleDays).toBeLessThan(1);
    const figures = (res.body.stages as Stage[]).map((s) => [s.name, s.kind, s.entered, s.reached, s.conversion]);
    expect(figures).toEqual([
      ['Новая', 'open', 4, 4, 1],
      ['Квалификация', 'open', 1, 2, 0.5],
      ['Предложение', 'open', 1, 1, 0.5],
      ['Переговоры', 'open', 0, 1, 1],
      ['Выиграна', 'won', 1, 1, 1],
      ['Проиграна', 'lost', 1, 1, 0.25],
    ]);
    // Stays that ended have a median (seconds here); stages nobody left have none.
    const medians = Object.fromEntries((res.body.stages as Stage[]).map((s) => [s.name, s.medianDays]));
    expect(medians['Новая']).toBeGreaterThanOrEqual(0);
    expect(medians['Переговоры']).toBeNull();
    expect(medians['Выиграна']).toBeNull();

    // A period before the deals: an empty cohort, nothing divided by zero.
    const empty = await analytics(owner, 'funnel', { from: '2020-01-01', to: '2020-01-31' }).expect(200);
    expect(empty.body).toMatchObject({ cohort: 0, winRate: null, averageDealSize: null, medianCycleDays: null });
    expect((empty.body.stages as Stage[]).every((s) => s.entered === 0 && s.conversion === null)).toBe(true);
  });

  it('pipeline: open value and weighted value by stage and by expected close month, converted at today’s rate', async () => {
    const { owner } = await companyWithDeals([
      dealItem('D-1', 'C-1', { amount: '1000.00', expectedCloseDate: '2027-01-15' }),
      dealItem('D-2', 'C-1', { amount: '500.00', stage: 'Переговоры', expectedCloseDate: '2027-01-20' }),
      dealItem('D-3', 'C-2', {
        amount: '10.00',
        currency: 'USD',
        stage: 'Переговоры',
        expectedCloseDate: '2027-02-01',
      }),
      dealItem('D-4', 'C-3', { amount: '999.00', stage: 'Выиграна' }),
      dealItem('D-5', 'C-3', { amount: '70.00' }),
    ]);
    // Without a USD rate the USD deal is left out, never taken 1:1.
    const before = await analytics(owner, 'pipeline').expect(200);
    expect(before.body).toMatchObject({ currency: 'RUB', unconvertedDeals: 1, totalValue: '1570.00' });

    await api()
      .put(`/api/companies/${owner.companyId}/exchange-rates`)
      .set(owner.auth)
      .send({ rates: [{ currency: 'USD', rate: '90', validFrom: '2020-01-01' }] })
      .expect(200);
    const res = await analytics(owner, 'pipeline').expect(200);
    expect(res.body).toMatchObject({
      currency: 'RUB',
      unconvertedDeals: 0,
      totalValue: '2470.00',
      // 1070 × 10% + 500 × 80% + 900 × 80%
      totalWeightedValue: '1227.00',
    });
    expect(
      res.body.byStage.map((s: Record<string, unknown>) => [s['name'], s['count'], s['value'], s['weightedValue']]),
    ).toEqual([
      ['Новая', 2, '1070.00', '107.00'],
      ['Квалификация', 0, '0.00', '0.00'],
      ['Предложение', 0, '0.00', '0.00'],
      ['Переговоры', 2, '1400.00', '1120.00'],
    ]);
    expect(res.body.byCloseMonth).toEqual([
      { month: '2027-01', count: 2, value: '1500.00', weightedValue: '500.00' },
      { month: '2027-02', count: 1, value: '900.00', weightedValue: '720.00' },
      { month: null, count: 1, value: '70.00', weightedValue: '7.00' },
    ]);
    const usd = await analytics(owner, 'pipeline', { currency: 'USD' }).expect(200);
    expect(usd.body).toMatchObject({ currency: 'USD', totalValue: '27.44', unconvertedDeals: 0 });
  });

  it('stuck: open deals in their stage longer than the stage’s median stay', async () => {
    const { owner } = await companyWithDeals(
      [1, 2, 3, 4, 5].map((n) => dealItem(`D-${n}`, 'C-1')),
      [1, 2, 3].map((n) => dealItem(`D-${n}`, 'C-1', { stage: 'Квалификация' })),
    );
    // Back-date the history: D-1..D-3 stayed 2, 4 and 6 days in «Новая» (median 4); D-4 is in «Новая»
    // for 10 days, D-5 for 1 day.
    const shift = async (externalId: string, createdDaysAgo: number, movedDaysAgo: number | null) => {
      await ds.query(
        `UPDATE deal_stage_changes c SET at = now() - make_interval(days => CASE WHEN c.from_stage_id IS NULL THEN $3::int ELSE $4::int END)
           FROM deals d WHERE d.company_id = $1 AND d.external_id = $2 AND c.company_id = d.company_id AND c.deal_id = d.id`,
        [owner.companyId, externalId, createdDaysAgo, movedDaysAgo ?? 0],
      );
      await ds.query(
        `UPDATE deals SET stage_entered_at = now() - make_interval(days => $3::int) WHERE company_id = $1 AND external_id = $2`,
        [owner.companyId, externalId, movedDaysAgo ?? createdDaysAgo],
      );
    };
    await shift('D-1', 12, 10);
    await shift('D-2', 12, 8);
    await shift('D-3', 12, 6);
    await shift('D-4', 10, null);
    await shift('D-5', 1, null);
    const res = await analytics(owner, 'stuck').expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items).toEqual([
      expect.objectContaining({ title: 'Сделка D-4', amount: '1000.00', currency: 'RUB', stageMedianDays: 4 }),
    ]);
    expect(res.body.items[0].daysInStage).toBeCloseTo(10, 1);
  });

  it('owners: the cohort and the open pipeline by owner', async () => {
    const { owner } = await companyWithDeals([
      dealItem('D-1', 'C-1', { amount: '100.00' }),
      dealItem('D-2', 'C-1', { amount: '250.00', stage: 'Выиграна' }),
      dealItem('D-3', 'C-1', { amount: '50.00', stage: 'Проиграна', lostReason: 'Нет бюджета' }),
    ]);
    const res = await analytics(owner, 'owners').expect(200);
    expect(res.body.items).toEqual([
      { ownerId: null, deals: 3, won: 1, lost: 1, winRate: 0.5, wonValue: '250.00', openDeals: 1, openValue: '100.00' },
    ]);
  });

  it('answers 400 for another company’s or an unknown pipelineId and a reversed period, 404 to a non-member', async () => {
    const { owner } = await companyWithDeals([]);
    const other = await registerUser();
    const [{ id: otherPipeline }] = await ds.query(`SELECT id FROM pipelines WHERE company_id = $1`, [other.companyId]);
    for (const pipelineId of [otherPipeline, randomUUID()]) {
      for (const path of ['funnel', 'pipeline', 'stuck', 'owners']) {
        const res = await analytics(owner, path, { pipelineId }).expect(400);
        expect(res.body).toEqual(errorShape(400));
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'pipelineId' })]);
      }
    }
    const reversed = await analytics(owner, 'funnel', { from: '2026-02-01', to: '2026-01-01' }).expect(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
    await api().get(`/api/companies/${owner.companyId}/analytics/funnel`).set(other.auth).expect(404);
    await api().get(`/api/companies/${owner.companyId}/analytics/pipeline`).expect(401);
  });
});
