import type { ClientOutlookResponse, RfmSegmentName, TopClientResponse } from '@crm/shared/contracts';
import { addDays, addYears, daysInclusive, minDay } from '../dates';
import { digitsOf, sumMoney } from '../decimal';
import {
  type AnalyticsServices,
  type Cell,
  clientRevenuePoint,
  col,
  type GenerationInput,
  type ReportDraft,
  segmentsPie,
} from './report-draft';
import { resolveSelection } from './selection';

/**
 * Clients looked at: the most valuable of the last two years (the analytics' largest top-clients
 * answer), so a client who stopped buying a year ago still counts as valuable.
 */
export const CANDIDATES = 100;
/** Below this probability of being active a valuable client is at risk. */
export const AT_RISK_P_ALIVE = 0.5;
/** Years of revenue that make a client valuable. */
export const VALUE_YEARS = 2;
const RISK_SEGMENTS: readonly RfmSegmentName[] = ['at_risk', 'cannot_lose', 'hibernating'];
const SEGMENT_ACTIONS: Partial<Record<RfmSegmentName, string>> = {
  cannot_lose: 'win-back',
  at_risk: 'retain',
  hibernating: 'reactivate',
  potential_loyalists: 'develop',
  new: 'onboard',
  champions: 'reward',
};
const OFFERS_PER_CLIENT = 2;
const MAX_OFFERS = 50;

/**
 * «Рекомендации к продажам»: valuable clients at risk (customer outlook), what to offer whom
 * (co-purchase rules), segments to work on, clients whose purchases dropped against their own
 * previous period. Each row says why, with the numbers behind it. Clients and revenues are those
 * of the sales the filters select (selection.ts); the segments to work on are the customer base's.
 */
export async function buildRecommendations(services: AnalyticsServices, input: GenerationInput): Promise<ReportDraft> {
  const { indicators, insights } = services;
  const { scope, from, to } = input;
  const asOf = minDay(to, input.today);
  await input.progress('candidates', 0.05);
  const selection = await resolveSelection(services, input);
  const narrowing = selection.narrowing;
  const yearRange = {
    from: addDays(addYears(asOf, -VALUE_YEARS), 1),
    to: asOf,
    currency: input.currency,
    ...narrowing,
  };
  const valuable = await indicators.topClients(scope, { ...yearRange, limit: CANDIDATES });
  const currency = valuable.currency;

  const outlooks = new Map<string, ClientOutlookResponse>();
  let done = 0;
  for (const client of valuable.items) {
    outlooks.set(client.clientId, await insights.outlook(scope, client.clientId, { asOf, currency }));
    done++;
    if (done % 10 === 0) await input.progress('customers', 0.1 + 0.5 * (done / Math.max(1, valuable.items.length)));
  }
  const candidates = valuable.items;

  const atRisk = candidates
    .map((c) => ({ client: c, outlook: outlooks.get(c.clientId) as ClientOutlookResponse }))
    .filter(
      ({ outlook }) =>
        (outlook.pAlive !== null && outlook.pAlive < AT_RISK_P_ALIVE) ||
        (outlook.segment !== null && RISK_SEGMENTS.includes(outlook.segment)),
    );
  const offers: { client: TopClientResponse; outlook: ClientOutlookResponse; rank: number }[] = [];
  for (const c of candidates) {
    const outlook = outlooks.get(c.clientId) as ClientOutlookResponse;
    outlook.recommendedProducts
      .slice(0, OFFERS_PER_CLIENT)
      .forEach((_, rank) => offers.push({ client: c, outlook, rank }));
    if (offers.length >= MAX_OFFERS) break;
  }

  await input.progress('segments', 0.65);
  const segments = await insights.segments(scope, { asOf, currency });
  const toWork = segments.items.filter((s) => SEGMENT_ACTIONS[s.segment] && s.clients > 0);

  await input.progress('dropped', 0.75);
  const days = daysInclusive(from, to);
  const previousRange = { from: addDays(from, -days), to: addDays(from, -1), currency: input.currency, ...narrowing };
  const current = await indicators.topClients(scope, {
    from,
    to,
    currency: input.currency,
    ...narrowing,
    limit: CANDIDATES,
  });
  const previous = await indicators.topClients(scope, { ...previousRange, limit: CANDIDATES });
  const currentById = new Map(current.items.map((c) => [c.clientId, c]));
  const dropped = previous.items
    .map((p) => ({ previous: p, current: currentById.get(p.clientId) ?? null }))
    .filter(({ previous: p, current: c }) => c === null || Number(c.revenue) < Number(p.revenue) / 2);
  const digits = digitsOf(valuable.items[0]?.revenue ?? '0.00');
  const valueAtRisk = sumMoney(
    atRisk.map((r) => r.client.revenue),
    digits,
  );
  const reasonOf = (o: ClientOutlookResponse) =>
    o.pAlive !== null && o.pAlive < AT_RISK_P_ALIVE ? 'low-activity-probability' : 'risk-segment';

  return {
    summary: {
      currency,
      from,
      to,
      asOf,
      noData: valuable.items.length === 0,
      kpis: [
        { key: 'clientsAtRisk', kind: 'integer', value: atRisk.length, previous: null, change: null },
        { key: 'valueAtRisk', kind: 'money', value: valueAtRisk, previous: null, change: null },
        { key: 'offers', kind: 'integer', value: offers.length, previous: null, change: null },
        { key: 'droppedClients', kind: 'integer', value: dropped.length, previous: null, change: null },
      ],
      warnings: valuable.warnings,
      ...(selection.summary ? { selection: selection.summary } : {}),
    },
    tables: [
      {
        key: 'clients-at-risk',
        columns: [
          col('clientId', 'client'),
          col('name', 'text'),
          col('segment', 'text'),
          col('pAlive', 'ratio'),
          col('expectedValue90d', 'money'),
          col('revenue', 'money'),
          col('lastPurchase', 'date'),
          col('reason', 'text'),
        ],
        rows: atRisk.map(({ client, outlook }): Cell[] => [
          client.clientId,
          client.name ?? client.email,
          outlook.segment,
          outlook.pAlive === null ? null : Math.round(outlook.pAlive * 10_000) / 10_000,
          outlook.expectedValue90d,
          client.revenue,
          outlook.lastPurchase,
          reasonOf(outlook),
        ]),
      },
      {
        key: 'offers',
        columns: [
          col('clientId', 'client'),
          col('name', 'text'),
          col('product', 'text'),
          col('productName', 'text'),
          col('because', 'text'),
          col('confidence', 'ratio'),
          col('lift', 'number'),
        ],
        rows: offers.map(({ client, outlook, rank }): Cell[] => {
          const p = outlook.recommendedProducts[rank];
          return [
            client.clientId,
            client.name ?? client.email,
            p.product,
            p.name,
            p.rule.antecedentNames.join(' + '),
            Math.round(p.confidence * 10_000) / 10_000,
            Math.round(p.lift * 100) / 100,
          ];
        }),
      },
      {
        key: 'segments-to-work',
        columns: [
          col('segment', 'text'),
          col('clients', 'integer'),
          col('revenue', 'money'),
          col('clientShare', 'ratio'),
          col('action', 'text'),
        ],
        rows: toWork.map((s): Cell[] => [
          s.segment,
          s.clients,
          s.revenue,
          s.clientShare,
          SEGMENT_ACTIONS[s.segment] ?? null,
        ]),
      },
      {
        key: 'dropped-clients',
        columns: [
          col('clientId', 'client'),
          col('name', 'text'),
          col('previousRevenue', 'money'),
          col('currentRevenue', 'money'),
          col('change', 'ratio'),
          col('reason', 'text'),
        ],
        rows: dropped.map(({ previous: p, current: c }): Cell[] => [
          p.clientId,
          p.name ?? p.email,
          p.revenue,
          c?.revenue ?? null,
          c ? Math.round((Number(c.revenue) / Number(p.revenue) - 1) * 10_000) / 10_000 : null,
          c ? 'fell' : 'not-in-top',
        ]),
      },
    ],
    charts: [
      {
        key: 'clients-at-risk',
        kind: 'bar',
        unit: 'money',
        series: [
          {
            key: 'revenue',
            points: atRisk.slice(0, 10).map(({ client }) => clientRevenuePoint(client)),
          },
        ],
      },
      segmentsPie(segments),
    ],
    facts: {
      currency,
      candidates: valuable.items.length,
      atRisk: atRisk.slice(0, 3).map(({ client, outlook }) => ({
        clientId: client.clientId,
        name: client.name ?? client.email ?? client.clientId,
        revenue: client.revenue,
        pAlive: outlook.pAlive,
        segment: outlook.segment,
      })),
      atRiskCount: atRisk.length,
      valueAtRisk,
      offers: offers.slice(0, 3).map(({ client, outlook, rank }) => ({
        clientId: client.clientId,
        name: client.name ?? client.email ?? client.clientId,
        product: outlook.recommendedProducts[rank].name,
        because: outlook.recommendedProducts[rank].rule.antecedentNames.join(' + '),
        confidence: outlook.recommendedProducts[rank].confidence,
        lift: outlook.recommendedProducts[rank].lift,
      })),
      segmentsToWork: toWork.map((s) => ({
        segment: s.segment,
        clients: s.clients,
        revenue: s.revenue,
        action: SEGMENT_ACTIONS[s.segment],
      })),
      droppedCount: dropped.length,
      dropped: dropped.slice(0, 3).map(({ previous: p, current: c }) => ({
        clientId: p.clientId,
        name: p.name ?? p.email ?? p.clientId,
        previousRevenue: p.revenue,
        currentRevenue: c?.revenue ?? null,
      })),
    },
  };
}
