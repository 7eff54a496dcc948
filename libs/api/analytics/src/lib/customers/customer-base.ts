/**
 * The customer base of a company as of a day: one row per client with counted purchases (paid,
 * convertible, on or before `asOf`), built by one SQL statement that groups the client-day rollup
 * per client and day and then per client. From it come the BG/NBD + Gamma-Gamma calibration
 * summary (purchases are distinct purchase days, time in days) and the RFM inputs.
 */
import {
  type CalibrationSummary,
  type CustomerCalibration,
  type RfmInput,
  type RfmScore,
  RFM_RECENCY_CEILINGS,
  scoreRfm,
} from '@crm/api/analytics-models';
import type { AnalyticsContext } from '../analytics-context';
import { dayNumber } from '../calendar';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import { fxCte, rateColumns } from '../indicators/conversion';

/** One client's purchases up to `asOf`. */
export interface CustomerRow {
  clientId: string;
  /** Distinct purchase days. */
  days: number;
  /** Counted sales. */
  sales: number;
  firstDay: string;
  lastDay: string;
  /** Exact total in the requested currency (decimal text, unrounded). */
  total: string;
  /** Value of the first purchase day. */
  firstDayValue: number;
}

export interface CustomerBase {
  asOf: string;
  currency: string;
  rows: CustomerRow[];
  calibration: CalibrationSummary;
  scores: RfmScore[];
  /** Index of each client in `rows`, `calibration.customers` and `scores`. */
  indexOf: Map<string, number>;
}

/** Reads one row per client with counted purchases of `ctx`'s company, in `ctx`'s currency, up to `asOf`. */
export async function loadCustomerRows(sql: SqlRunner, ctx: AnalyticsContext, asOf: string): Promise<CustomerRow[]> {
  const p = new SqlParams();
  const id = p.add(ctx.company.scope.companyId);
  const until = p.add(asOf);
  const fx = fxCte(
    ctx.conversion,
    '1900-01-01',
    asOf,
    p,
    `SELECT DISTINCT currency, day FROM analytics_sales_daily
     WHERE company_id = ${id} AND status IN ('paid', 'return:paid') AND day <= ${until}::date`,
  );
  const rate = rateColumns(ctx.conversion, 'r', p);
  const rows = await withoutNestedLoops<{
    client_id: string;
    days: string;
    sales: string;
    first_day: string;
    last_day: string;
    total: string;
    first_value: number;
  }>(
    sql,
    `WITH ${fx},
     d AS (
       SELECT r.client_id, r.day, sum(r.sales) AS sales, sum(round(r.amount * ${rate.rc}, 24) / ${rate.rt}) AS value
       FROM analytics_client_daily r ${rate.joins}
       WHERE r.company_id = ${id} AND r.day <= ${until}::date AND ${rate.rc} IS NOT NULL AND ${rate.rt} IS NOT NULL
       GROUP BY r.client_id, r.day
     ),
     -- Paid returns up to asOf: the client's total is net of them (purchase days are not).
     ret AS (
       SELECT r.client_id, sum(round(r.amount * ${rate.rc}, 24) / ${rate.rt}) AS value
       FROM analytics_client_returns r ${rate.joins}
       WHERE r.company_id = ${id} AND r.day <= ${until}::date AND ${rate.rc} IS NOT NULL AND ${rate.rt} IS NOT NULL
       GROUP BY r.client_id
     )
     SELECT d.client_id, count(*) AS days, sum(d.sales) AS sales, min(d.day)::text AS first_day, max(d.day)::text AS last_day,
            (sum(d.value) - coalesce(min(ret.value), 0))::text AS total,
            ((array_agg(d.value ORDER BY d.day))[1])::float8 AS first_value
     FROM d LEFT JOIN ret ON ret.client_id = d.client_id GROUP BY d.client_id ORDER BY d.client_id`,
    p.values,
  );
  return rows.map((r) => ({
    clientId: r.client_id,
    days: count(r.days),
    sales: count(r.sales),
    firstDay: r.first_day,
    lastDay: r.last_day,
    total: r.total,
    firstDayValue: Number(r.first_value),
  }));
}

/** The calibration summary (time in days) and RFM scores of the customer rows (CPU only). */
export function buildCustomerBase(customerRows: CustomerRow[], asOf: string, currency: string): CustomerBase {
  const end = dayNumber(asOf);
  const customers: CustomerCalibration[] = customerRows.map((r) => {
    const x = r.days - 1;
    const total = Number(r.total);
    return {
      customerId: r.clientId,
      x,
      tx: dayNumber(r.lastDay) - dayNumber(r.firstDay),
      T: end - dayNumber(r.firstDay),
      averageRepeatValue: x > 0 ? (total - r.firstDayValue) / x : 0,
      totalValue: total,
      firstPurchaseDate: r.firstDay,
      lastPurchaseDate: r.lastDay,
    };
  });
  const inputs: RfmInput[] = customerRows.map((r) => ({
    clientId: r.clientId,
    recencyDays: end - dayNumber(r.lastDay),
    frequency: r.sales,
    monetary: Number(r.total),
  }));
  return {
    asOf,
    currency,
    rows: customerRows,
    calibration: { timeUnit: 'days', calibrationEnd: asOf, customers },
    scores: scoreRfm(inputs, RFM_RECENCY_CEILINGS),
    indexOf: new Map(customerRows.map((r, i) => [r.clientId, i])),
  };
}
