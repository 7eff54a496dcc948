import type { RfmSegmentName } from '@crm/shared/contracts';
import { minDay } from '../dates';
import { relativeChange } from '../decimal';
import {
  type AnalyticsServices,
  type Cell,
  clientRevenuePoint,
  col,
  type GenerationInput,
  type ReportDraft,
  segmentsPie,
} from './report-draft';
import { resolveSelection, type SalesNarrowing } from './selection';

const TOP = 10;

/**
 * «Общий отчёт по продажам»: KPIs against the previous period, statuses, currencies, top clients
 * and products, buyers, segments. Every figure counts the sales the filters select (see
 * selection.ts), as the analytics endpoints answer for the same `clientIds` and `currencies`; the
 * RFM segments are the whole customer base's.
 */
export async function buildOverview(services: AnalyticsServices, input: GenerationInput): Promise<ReportDraft> {
  const { indicators, insights } = services;
  const { scope, from, to, filters } = input;
  const asOf = minDay(to, input.today);

  await input.progress('summary', 0.1);
  const selection = await resolveSelection(services, input);
  const range = { from, to, currency: input.currency, ...selection.narrowing };
  const summary = await indicators.summary(scope, range);
  const currency = summary.currency;
  await input.progress('by-status', 0.25);
  const byStatus = await indicators.byStatus(scope, range);
  const byCurrency = await currencyRows(services, input, selection.narrowing);
  await input.progress('top-clients', 0.4);
  const topClients = (await indicators.topClients(scope, { ...range, limit: TOP })).items;
  await input.progress('products', 0.6);
  const products = await indicators.products(scope, { ...range, limit: TOP });
  await input.progress('segments', 0.75);
  const segments = await insights.segments(scope, { asOf, currency });

  const change = summary.change;
  const kpis = [
    {
      key: 'revenue',
      kind: 'money' as const,
      value: summary.revenue,
      previous: summary.previous.revenue,
      change: change.revenue,
    },
    {
      key: 'salesCount',
      kind: 'integer' as const,
      value: summary.salesCount,
      previous: summary.previous.salesCount,
      change: change.salesCount,
    },
    {
      key: 'buyers',
      kind: 'integer' as const,
      value: summary.buyers,
      previous: summary.previous.buyers,
      change: change.buyers,
    },
    {
      key: 'newClients',
      kind: 'integer' as const,
      value: summary.newClients,
      previous: summary.previous.newClients,
      change: change.newClients,
    },
    {
      key: 'returningClients',
      kind: 'integer' as const,
      value: summary.returningClients,
      previous: summary.previous.returningClients,
      change: relativeChange(summary.returningClients, summary.previous.returningClients),
    },
    {
      key: 'averageOrderValue',
      kind: 'money' as const,
      value: summary.averageOrderValue,
      previous: summary.previous.averageOrderValue,
      change: change.averageOrderValue,
    },
    {
      key: 'repeatPurchaseRate',
      kind: 'ratio' as const,
      value: summary.repeatPurchaseRate,
      previous: summary.previous.repeatPurchaseRate,
      change: change.repeatPurchaseRate,
    },
    {
      key: 'returnsAmount',
      kind: 'money' as const,
      value: summary.returns.amount,
      previous: summary.previous.returns.amount,
      change: relativeChange(Number(summary.returns.amount), Number(summary.previous.returns.amount)),
    },
  ];
  const statuses = byStatus.items.filter((s) => !filters.statuses?.length || filters.statuses.includes(s.status));
  const segmentRows: Cell[][] = segments.items.map((s) => [s.segment, s.clients, s.revenue, s.clientShare]);
  return {
    summary: {
      currency,
      from,
      to,
      asOf,
      noData: summary.salesCount === 0 && summary.returns.count === 0,
      kpis,
      warnings: summary.warnings,
      ...(selection.summary ? { selection: selection.summary } : {}),
    },
    tables: [
      {
        key: 'by-status',
        columns: [col('status', 'text'), col('salesCount', 'integer'), col('amount', 'money'), col('share', 'ratio')],
        rows: statuses.map((s) => [s.status, s.salesCount, s.amount, s.share]),
      },
      {
        key: 'by-currency',
        columns: [col('currency', 'text'), col('salesCount', 'integer'), col('amount', 'money')],
        rows: byCurrency,
      },
      {
        key: 'top-clients',
        columns: [
          col('rank', 'integer'),
          col('clientId', 'client'),
          col('name', 'text'),
          col('email', 'text'),
          col('revenue', 'money'),
          col('salesCount', 'integer'),
        ],
        rows: topClients.map((c, i) => [i + 1, c.clientId, c.name, c.email, c.revenue, c.salesCount]),
      },
      {
        key: 'top-products',
        columns: [
          col('rank', 'integer'),
          col('sku', 'text'),
          col('name', 'text'),
          col('quantity', 'number'),
          col('revenue', 'money'),
          col('salesCount', 'integer'),
        ],
        rows: products.items.map((p, i) => [i + 1, p.sku, p.name, p.quantity, p.revenue, p.salesCount]),
      },
      {
        key: 'buyers',
        columns: [col('kind', 'text'), col('buyers', 'integer'), col('previous', 'integer')],
        rows: [
          ['new', summary.newClients, summary.previous.newClients],
          ['returning', summary.returningClients, summary.previous.returningClients],
        ],
      },
      {
        key: 'segments',
        columns: [
          col('segment', 'text'),
          col('clients', 'integer'),
          col('revenue', 'money'),
          col('clientShare', 'ratio'),
        ],
        rows: segmentRows,
      },
    ],
    charts: [
      {
        key: 'top-clients',
        kind: 'bar',
        unit: 'money',
        series: [
          {
            key: 'revenue',
            points: topClients.map(clientRevenuePoint),
          },
        ],
      },
      {
        key: 'top-products',
        kind: 'bar',
        unit: 'money',
        series: [{ key: 'revenue', points: products.items.map((p) => ({ x: p.name, y: Number(p.revenue) })) }],
      },
      segmentsPie(segments),
      {
        key: 'by-status',
        kind: 'bar',
        unit: 'count',
        series: [{ key: 'salesCount', points: statuses.map((s) => ({ x: s.status, y: s.salesCount })) }],
      },
    ],
    facts: {
      currency,
      revenue: summary.revenue,
      previousRevenue: summary.previous.revenue,
      revenueChange: change.revenue,
      salesCount: summary.salesCount,
      buyers: summary.buyers,
      newClients: summary.newClients,
      returningClients: summary.returningClients,
      averageOrderValue: summary.averageOrderValue,
      averageOrderValueChange: change.averageOrderValue,
      repeatPurchaseRate: summary.repeatPurchaseRate,
      topClient: topClients[0] ?? null,
      topClientShare:
        topClients[0] && Number(summary.revenue) > 0
          ? Math.round((Number(topClients[0].revenue) / Number(summary.revenue)) * 10_000) / 10_000
          : null,
      topProduct: products.items[0] ?? null,
      largestSegment: [...segments.items].sort((a, b) => b.clients - a.clients)[0] as
        { segment: RfmSegmentName; clients: number; clientShare: number } | undefined,
      returns: summary.returns,
    },
  };
}

/**
 * The by-currency rows: per currency of the company's paid sales (the selected ones only), the
 * selected paid sales in it and their revenue net of paid returns in that currency — the paid row
 * of `analytics/by-status` for `currency` = `currencies` = that currency. Currencies without sales
 * or returns in the period are left out.
 */
async function currencyRows(
  services: AnalyticsServices,
  input: GenerationInput,
  narrowing: SalesNarrowing,
): Promise<Cell[][]> {
  const { indicators } = services;
  const known = await indicators.read(input.scope, undefined, async (ctx) => [...ctx.firstPaidDays.keys()].sort());
  const rows: Cell[][] = [];
  for (const code of known) {
    if (narrowing.currencies && !narrowing.currencies.includes(code)) continue;
    const answer = await indicators.byStatus(input.scope, {
      from: input.from,
      to: input.to,
      currency: code,
      clientIds: narrowing.clientIds,
      currencies: [code],
    });
    const paid = answer.items.find((i) => i.status === 'paid');
    if (paid && (paid.salesCount > 0 || Number(paid.amount) !== 0)) rows.push([code, paid.salesCount, paid.amount]);
  }
  return rows;
}
