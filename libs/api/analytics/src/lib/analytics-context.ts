/**
 * Resolves what every analytics request needs in one statement — the company's time zone, base
 * currency and today there, the first rate day of each currency and the first paid-sale day of
 * each currency — and validates the period against it, with 400s that name the field.
 */
import { type CompanyScope, InvalidInputException } from '@crm/api/core';
import { coded, ANALYTICS_DEFAULT_RANGE_DAYS, ANALYTICS_MAX_RANGE_DAYS, type FieldError } from '@crm/shared/contracts';
import { NotFoundException } from '@nestjs/common';
import { addDays, daysBetween } from './calendar';
import { type Conversion, conversionOf } from './indicators/conversion';
import type { CompanyCalendar } from './indicators/indicator-source';
import type { PendingChanges } from './indicators/pending-changes';
import type { SaleFilter } from './indicators/sale-filter';
import type { SqlRunner } from './sql';

export interface AnalyticsCompany extends CompanyCalendar {
  baseCurrency: string;
  /** Today in the company's time zone, `YYYY-MM-DD`. */
  today: string;
}

/** The company, the conversion into the requested currency and the rollups' extent. */
export interface AnalyticsContext {
  company: AnalyticsCompany;
  conversion: Conversion;
  /** First local day with a paid sale, per currency. */
  firstPaidDays: ReadonlyMap<string, string>;
  /** Last day of the buyer grid (null without paid sales). */
  lastBuyerDay: string | null;
  /**
   * Changes committed but not folded yet, which the read applies itself (`loadPending`); absent
   * when there are none or the caller folded first.
   */
  pending?: PendingChanges;
  /**
   * The sales counted, when the caller narrows them (clients, currencies); absent: every sale.
   * Only {@link PlainSource} reads a filtered context (the rollups hold every sale).
   */
  filter?: SaleFilter;
}

/** Loose index scans: one probe per currency, however many rates or days there are. */
const CONTEXT_SQL = `
  SELECT c.time_zone, trim(c.base_currency) AS base_currency, (now() AT TIME ZONE c.time_zone)::date::text AS today,
    (WITH RECURSIVE r AS (
        (SELECT currency, valid_from FROM exchange_rates WHERE company_id = c.id ORDER BY currency, valid_from LIMIT 1)
        UNION ALL
        SELECT n.currency, n.valid_from FROM r CROSS JOIN LATERAL (
          SELECT currency, valid_from FROM exchange_rates
          WHERE company_id = c.id AND currency > r.currency ORDER BY currency, valid_from LIMIT 1) n
      ) SELECT coalesce(json_object_agg(trim(currency), valid_from::text), '{}') FROM r) AS first_rates,
    (WITH RECURSIVE s AS (
        (SELECT currency, day FROM analytics_sales_daily WHERE company_id = c.id AND status = 'paid' ORDER BY currency, day LIMIT 1)
        UNION ALL
        SELECT n.currency, n.day FROM s CROSS JOIN LATERAL (
          SELECT currency, day FROM analytics_sales_daily
          WHERE company_id = c.id AND status = 'paid' AND currency > s.currency ORDER BY currency, day LIMIT 1) n
      ) SELECT coalesce(json_object_agg(trim(currency), day::text), '{}') FROM s) AS first_paid,
    (SELECT max(day)::text FROM analytics_buyer_grid WHERE company_id = c.id) AS last_buyer_day
  FROM companies c WHERE c.id = $1`;

/** The context of `scope`'s company; `sql` runs in a tenant transaction of it. */
export async function loadContext(
  sql: SqlRunner,
  scope: CompanyScope,
  currency: string | undefined,
): Promise<AnalyticsContext> {
  const [row] = await sql<{
    time_zone: string;
    base_currency: string;
    today: string;
    first_rates: Record<string, string>;
    first_paid: Record<string, string>;
    last_buyer_day: string | null;
  }>(CONTEXT_SQL, [scope.companyId]);
  if (!row) throw new NotFoundException(coded('company_not_found', 'Company not found'));
  const company: AnalyticsCompany = {
    scope,
    timeZone: row.time_zone,
    baseCurrency: row.base_currency,
    today: row.today,
  };
  return {
    company,
    conversion: conversionOf(
      scope,
      row.base_currency,
      currency ?? row.base_currency,
      new Map(Object.entries(row.first_rates)),
    ),
    firstPaidDays: new Map(Object.entries(row.first_paid)),
    lastBuyerDay: row.last_buyer_day,
  };
}

export interface Period {
  from: string;
  to: string;
}

/** `from`/`to` with their defaults (the 30 days ending today), checked for order and length. */
export function resolvePeriod(company: AnalyticsCompany, query: { from?: string; to?: string }): Period {
  const to = query.to ?? (query.from && query.from > company.today ? query.from : company.today);
  const from = query.from ?? addDays(to, -(ANALYTICS_DEFAULT_RANGE_DAYS - 1));
  const errors: FieldError[] = [];
  if (from > to) errors.push({ field: 'from', messages: [`from (${from}) must not be after to (${to})`] });
  else if (daysBetween(from, to) > ANALYTICS_MAX_RANGE_DAYS) {
    errors.push({ field: 'to', messages: [`the period must be at most ${ANALYTICS_MAX_RANGE_DAYS} days long`] });
  }
  if (errors.length) throw new InvalidInputException(errors);
  return { from, to };
}

/** Throws the contract's 400 for one field. */
export function invalid(field: string, message: string): never {
  throw new InvalidInputException([{ field, messages: [message] }]);
}
