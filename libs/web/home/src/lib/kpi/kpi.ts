import type { AnalyticsPeriodResponse, AnalyticsSummaryResponse } from '@crm/shared/contracts';

export type KpiKind = 'money' | 'count';
export type Trend = 'up' | 'down' | 'flat' | 'none';

export interface Kpi {
  id: 'revenue' | 'sales' | 'buyers' | 'aov';
  kind: KpiKind;
  current: string | number | null;
  previous: string | number | null;
  /** Relative change (0.125 = +12.5 %); null when there is nothing to compare with. */
  change: number | null;
  trend: Trend;
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * (current − previous) / previous. Null when the previous figure is missing or zero: "+∞ %" tells
 * nobody anything, and a first month of sales is not a growth rate.
 */
export function relativeChange(current: string | number | null, previous: string | number | null): number | null {
  const now = toNumber(current);
  const before = toNumber(previous);
  if (now === null || before === null || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** Changes below half a tenth of a percent read as "no change" rather than "+0.0 %". */
export function trendOf(change: number | null): Trend {
  if (change === null) return 'none';
  if (Math.abs(change) < 0.0005) return 'flat';
  return change > 0 ? 'up' : 'down';
}

function kpi(
  id: Kpi['id'],
  kind: KpiKind,
  current: AnalyticsPeriodResponse,
  previous: AnalyticsPeriodResponse,
  pick: (period: AnalyticsPeriodResponse) => string | number | null,
): Kpi {
  const change = relativeChange(pick(current), pick(previous));
  return { id, kind, current: pick(current), previous: pick(previous), change, trend: trendOf(change) };
}

/** Revenue, sales, buyers and average order value for the period against the one before. */
export function kpisOf(summary: AnalyticsSummaryResponse): Kpi[] {
  const previous = summary.previous;
  return [
    kpi('revenue', 'money', summary, previous, (p) => p.revenue),
    kpi('sales', 'count', summary, previous, (p) => p.salesCount),
    kpi('buyers', 'count', summary, previous, (p) => p.buyers),
    kpi('aov', 'money', summary, previous, (p) => p.averageOrderValue),
  ];
}

/** `YYYY-MM-DD` of a local day. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
