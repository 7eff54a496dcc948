import type { CompanyScope, SqlParams } from '@crm/api/core';

/**
 * Conversion at today's rates, as the open pipeline is valued: the rate of a currency is the one with
 * the latest `validFrom` on or before today in the company's time zone, in units of the base currency;
 * c → t multiplies by rate(c) / rate(t), rate(base) = 1, c → c is 1. An amount whose currency (or the
 * target) has no rate yet is left out and counted as unconverted, never taken 1:1.
 */
export interface TodayConversion {
  scope: CompanyScope;
  baseCurrency: string;
  currency: string;
  /** Today in the company's time zone, `YYYY-MM-DD`. */
  today: string;
}

/**
 * CTE `fx (currency, factor)`: the factor that converts each currency of `currencies` (a subquery of
 * one text column `currency`) to the requested currency; NULL where no rate is in force. One
 * index probe per currency.
 */
export function fxTodayCte(c: TodayConversion, p: SqlParams, currencies: string): string {
  const company = p.add(c.scope.companyId);
  const base = p.add(c.baseCurrency);
  const target = p.add(c.currency);
  const today = p.add(c.today);
  const rate = (code: string) => `CASE WHEN ${code} = ${base} THEN 1::numeric ELSE (
      SELECT e.rate FROM exchange_rates e
       WHERE e.company_id = ${company} AND e.currency = ${code}::char(3) AND e.valid_from <= ${today}::date
       ORDER BY e.valid_from DESC LIMIT 1) END`;
  return `fx AS MATERIALIZED (
    SELECT cur.currency, CASE WHEN cur.currency = ${target} THEN 1::numeric ELSE ${rate('cur.currency')} / nullif(t.rate, 0) END AS factor
      FROM (SELECT DISTINCT currency FROM (${currencies}) x) cur
      CROSS JOIN (SELECT ${rate(target)} AS rate) t
  )`;
}
