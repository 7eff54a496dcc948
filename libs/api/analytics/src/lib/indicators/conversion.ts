/**
 * Currency conversion, exactly as the contract says: the rate of a currency is the one with the
 * latest `validFrom` on or before the sale's local day, in units of the base currency; converting
 * c → t multiplies by rate(c) / rate(t), with rate(base) = 1, and c → c is always 1.
 *
 * Because a rate stays in force until the next one, a currency is convertible from its first
 * rate on: a sale is convertible exactly when its day is on or after `threshold(c)` =
 * max(first rate of c, first rate of the target), with −∞ for the base currency and for c = t.
 */
import type { CompanyScope } from '@crm/api/core';
import type { SqlParams } from '../sql';

export const MINUS_INFINITY = '-infinity';
export const PLUS_INFINITY = 'infinity';

/** Conversion of one company's sales into one currency. */
export interface Conversion {
  scope: CompanyScope;
  baseCurrency: string;
  /** The requested currency. */
  currency: string;
  /** First day each currency with rates can be converted to `currency`; others never can. */
  thresholds: ReadonlyMap<string, string>;
}

/** The conversion into `currency` given the first rate day of each currency. */
export function conversionOf(
  scope: CompanyScope,
  baseCurrency: string,
  currency: string,
  firstRates: ReadonlyMap<string, string>,
): Conversion {
  const firstRate = new Map(firstRates);
  firstRate.set(baseCurrency, MINUS_INFINITY);
  const target = firstRate.get(currency);
  const thresholds = new Map<string, string>();
  if (target !== undefined) {
    for (const [code, first] of firstRate) thresholds.set(code, later(first, target));
  }
  thresholds.set(currency, MINUS_INFINITY);
  return { scope, baseCurrency, currency, thresholds };
}

/** True when some paid sale on or before `day` cannot be converted (given each currency's first paid day). */
export function hasUnconvertiblePaidSales(
  c: Conversion,
  firstPaidDays: ReadonlyMap<string, string>,
  day: string,
): boolean {
  for (const [currency, first] of firstPaidDays) {
    if (first > day) continue;
    const threshold = c.thresholds.get(currency) ?? PLUS_INFINITY;
    if (threshold === PLUS_INFINITY || (threshold !== MINUS_INFINITY && first < threshold)) return true;
  }
  return false;
}

function later(a: string, b: string): string {
  if (a === MINUS_INFINITY) return b;
  if (b === MINUS_INFINITY) return a;
  return a > b ? a : b;
}

/** `(currency, from_day)` rows of the thresholds, for `LEFT JOIN … ON th.currency = x.currency`. */
export function thresholdsSql(c: Conversion, p: SqlParams): string {
  const codes = [...c.thresholds.keys()];
  const days = codes.map((code) => c.thresholds.get(code));
  return `SELECT * FROM unnest(${p.add(codes)}::text[], ${p.add(days)}::date[]) AS th (currency, from_day)`;
}

/** True when a row of `alias` (with `day` and `currency`) can be converted; needs `th` joined. */
export const convertibleSql = (alias: string, th = 'th'): string =>
  `${alias}.day >= coalesce(${th}.from_day, 'infinity'::date)`;

/**
 * CTE `fx (currency, day, rate)`: the rate in force on each (currency, day) of `pairs` — a subquery
 * of distinct `(currency, day)` with sales — and on each of those days for the requested currency;
 * no row where no rate is in force yet. Computed by one sweep over the pairs and the rate changes
 * (sorted together per currency, the latest change at or before a day wins), so its cost is
 * independent of how the days relate to rate periods and the planner sees true row counts.
 */
export function fxCte(c: Conversion, from: string, to: string, p: SqlParams, pairs: string): string {
  const company = p.add(c.scope.companyId);
  const base = `${p.add(c.baseCurrency)}::char(3)`;
  const target = `${p.add(c.currency)}::char(3)`;
  // Currencies stay char(3) throughout, so exchange_rates is searched through its key.
  return `fx_need AS MATERIALIZED (
    SELECT DISTINCT currency, day FROM (
      SELECT pr.currency::char(3) AS currency, pr.day FROM (${pairs}) pr WHERE pr.currency NOT IN (${base}, ${target})
      UNION ALL
      SELECT ${target}, pr.day FROM (${pairs}) pr WHERE ${target} <> ${base} AND pr.currency <> ${target}
    ) n
  ),
  fx_floor AS MATERIALIZED (
    SELECT cur.currency, (
      SELECT e.valid_from FROM exchange_rates e
      WHERE e.company_id = ${company} AND e.currency = cur.currency AND e.valid_from <= ${p.add(from)}::date
      ORDER BY e.valid_from DESC LIMIT 1
    ) AS since
    FROM (SELECT DISTINCT currency FROM fx_need) cur
  ),
  fx_sweep AS MATERIALIZED (
    SELECT u.currency, u.day, u.is_rate,
           max(u.valid_from) OVER (PARTITION BY u.currency ORDER BY u.day, u.is_rate DESC ROWS UNBOUNDED PRECEDING) AS in_force
    FROM (
      SELECT currency, day, false AS is_rate, NULL::date AS valid_from FROM fx_need
      UNION ALL
      SELECT f.currency, e.valid_from, true, e.valid_from
      FROM fx_floor f CROSS JOIN LATERAL (
        SELECT valid_from FROM exchange_rates
        WHERE company_id = ${company} AND currency = f.currency
          AND valid_from BETWEEN coalesce(f.since, '-infinity'::date) AND ${p.add(to)}::date
        OFFSET 0
      ) e
    ) u
  ),
  fx AS MATERIALIZED (
    SELECT s.currency, s.day, e.rate
    FROM fx_sweep s
    CROSS JOIN LATERAL (
      SELECT rate FROM exchange_rates WHERE company_id = ${company} AND currency = s.currency AND valid_from = s.in_force
      OFFSET 0
    ) e
    WHERE NOT s.is_rate
  )`;
}

/**
 * Joins the rates of a row's day to `alias` and exposes `rc` (rate of the row's currency) and
 * `rt` (rate of the requested one), both 1 where no conversion is needed and NULL where no rate
 * is in force. Needs the `fx` CTE.
 */
export function rateColumns(c: Conversion, alias: string, p: SqlParams): { joins: string; rc: string; rt: string } {
  const target = `${p.add(c.currency)}::char(3)`;
  const base = `${p.add(c.baseCurrency)}::char(3)`;
  return {
    joins: `LEFT JOIN fx fc ON fc.currency = ${alias}.currency AND fc.day = ${alias}.day
            LEFT JOIN fx ft ON ft.currency = ${target} AND ft.day = ${alias}.day`,
    rc: `CASE WHEN ${alias}.currency IN (${target}, ${base}) THEN 1::numeric ELSE fc.rate END`,
    rt: `CASE WHEN ${alias}.currency = ${target} OR ${target} = ${base} THEN 1::numeric ELSE ft.rate END`,
  };
}

/**
 * Σ amount · rc / rt over rows grouped by `keys`, as `revenue` (text) and `exact` (numeric, to sort
 * by), with `sales`. Into the base currency rt is 1 and the sum is exact products only; otherwise
 * the division happens once per distinct target rate: each quotient keeps 24+ digits, so rounding
 * the result once to the currency's minor unit is exact. `rows` must expose `keys`, `rc`, `rt`,
 * `sales`, `amount`.
 */
export function convertedSumSql(c: Conversion, rows: string, keys: string[]): string {
  const k = keys.join(', ');
  const lead = keys.length ? `${k}, ` : '';
  const groupBy = keys.length ? `GROUP BY ${k}` : '';
  if (c.currency === c.baseCurrency) {
    return `SELECT ${lead}exact::text AS revenue, sales, exact FROM (
      SELECT ${lead}sum(amount * rc) AS exact, sum(sales)::bigint AS sales FROM ${rows} WHERE rc IS NOT NULL ${groupBy}) g`;
  }
  return `SELECT ${lead}exact::text AS revenue, sales, exact FROM (
    SELECT ${lead}sum(round(part, 24) / rt) AS exact, sum(n)::bigint AS sales
    FROM (SELECT ${lead}rt, sum(amount * rc) AS part, sum(sales) AS n FROM ${rows}
          WHERE rc IS NOT NULL AND rt IS NOT NULL GROUP BY ${lead}rt) g
    ${groupBy}) h`;
}
