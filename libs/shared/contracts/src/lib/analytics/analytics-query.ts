import { Transform, type TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { IsCurrency } from '../common/validators';

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

/**
 * Most client ids an indicator's `clientIds` takes: 300 comma-separated ids are about 11 KB of
 * query string, what fits with room to spare in Node's 16 KB request-header limit.
 */
export const ANALYTICS_MAX_CLIENT_IDS = 300;
/** Most currencies an indicator's `currencies` takes. */
export const ANALYTICS_MAX_CURRENCIES = 50;

/**
 * A query-string list, repeated (`?a=x&a=y`) or comma separated (`?a=x,y`) or both: an array of
 * the trimmed non-empty parts (an empty value gives an empty list, which the validators refuse).
 * Anything that is not a string or an array of strings is left for the validators.
 */
export const queryList = ({ value }: TransformFnParams): unknown => {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((v) => typeof v === 'string')) return value;
  return parts
    .flatMap((v: string) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
};

/** A query-string integer: `"10"` → 10; anything else is left for the validators to refuse. */
export const queryInteger = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** Applies `decorators` to a property in order, as one decorator. */
type FieldDecorator = (target: object, key: string) => void;
const composed =
  (...decorators: FieldDecorator[]): FieldDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** An optional query list of client ids that narrows the sales counted (`clientIds`). */
export const ClientIdsFilter = (): FieldDecorator =>
  composed(
    IsOptional(),
    Transform(queryList),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(ANALYTICS_MAX_CLIENT_IDS),
    IsUUID('all', { each: true }),
  );

/** An optional query list of sale currencies that narrows the sales counted (`currencies`). */
export const CurrenciesFilter = (): FieldDecorator =>
  composed(
    IsOptional(),
    Transform(queryList),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(ANALYTICS_MAX_CURRENCIES),
    IsCurrency({ each: true }),
  );
