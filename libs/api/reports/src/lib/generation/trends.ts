import type { AnalyticsGranularity, ForecastGranularity } from '@crm/shared/contracts';
import { addDays, addMonths, addYears, daysInclusive, minDay, monthEnd, monthStart } from '../dates';
import { relativeChange } from '../decimal';
import { type AnalyticsServices, type Cell, col, type GenerationInput, type ReportDraft } from './report-draft';
import { resolveSelection } from './selection';

/** Complete months of history seasonality needs (two of each calendar month). */
export const SEASONALITY_MIN_MONTHS = 24;
const SEASONALITY_MONTHS = 36;

/** The series' period length for a period of `days`. */
export function trendGranularity(days: number): {
  series: AnalyticsGranularity;
  forecast: ForecastGranularity;
  horizon: number;
} {
  if (days <= 45) return { series: 'day', forecast: 'week', horizon: 4 };
  if (days <= 200) return { series: 'week', forecast: 'week', horizon: 8 };
  return { series: 'month', forecast: 'month', horizon: 6 };
}

/**
 * «Тенденции продаж»: revenue and sales per period, the forecast with its 80/95% band after the
 * period, change against the previous period and a year before, best and worst periods, seasonality.
 * Every figure, the forecast's history included, counts the sales the filters select (selection.ts).
 */
export async function buildTrends(services: AnalyticsServices, input: GenerationInput): Promise<ReportDraft> {
  const { indicators, forecasts } = services;
  const { scope, from, to } = input;
  const g = trendGranularity(daysInclusive(from, to));

  await input.progress('timeseries', 0.1);
  const selection = await resolveSelection(services, input);
  const narrowing = selection.narrowing;
  const range = { from, to, currency: input.currency, ...narrowing };
  const series = await indicators.timeseries(scope, { ...range, granularity: g.series });
  const currency = series.currency;
  await input.progress('summary', 0.3);
  const summary = await indicators.summary(scope, range);
  const yearAgoRange = { ...range, from: addYears(from, -1), to: addYears(to, -1) };
  const yearAgo = await indicators.summary(scope, yearAgoRange);
  await input.progress('forecast', 0.5);
  // The forecast starts with the period after `to` (or today's, when `to` is in the future).
  const forecastAsOf = minDay(addDays(to, 1), input.today);
  const forecast = await forecasts.forecast(scope, {
    granularity: g.forecast,
    horizon: g.horizon,
    currency: input.currency,
    asOf: forecastAsOf,
    ...narrowing,
  });
  await input.progress('seasonality', 0.7);
  const seasonFrom = addMonths(monthStart(to), -(SEASONALITY_MONTHS - 1));
  const monthly = await indicators.timeseries(scope, {
    from: seasonFrom,
    to: monthEnd(to) > input.today ? to : monthEnd(to),
    currency: input.currency,
    granularity: 'month',
    ...narrowing,
  });
  const firstWithRevenue = monthly.points.findIndex((p) => Number(p.revenue) !== 0);
  const historyMonths = firstWithRevenue < 0 ? 0 : monthly.points.length - firstWithRevenue;
  const seasonalityRows: Cell[][] = [];
  if (historyMonths >= SEASONALITY_MIN_MONTHS) {
    const points = monthly.points.slice(firstWithRevenue);
    const overall = points.reduce((s, p) => s + Number(p.revenue), 0) / points.length;
    for (let m = 1; m <= 12; m++) {
      const of = points.filter((p) => Number(p.period.slice(5, 7)) === m);
      if (of.length === 0) continue;
      const average = of.reduce((s, p) => s + Number(p.revenue), 0) / of.length;
      seasonalityRows.push([m, average.toFixed(2), overall > 0 ? Math.round((average / overall) * 1000) / 1000 : null]);
    }
  }

  const points = series.points;
  const ranked = [...points].sort((a, b) => Number(b.revenue) - Number(a.revenue) || a.period.localeCompare(b.period));
  const n = Math.min(3, Math.floor(points.length / 2));
  const best = ranked.slice(0, n);
  const worst = ranked.slice(-n).reverse();
  const yearChange = relativeChange(Number(summary.revenue), Number(yearAgo.revenue));
  const comparison: Cell[][] = [
    ['revenue', summary.revenue, summary.previous.revenue, yearAgo.revenue, summary.change.revenue, yearChange],
    [
      'salesCount',
      summary.salesCount,
      summary.previous.salesCount,
      yearAgo.salesCount,
      summary.change.salesCount,
      relativeChange(summary.salesCount, yearAgo.salesCount),
    ],
    [
      'buyers',
      summary.buyers,
      summary.previous.buyers,
      yearAgo.buyers,
      summary.change.buyers,
      relativeChange(summary.buyers, yearAgo.buyers),
    ],
    [
      'averageOrderValue',
      summary.averageOrderValue,
      summary.previous.averageOrderValue,
      yearAgo.averageOrderValue,
      summary.change.averageOrderValue,
      relativeChange(Number(summary.averageOrderValue ?? NaN), Number(yearAgo.averageOrderValue ?? NaN)),
    ],
  ];
  const next = forecast.points[0] ?? null;
  return {
    summary: {
      currency,
      from,
      to,
      asOf: forecastAsOf,
      noData: summary.salesCount === 0 && summary.returns.count === 0,
      kpis: [
        {
          key: 'revenue',
          kind: 'money',
          value: summary.revenue,
          previous: summary.previous.revenue,
          change: summary.change.revenue,
        },
        {
          key: 'salesCount',
          kind: 'integer',
          value: summary.salesCount,
          previous: summary.previous.salesCount,
          change: summary.change.salesCount,
        },
        { key: 'revenueYearAgo', kind: 'money', value: yearAgo.revenue, previous: null, change: yearChange },
        { key: 'forecastNext', kind: 'money', value: next?.revenue ?? null, previous: null, change: null },
      ],
      warnings: series.warnings,
      ...(selection.summary ? { selection: selection.summary } : {}),
    },
    tables: [
      {
        key: 'timeseries',
        columns: [col('period', 'date'), col('revenue', 'money'), col('salesCount', 'integer')],
        rows: points.map((p) => [p.period, p.revenue, p.salesCount]),
      },
      {
        key: 'forecast',
        columns: [
          col('period', 'date'),
          col('revenue', 'money'),
          col('lower80', 'money'),
          col('upper80', 'money'),
          col('lower95', 'money'),
          col('upper95', 'money'),
        ],
        rows: forecast.points.map((p) => [p.period, p.revenue, p.lower80, p.upper80, p.lower95, p.upper95]),
      },
      {
        key: 'comparison',
        columns: [
          col('metric', 'text'),
          col('current', 'number'),
          col('previous', 'number'),
          col('yearAgo', 'number'),
          col('changePrevious', 'ratio'),
          col('changeYearAgo', 'ratio'),
        ],
        rows: comparison,
      },
      {
        key: 'best-worst',
        columns: [
          col('kind', 'text'),
          col('rank', 'integer'),
          col('period', 'date'),
          col('revenue', 'money'),
          col('salesCount', 'integer'),
        ],
        rows: [
          ...best.map((p, i): Cell[] => ['best', i + 1, p.period, p.revenue, p.salesCount]),
          ...worst.map((p, i): Cell[] => ['worst', i + 1, p.period, p.revenue, p.salesCount]),
        ],
      },
      {
        key: 'seasonality',
        columns: [col('month', 'integer'), col('averageRevenue', 'money'), col('index', 'number')],
        rows: seasonalityRows,
      },
    ],
    charts: [
      {
        key: 'trend',
        kind: 'line',
        unit: 'money',
        granularity: g.series,
        series: [
          { key: 'actual', points: points.map((p) => ({ x: p.period, y: Number(p.revenue) })) },
          {
            key: 'forecast',
            points: forecast.points.map((p) => ({
              x: p.period,
              y: Number(p.revenue),
              lower80: Number(p.lower80),
              upper80: Number(p.upper80),
              lower95: Number(p.lower95),
              upper95: Number(p.upper95),
            })),
          },
        ],
      },
    ],
    facts: {
      currency,
      granularity: g.series,
      revenue: summary.revenue,
      previousRevenue: summary.previous.revenue,
      revenueChange: summary.change.revenue,
      yearAgoRevenue: yearAgo.revenue,
      yearChange,
      best: best[0] ?? null,
      worst: worst[0] ?? null,
      forecastNext: next,
      forecastGranularity: g.forecast,
      forecastModel: forecast.model,
      historyMonths,
      seasonality:
        seasonalityRows.length > 0
          ? {
              peak: [...seasonalityRows].sort((a, b) => Number(b[2]) - Number(a[2]))[0],
              low: [...seasonalityRows].sort((a, b) => Number(a[2]) - Number(b[2]))[0],
            }
          : null,
    },
  };
}
