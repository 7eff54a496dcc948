import type { TransformFnParams } from 'class-transformer';

/** Granularities of `analytics/timeseries`. */
export const ANALYTICS_GRANULARITIES = ['day', 'week', 'month'] as const;
export type AnalyticsGranularity = (typeof ANALYTICS_GRANULARITIES)[number];

/** Granularities of `analytics/forecast`. */
export const FORECAST_GRANULARITIES = ['month', 'week'] as const;
export type ForecastGranularity = (typeof FORECAST_GRANULARITIES)[number];

/** Longest `from`..`to` range the indicators accept, in days (about 20 years). */
export const ANALYTICS_MAX_RANGE_DAYS = 7320;
/** Most points a timeseries answers (days in about 10 years). */
export const ANALYTICS_MAX_POINTS = 3700;
export const TOP_CLIENTS_DEFAULT_LIMIT = 10;
export const TOP_CLIENTS_MAX_LIMIT = 100;
export const PRODUCTS_DEFAULT_LIMIT = 20;
export const PRODUCTS_MAX_LIMIT = 500;
export const FORECAST_DEFAULT_HORIZON: Readonly<Record<ForecastGranularity, number>> = { month: 12, week: 13 };
export const FORECAST_MAX_HORIZON: Readonly<Record<ForecastGranularity, number>> = { month: 36, week: 104 };
/** Days of the default indicator range when `from` is omitted (ending at `to`, default today). */
export const ANALYTICS_DEFAULT_RANGE_DAYS = 30;

/** A query-string integer: `"10"` → 10; anything else is left for the validators to refuse. */
export const queryInteger = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
