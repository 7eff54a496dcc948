import { RulesNarrator } from './rules-narrator';
import type { ReportDraft } from './report-draft';

const summary = (noData = false) => ({
  currency: 'RUB',
  from: '2026-11-01',
  to: '2026-11-30',
  asOf: '2026-11-30',
  noData,
  kpis: [],
  warnings: [],
});

describe('RulesNarrator', () => {
  const narrator = new RulesNarrator();

  it('says a period without sales has nothing to conclude', async () => {
    const [insight] = await narrator.narrate('sales-overview', {
      summary: summary(true),
      tables: [],
      charts: [],
      facts: {},
    });
    expect(insight).toMatchObject({ code: 'no-data', tone: 'neutral' });
    expect(insight.text).toContain('нет учтённых продаж');
  });

  it('writes the revenue change with the figures it names, in Russian and English', async () => {
    const draft: ReportDraft = {
      summary: summary(),
      tables: [],
      charts: [],
      facts: {
        currency: 'RUB',
        revenue: '1234567.89',
        previousRevenue: '1100000.00',
        revenueChange: 0.1223,
        averageOrderValue: null,
        averageOrderValueChange: null,
        buyers: 0,
        newClients: 0,
        topClient: null,
        topClientShare: null,
        topProduct: null,
      },
    };
    const [insight] = await narrator.narrate('sales-overview', draft);
    expect(insight.code).toBe('revenue-up');
    expect(insight.text).toBe(
      'Выручка выросла на 12,2% к предыдущему периоду: 1\u00a0234\u00a0567,89\u00a0₽ против 1\u00a0100\u00a0000,00\u00a0₽.',
    );
    expect(insight.textEn).toBe(
      'Revenue rose 12.2% on the previous period: RUB\u00a01,234,567.89 against RUB\u00a01,100,000.00.',
    );
    expect(insight.figures).toEqual({ revenue: '1234567.89', base: '1100000.00', change: 0.1223 });
  });

  it('says when there is too little history for seasonality', async () => {
    const insights = await narrator.narrate('sales-trends', {
      summary: summary(),
      tables: [],
      charts: [],
      facts: {
        currency: 'RUB',
        revenue: '10.00',
        revenueChange: null,
        yearChange: null,
        best: null,
        worst: null,
        forecastNext: null,
        seasonality: null,
        historyMonths: 14,
      },
    });
    expect(insights.map((i) => i.code)).toEqual(['seasonality-not-enough-history']);
    expect(insights[0].figures).toEqual({ months: 14 });
  });
});
