/** Turns groups of unconverted sales into the warnings a response names them in. */
import { type AnalyticsWarningResponse, formatMoney } from '@crm/shared/contracts';
import { SqlParams, type SqlRunner } from '../sql';
import { type CompanyCalendar, type RollupStatus, rollupStatusSql, type UnconvertedGroup } from './indicator-source';
import { type SaleFilter, saleFilterSql } from './sale-filter';
import { localDayBounds } from './totals-sql';

/** Sales a warning names at most. */
export const WARNING_SALES_LIMIT = 20;

export async function unconvertedWarnings(
  sql: SqlRunner,
  company: CompanyCalendar,
  target: string,
  groups: readonly UnconvertedGroup[],
  statuses: readonly RollupStatus[],
  /** The sales the groups were counted from, when narrowed: the warning names only those. */
  filter?: SaleFilter,
): Promise<AnalyticsWarningResponse[]> {
  const byCurrency = new Map<string, { salesCount: number; amount: bigint; firstDay: string; lastDay: string }>();
  for (const g of groups) {
    // Returns left out take back what they gave back: the amount is the net revenue left out.
    const units = g.status.startsWith('return:') ? -toUnits(g.amount) : toUnits(g.amount);
    const current = byCurrency.get(g.currency);
    if (!current) {
      byCurrency.set(g.currency, { salesCount: g.salesCount, amount: units, firstDay: g.firstDay, lastDay: g.lastDay });
    } else {
      current.salesCount += g.salesCount;
      current.amount += units;
      if (g.firstDay < current.firstDay) current.firstDay = g.firstDay;
      if (g.lastDay > current.lastDay) current.lastDay = g.lastDay;
    }
  }
  const warnings: AnalyticsWarningResponse[] = [];
  for (const [currency, g] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sales = await warningSales(sql, company, currency, g.firstDay, g.lastDay, statuses, filter);
    const days = g.firstDay === g.lastDay ? `on ${g.firstDay}` : `from ${g.firstDay} to ${g.lastDay}`;
    warnings.push({
      code: 'unconverted-sales',
      message: `${g.salesCount} sale(s) in ${currency} ${days} have no exchange rate to ${target} in force and are left out`,
      currency,
      salesCount: g.salesCount,
      amount: formatMoney(fromUnits(g.amount), currency),
      firstDay: g.firstDay,
      lastDay: g.lastDay,
      sales,
    });
  }
  return warnings;
}

/** The first sales a warning names: of `currency` and `statuses` in [firstDay, lastDay], as they are now. */
async function warningSales(
  sql: SqlRunner,
  company: CompanyCalendar,
  currency: string,
  firstDay: string,
  lastDay: string,
  statuses: readonly RollupStatus[],
  filter?: SaleFilter,
): Promise<AnalyticsWarningResponse['sales']> {
  const p = new SqlParams();
  const bounds = localDayBounds(p, firstDay, lastDay, company.timeZone);
  const sales = await sql<{ id: string; external_id: string | null; sold_at: Date; amount: string }>(
    `SELECT id, external_id, sold_at, amount::text AS amount FROM sales
     WHERE company_id = ${p.add(company.scope.companyId)} AND currency = ${p.add(currency)} AND ${rollupStatusSql('sales')} = ANY(${p.add(statuses)}::text[])
       AND sold_at >= ${bounds.lower} AND sold_at < ${bounds.upper}${saleFilterSql(filter, 'sales', p)}
     ORDER BY sold_at, id LIMIT ${WARNING_SALES_LIMIT}`,
    p.values,
  );
  return sales.map((s) => ({
    id: s.id,
    externalId: s.external_id,
    soldAt: new Date(s.sold_at).toISOString(),
    amount: formatMoney(s.amount, currency),
  }));
}

/**
 * The warnings of an answer served again, with the sales they name read afresh: the counts and
 * amounts follow the rollups (unchanged while the answer is), the sales named may have been
 * re-described (external id) since.
 */
export async function refreshWarningSales(
  sql: SqlRunner,
  company: CompanyCalendar,
  warnings: readonly AnalyticsWarningResponse[],
  statuses: readonly RollupStatus[],
): Promise<AnalyticsWarningResponse[]> {
  const fresh: AnalyticsWarningResponse[] = [];
  for (const w of warnings) {
    fresh.push(
      w.code === 'unconverted-sales'
        ? { ...w, sales: await warningSales(sql, company, w.currency, w.firstDay, w.lastDay, statuses) }
        : w,
    );
  }
  return fresh;
}

// Amounts are numeric(19,4) sums: exact in units of 10^-4.
const SCALE = 10_000n;

function toUnits(decimal: string): bigint {
  const [integer, fraction = ''] = decimal.split('.');
  const negative = integer.startsWith('-');
  const units = BigInt(integer.replace('-', '')) * SCALE + BigInt(fraction.slice(0, 4).padEnd(4, '0'));
  return negative ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return `${negative ? '-' : ''}${abs / SCALE}.${String(abs % SCALE).padStart(4, '0')}`;
}
