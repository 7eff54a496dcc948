import type { DealsAnalyticsService } from '@crm/api/deals-analytics';
import type { DealFunnelResponse, DealPipelineValueResponse, StuckDealsResponse } from '@crm/shared/contracts';
import { checkFigures, reportNumbers } from '../../generation/figure-check';
import type { AnalyticsServices, GenerationInput } from '../../generation/report-draft';
import { RulesNarrator } from '../../generation/rules-narrator';
import { buildPipeline } from './pipeline.report';

const stage = (stageId: string, name: string, kind: 'open' | 'won' | 'lost') => ({ stageId, name, kind });

const funnel = (cohort: number, winRate: number | null): DealFunnelResponse => ({
  pipelineId: 'p1',
  from: '2026-10-01',
  to: '2026-10-31',
  currency: 'RUB',
  cohort,
  stages: [
    { ...stage('s1', 'Новая', 'open'), entered: cohort, reached: cohort, conversion: cohort ? 1 : null, medianDays: 2 },
    { ...stage('s2', 'Предложение', 'open'), entered: 6, reached: 6, conversion: 0.6, medianDays: 4.5 },
    { ...stage('s3', 'Выиграна', 'won'), entered: 3, reached: 3, conversion: 0.5, medianDays: null },
    { ...stage('s4', 'Проиграна', 'lost'), entered: 2, reached: 2, conversion: 0.2, medianDays: null },
  ],
  winRate,
  averageDealSize: '150000.00',
  medianCycleDays: 12.5,
  unconvertedDeals: 0,
});

const pipeline: DealPipelineValueResponse = {
  pipelineId: 'p1',
  currency: 'RUB',
  byStage: [
    { stageId: 's1', name: 'Новая', count: 4, value: '400000.00', weightedValue: '40000.00' },
    { stageId: 's2', name: 'Предложение', count: 1, value: '100000.00', weightedValue: '50000.00' },
  ],
  byCloseMonth: [
    { month: '2026-11', count: 3, value: '300000.00', weightedValue: '60000.00' },
    { month: null, count: 2, value: '200000.00', weightedValue: '30000.00' },
  ],
  totalValue: '500000.00',
  totalWeightedValue: '90000.00',
  unconvertedDeals: 0,
};

const stuck: StuckDealsResponse = {
  pipelineId: 'p1',
  total: 1,
  items: [
    {
      dealId: 'd1',
      title: 'Поставка мёда',
      stageId: 's2',
      ownerId: null,
      amount: '100.00',
      currency: 'USD',
      inStageSince: '2026-09-01T10:00:00.000Z',
      daysInStage: 61,
      stageMedianDays: 4.5,
    },
  ],
};

function services(current: DealFunnelResponse, previous: DealFunnelResponse) {
  const calls: unknown[] = [];
  const deals = {
    funnel: jest.fn(async (_scope: unknown, q: { from: string }) => {
      calls.push(['funnel', q]);
      return q.from === '2026-10-01' ? current : previous;
    }),
    pipeline: jest.fn(async (_scope: unknown, q: unknown) => (calls.push(['pipeline', q]), pipeline)),
    stuck: jest.fn(async (_scope: unknown, q: unknown) => (calls.push(['stuck', q]), stuck)),
  };
  const pipelines = { get: jest.fn(async () => ({ id: 'p1', name: 'Основная воронка' })) };
  return {
    services: { deals, pipelines } as unknown as AnalyticsServices & { deals: DealsAnalyticsService },
    calls,
  };
}

const input = (pipelineId?: string): GenerationInput => ({
  scope: { companyId: 'c1', userId: 'u1' } as GenerationInput['scope'],
  type: 'pipeline',
  from: '2026-10-01',
  to: '2026-10-31',
  today: '2026-11-15',
  currency: undefined,
  filters: pipelineId ? { pipelineId } : {},
  progress: async () => undefined,
});

describe('pipeline report', () => {
  it('asks the deals analytics for the period, the previous period of equal length and the same pipeline', async () => {
    const { services: s, calls } = services(funnel(10, 0.6), funnel(8, 0.4));
    await buildPipeline(s, input('p1'));
    expect(calls).toEqual([
      ['funnel', { pipelineId: 'p1', from: '2026-10-01', to: '2026-10-31', currency: undefined }],
      ['funnel', { pipelineId: 'p1', from: '2026-08-31', to: '2026-09-30', currency: undefined }],
      ['pipeline', { pipelineId: 'p1', currency: undefined }],
      ['stuck', { pipelineId: 'p1' }],
    ]);
  });

  it('copies the funnel, pipeline and stuck deals into KPIs, tables and charts as the analytics answer them', async () => {
    const { services: s } = services(funnel(10, 0.6), funnel(8, 0.4));
    const draft = await buildPipeline(s, input());
    const kpi = (key: string) => draft.summary.kpis.find((k) => k.key === key);
    expect(kpi('cohort')).toEqual({ key: 'cohort', kind: 'integer', value: 10, previous: 8, change: 0.25 });
    expect(kpi('winRate')).toEqual({ key: 'winRate', kind: 'ratio', value: 0.6, previous: 0.4, change: 0.2 });
    expect(kpi('weightedValue')?.value).toBe('90000.00');
    expect(kpi('openDeals')?.value).toBe(5);
    expect(draft.summary.noData).toBe(false);
    expect(draft.summary.subject).toBe('Основная воронка');
    const table = (key: string) => draft.tables.find((t) => t.key === key)?.rows;
    expect(table('funnel')).toEqual([
      ['Новая', 10, 10, 1, 2],
      ['Предложение', 6, 6, 0.6, 4.5],
      ['Выиграна', 3, 3, 0.5, null],
      ['Проиграна', 2, 2, 0.2, null],
    ]);
    expect(table('pipeline-by-month')).toEqual([
      ['2026-11', 3, '300000.00', '60000.00'],
      [null, 2, '200000.00', '30000.00'],
    ]);
    expect(table('stuck-deals')).toEqual([['Поставка мёда', 'Предложение', '100.00', 'USD', '2026-09-01', 61, 4.5]]);
    // The funnel chart leaves the lost stage out; months without a date are named for translation.
    expect(draft.charts.find((c) => c.key === 'funnel')?.series[0].points.map((p) => p.x)).toEqual([
      'Новая',
      'Предложение',
      'Выиграна',
    ]);
    expect(draft.charts.find((c) => c.key === 'pipeline-by-month')?.series[0].points).toEqual([
      { x: '2026-11', y: 60000 },
      { x: 'no-date', y: 30000 },
    ]);
  });

  it('writes conclusions in Russian and English whose every figure is in the report', async () => {
    const { services: s } = services(funnel(10, 0.6), funnel(8, 0.4));
    const draft = await buildPipeline(s, input());
    const insights = await new RulesNarrator().narrate('pipeline', draft);
    expect(insights.map((i) => i.code)).toEqual([
      'win-rate',
      'win-rate-up',
      'biggest-drop',
      'deal-size-cycle',
      'weighted-pipeline',
      'next-close-month',
      'stuck-deals',
    ]);
    expect(insights[1].text).toBe('Доля выигранных сделок выросла с 40,0% в предыдущем периоде до 60,0%.');
    expect(insights[1].textEn).toBe('The win rate rose from 40.0% in the previous period to 60.0%.');
    expect(insights[2].text).toContain('между этапами «Предложение» и «Выиграна»: дальше проходит 50,0%');
    expect(insights[4].textEn).toBe(
      'Open deals: 5 worth RUB\u00a0500,000.00; RUB\u00a090,000.00 weighted by probability.',
    );
    const numbers = reportNumbers(draft);
    for (const i of insights) {
      expect({ code: i.code, unknown: checkFigures(i.text, 'ru', numbers).unknown }).toEqual({
        code: i.code,
        unknown: [],
      });
      expect({ code: i.code, unknown: checkFigures(i.textEn, 'en', numbers).unknown }).toEqual({
        code: i.code,
        unknown: [],
      });
    }
  });

  it('says when no deal is closed yet and none is stuck, and when the period has no deals at all', async () => {
    const empty = { ...funnel(0, null), averageDealSize: null, medianCycleDays: null };
    const { services: s } = services(funnel(4, null), empty);
    const draft = await buildPipeline(s, input());
    const codes = (
      await new RulesNarrator().narrate('pipeline', { ...draft, facts: { ...draft.facts, stuckDeals: 0 } })
    ).map((i) => i.code);
    expect(codes[0]).toBe('funnel-cohort');
    expect(codes).not.toContain('win-rate-up');
    expect(codes).toContain('no-stuck-deals');
    const [noData] = await new RulesNarrator().narrate('pipeline', {
      ...draft,
      summary: { ...draft.summary, noData: true },
    });
    expect(noData.code).toBe('no-data');
    expect(noData.text).toContain('не вошло ни одной сделки');
  });
});
