import { Injectable } from '@nestjs/common';
import { CustomerInsightsService } from '@crm/api/analytics';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import type {
  AssistantLocale,
  AssistantRecommendationResponse,
  AssistantRecommendationsResponse,
} from '@crm/shared/contracts';
import { formatDate, formatNumber, formatPercent } from './format';
import { segmentName } from './planner';

/** High-value clients who stopped buying, most purchases first. */
const WIN_BACK = ['cannot_lose', 'at_risk', 'hibernating'];
/** Regular buyers whose next purchase may be due. */
const REGULAR = ['champions', 'loyal', 'potential_loyalists'];
const DAY = 86_400_000;

/**
 * The assistant's top three recommendations for today, from the customer models: the most valuable
 * client at risk of leaving to win back, a regular client whose next purchase is due by their own
 * rhythm, and a product to offer from the co-purchase rules. Each names its client and the numbers
 * behind it; fewer than three when the data has no more.
 */
@Injectable()
export class DailyRecommendationsService {
  constructor(
    private readonly insights: CustomerInsightsService,
    private readonly tenantDb: TenantDatabase,
  ) {}

  async today(scope: CompanyScope, locale: AssistantLocale): Promise<AssistantRecommendationsResponse> {
    const T = (ru: string, en: string) => (locale === 'ru' ? ru : en);
    const [risk, regular] = await Promise.all([
      this.insights.clientsInSegments(scope, WIN_BACK, 5),
      this.insights.clientsInSegments(scope, REGULAR, 50),
    ]);
    const asOf = risk.asOf ?? regular.asOf ?? null;
    const items: (Omit<AssistantRecommendationResponse, 'clientName'> & { clientName?: string | null })[] = [];
    const used = new Set<string>();
    const history = (purchases: number, last: string) =>
      T(
        `${formatNumber(purchases, locale)} покуп., последняя ${formatDate(last, locale)}`,
        `${formatNumber(purchases, locale)} purchases, the last on ${formatDate(last, locale)}`,
      );

    const lost = risk.items[0];
    if (lost) {
      const o = await this.insights.outlook(scope, lost.clientId, {});
      const pAlive =
        o.pAlive === null
          ? ''
          : T(
              `, вероятность, что ещё активен, ${formatPercent(o.pAlive, locale)}`,
              `, probability of still being active ${formatPercent(o.pAlive, locale)}`,
            );
      items.push({
        title: T('Вернуть ценного клиента', 'Win back a valuable client'),
        reason: T(
          `${history(lost.purchases, lost.lastPurchase)}${pAlive}, сегмент «${segmentName(lost.segment, locale)}»: позвоните с поводом вернуться.`,
          `${history(lost.purchases, lost.lastPurchase)}${pAlive}, segment "${segmentName(lost.segment, locale)}": call with a reason to come back.`,
        ),
        action: 'win_back',
        clientId: lost.clientId,
        numbers: {
          purchases: lost.purchases,
          lastPurchase: lost.lastPurchase,
          pAlive: o.pAlive === null ? null : round(o.pAlive),
          segment: lost.segment,
        },
      });
      used.add(lost.clientId);
    }

    // Due: the days since the last purchase reached the client's own average interval between purchases.
    const due = regular.items
      .filter((c) => c.purchases >= 2 && !used.has(c.clientId))
      .map((c) => {
        const interval = (Date.parse(c.lastPurchase) - Date.parse(c.firstPurchase)) / DAY / (c.purchases - 1);
        const since = Math.round((Date.parse(regular.asOf) - Date.parse(c.lastPurchase)) / DAY);
        return { ...c, interval: Math.max(1, Math.round(interval)), since };
      })
      .filter((c) => c.since >= c.interval)
      .sort((a, b) => b.purchases - a.purchases || b.since / b.interval - a.since / a.interval)[0];
    if (due) {
      items.push({
        title: T('Пора повторной покупки', 'A repeat purchase is due'),
        reason: T(
          `${history(due.purchases, due.lastPurchase)}: обычно покупает раз в ${formatNumber(due.interval, locale)} дн., а прошло ${formatNumber(due.since, locale)} дн.`,
          `${history(due.purchases, due.lastPurchase)}: usually buys every ${formatNumber(due.interval, locale)} days, and ${formatNumber(due.since, locale)} days have passed.`,
        ),
        action: 'follow_up',
        clientId: due.clientId,
        numbers: {
          purchases: due.purchases,
          lastPurchase: due.lastPurchase,
          intervalDays: due.interval,
          daysSinceLastPurchase: due.since,
        },
      });
      used.add(due.clientId);
    }

    // A product to offer: the strongest co-purchase rule among the regular clients not named yet.
    let best: {
      clientId: string;
      r: Awaited<ReturnType<CustomerInsightsService['outlook']>>['recommendedProducts'][number];
    } | null = null;
    for (const c of regular.items.filter((x) => !used.has(x.clientId)).slice(0, 5)) {
      const o = await this.insights.outlook(scope, c.clientId, {});
      const r = o.recommendedProducts[0];
      if (r && (!best || r.confidence * r.lift > best.r.confidence * best.r.lift)) best = { clientId: c.clientId, r };
    }
    if (best) {
      const { r } = best;
      items.push({
        title: T(`Предложить: ${r.name}`, `Offer: ${r.name}`),
        reason: T(
          `${formatPercent(r.confidence, locale)} покупателей «${r.rule.antecedentNames.join('» и «')}» берут и этот товар (лифт ${formatNumber(r.lift, locale, 1)}); клиент их уже покупал.`,
          `${formatPercent(r.confidence, locale)} of buyers of "${r.rule.antecedentNames.join('" and "')}" also buy it (lift ${formatNumber(r.lift, locale, 1)}); the client bought those.`,
        ),
        action: 'offer_product',
        clientId: best.clientId,
        numbers: { confidence: round(r.confidence), lift: round(r.lift) },
        product: r.product,
      });
    }

    const names = await this.names(
      scope,
      items.map((i) => i.clientId),
    );
    return {
      asOf,
      locale,
      items: items.map((i) => ({ ...i, clientName: names.get(i.clientId) ?? null })),
    };
  }

  private async names(scope: CompanyScope, ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string | null; email: string | null }[] = await this.tenantDb.run(scope, (m) =>
      m.query(`SELECT id, name, email FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])`, [
        scope.companyId,
        ids,
      ]),
    );
    return new Map(rows.map((r) => [r.id, r.name ?? r.email]));
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
