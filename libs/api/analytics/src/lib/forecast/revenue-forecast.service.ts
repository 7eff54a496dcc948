/**
 * `analytics/forecast`: monthly or weekly revenue forecasts with 80% and 95% intervals from
 * `forecast()` of `@crm/api/analytics-models` (model chosen per series by a rolling-origin
 * back-test), fitted on the complete periods before the one containing `asOf`. With `clientIds` /
 * `currencies` the history counts only those sales (the rollup source answers a filtered context
 * from `sales`), exactly as the other indicators narrow theirs.
 */
import { Injectable } from '@nestjs/common';
import { forecast } from '@crm/api/analytics-models';
import type { CompanyScope } from '@crm/api/core';
import {
  FORECAST_DEFAULT_HORIZON,
  FORECAST_MAX_HORIZON,
  type RevenueForecastQueryDto,
  type RevenueForecastResponse,
} from '@crm/shared/contracts';
import { invalid } from '../analytics-context';
import { addDays, nextPeriod, periodsBetween, periodStart } from '../calendar';
import { money, moneyOfNumber } from '../decimal';
import { REVENUE_STATUSES } from '../indicators/indicator-source';
import { IndicatorsService } from '../indicators/indicators.service';
import { netTotals } from '../indicators/net-totals';
import { RollupSource } from '../indicators/rollup-source';
import { unconvertedWarnings } from '../indicators/warnings';

/** Longest history fed to the models: 20 years of months, 10 of weeks. */
const MAX_HISTORY = { month: 240, week: 520 } as const;
const SEASON = { month: 12, week: 52 } as const;
/** Trailing periods without revenue that make the recent history "empty": a quarter. */
const RECENT = { month: 3, week: 13 } as const;

/** The last period with revenue and how many complete periods followed it without any. */
export function recentRevenue(history: readonly { period: string; revenue: string }[]): {
  lastRevenuePeriod: string | null;
  emptyRecentPeriods: number;
} {
  for (let i = history.length - 1; i >= 0; i--) {
    if (Number(history[i].revenue) !== 0)
      return { lastRevenuePeriod: history[i].period, emptyRecentPeriods: history.length - 1 - i };
  }
  return { lastRevenuePeriod: null, emptyRecentPeriods: history.length };
}

@Injectable()
export class RevenueForecastService {
  private readonly source = new RollupSource();

  constructor(private readonly indicators: IndicatorsService) {}

  async forecast(scope: CompanyScope, query: RevenueForecastQueryDto): Promise<RevenueForecastResponse> {
    // Narrowed by the query's clientIds / currencies when it names them.
    const input = await this.indicators.readFolded(scope, query, async (ctx) => {
      const { sql, company, conversion } = ctx;
      const granularity = query.granularity ?? 'month';
      const horizon = query.horizon ?? FORECAST_DEFAULT_HORIZON[granularity];
      if (horizon > FORECAST_MAX_HORIZON[granularity]) {
        invalid('horizon', `horizon must be at most ${FORECAST_MAX_HORIZON[granularity]} for ${granularity}s`);
      }
      const asOf = query.asOf ?? company.today;
      const current = periodStart(asOf, granularity);
      const notes: string[] = [];

      // History: the complete periods before the current one, from the first paid sale's period.
      const currencies = ctx.filter?.currencies;
      const firstPaid = [...ctx.firstPaidDays]
        .filter(([code]) => !currencies || currencies.includes(code))
        .map(([, day]) => day)
        .sort()[0];
      let history: { period: string; revenue: string }[] = [];
      let warnings: RevenueForecastResponse['warnings'] = [];
      if (firstPaid !== undefined && firstPaid < current) {
        let from = periodStart(firstPaid, granularity);
        const all = periodsBetween(from, addDays(current, -1), granularity);
        if (all.length > MAX_HISTORY[granularity]) {
          from = all[all.length - MAX_HISTORY[granularity]];
          notes.push(`History limited to the last ${MAX_HISTORY[granularity]} ${granularity}s.`);
        }
        const to = addDays(current, -1);
        const totals = await this.source.totals(sql, ctx, {
          from,
          to,
          buckets: { granularity },
          statuses: REVENUE_STATUSES,
        });
        // Net of paid returns, each on its own day.
        const byPeriod = new Map([...netTotals(totals.totals)].map(([bucket, t]) => [bucket, t.revenue]));
        history = periodsBetween(from, to, granularity).map((period) => ({
          period,
          revenue: byPeriod.get(period) ?? '0',
        }));
        // Periods before the first counted sale are not history (its currency may have had no rate yet).
        const first = history.findIndex((h) => Number(h.revenue) !== 0);
        history = first < 0 ? [] : history.slice(first);
        warnings = await unconvertedWarnings(
          sql,
          company,
          conversion.currency,
          totals.unconverted,
          REVENUE_STATUSES,
          ctx.filter,
        );
      }
      if (history.length === 0)
        notes.push(`No complete ${granularity} with revenue before ${current}: nothing to learn from.`);
      const recent = recentRevenue(history);
      const recentHistoryEmpty = history.length > 0 && recent.emptyRecentPeriods >= RECENT[granularity];
      if (recentHistoryEmpty)
        notes.push(
          `No revenue in the last ${recent.emptyRecentPeriods} ${granularity}s before ${current} (the last in ${recent.lastRevenuePeriod}): the forecast only carries that silence forward; choose an earlier asOf to see the forecast the sales supported.`,
        );
      return {
        granularity,
        horizon,
        asOf,
        current,
        history,
        warnings,
        notes,
        currency: conversion.currency,
        ...recent,
        recentHistoryEmpty,
      };
    });

    // The models run after the snapshot is released: no connection waits on the CPU.
    const { granularity, horizon, current, history, currency } = input;
    const result = forecast(
      history.map((h) => Number(h.revenue)),
      { period: SEASON[granularity], horizon, nonNegative: true },
    );
    const periods: string[] = [];
    for (let p = current; periods.length < horizon; p = nextPeriod(p, granularity)) periods.push(p);
    return {
      model: result.model,
      points: result.points.map((pt, i) => ({
        period: periods[i],
        revenue: moneyOfNumber(pt.mean, currency),
        lower80: moneyOfNumber(pt.lower80, currency),
        upper80: moneyOfNumber(pt.upper80, currency),
        lower95: moneyOfNumber(pt.lower95, currency),
        upper95: moneyOfNumber(pt.upper95, currency),
      })),
      backtest: result.backtest,
      lastRevenuePeriod: input.lastRevenuePeriod,
      emptyRecentPeriods: input.emptyRecentPeriods,
      recentHistoryEmpty: input.recentHistoryEmpty,
      currency,
      granularity,
      asOf: input.asOf,
      history: history.map((h) => ({ period: h.period, revenue: money(h.revenue, currency) })),
      notes: [...input.notes, ...result.notes],
      warnings: input.warnings,
    };
  }
}
