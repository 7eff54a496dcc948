import { Injectable } from '@nestjs/common';
import { CustomerInsightsService } from '@crm/api/analytics';
import { ClientsService } from '@crm/api/clients';
import type { CompanyScope } from '@crm/api/core';
import type {
  AssistantLocale,
  ClientRecommendationResponse,
  ClientRecommendationsResponse,
} from '@crm/shared/contracts';
import { formatDate, formatMoney, formatNumber, formatPercent } from './format';
import { segmentName } from './planner';

const WIN_BACK = new Set(['at_risk', 'cannot_lose', 'hibernating', 'lost']);
const NURTURE = new Set(['new', 'potential_loyalists']);
const KEEP = new Set(['champions', 'loyal']);

/**
 * What to do with a client and why: from the customer models' outlook (probability of being active,
 * expected value, RFM segment), the co-purchase rules and the purchase history. Every item states
 * the numbers it rests on.
 */
@Injectable()
export class ClientRecommendationsService {
  constructor(
    private readonly clients: ClientsService,
    private readonly insights: CustomerInsightsService,
  ) {}

  async forClient(
    scope: CompanyScope,
    clientId: string,
    locale: AssistantLocale,
  ): Promise<ClientRecommendationsResponse> {
    const client = await this.clients.get(scope, clientId);
    const o = await this.insights.outlook(scope, clientId, {});
    const T = (ru: string, en: string) => (locale === 'ru' ? ru : en);
    const items: ClientRecommendationResponse[] = [];
    const name = client.name ?? client.email ?? T('клиент', 'the client');
    if (o.purchases === 0 || !o.lastPurchase) {
      items.push({
        title: T('Довести до первой покупки', 'Lead to a first purchase'),
        reason: T(
          `У клиента ${name} ещё нет оплаченных покупок: предложите популярный товар или персональное условие.`,
          `${name} has no paid purchase yet: offer a popular product or a personal deal.`,
        ),
        action: 'first_purchase',
        numbers: { purchases: 0 },
      });
    } else {
      const daysSince = Math.round((Date.parse(o.asOf) - Date.parse(o.lastPurchase)) / 86_400_000);
      const segment = o.segment ?? null;
      const numbers = {
        purchases: o.purchases,
        lastPurchase: o.lastPurchase,
        daysSinceLastPurchase: daysSince,
        pAlive: o.pAlive === null ? null : round(o.pAlive),
        expectedPurchases90d: o.expectedPurchases90d === null ? null : round(o.expectedPurchases90d),
        expectedValue90d: o.expectedValue90d,
        segment,
      };
      const pAlive =
        o.pAlive === null
          ? ''
          : T(
              `, вероятность, что клиент активен, ${formatPercent(o.pAlive, locale)}`,
              `, probability of being active ${formatPercent(o.pAlive, locale)}`,
            );
      const seg = segment
        ? T(`, сегмент «${segmentName(segment, locale)}»`, `, segment "${segmentName(segment, locale)}"`)
        : '';
      const history = T(
        `${formatNumber(o.purchases, locale)} покуп., последняя ${formatDate(o.lastPurchase, locale)} (${formatNumber(daysSince, locale)} дн. назад)`,
        `${formatNumber(o.purchases, locale)} purchases, the last on ${formatDate(o.lastPurchase, locale)} (${formatNumber(daysSince, locale)} days ago)`,
      );
      if ((segment && WIN_BACK.has(segment)) || (o.pAlive !== null && o.pAlive < 0.5)) {
        items.push({
          title: T('Вернуть клиента', 'Win the client back'),
          reason: T(
            `${history}${pAlive}${seg}: позвоните или напишите с поводом вернуться.`,
            `${history}${pAlive}${seg}: call or write with a reason to come back.`,
          ),
          action: 'win_back',
          numbers,
        });
      } else if (segment && KEEP.has(segment)) {
        const value = o.expectedValue90d
          ? T(
              `, ожидаемая выручка за 90 дней ${formatMoney(o.expectedValue90d, o.currency, locale)}`,
              `, expected revenue over 90 days ${formatMoney(o.expectedValue90d, o.currency, locale)}`,
            )
          : '';
        items.push({
          title: T('Поблагодарить и удержать', 'Thank and retain'),
          reason: T(
            `${history}${seg}${value}: персональное предложение или программа лояльности.`,
            `${history}${seg}${value}: a personal offer or a loyalty perk.`,
          ),
          action: 'retain',
          numbers,
        });
      } else if (segment && NURTURE.has(segment)) {
        items.push({
          title: T('Закрепить следующую покупку', 'Secure the next purchase'),
          reason: T(
            `${history}${pAlive}${seg}: напомните о себе, пока интерес свежий.`,
            `${history}${pAlive}${seg}: follow up while the interest is fresh.`,
          ),
          action: 'follow_up',
          numbers,
        });
      } else {
        items.push({
          title: T('Поддерживать контакт', 'Keep in touch'),
          reason: T(`${history}${pAlive}${seg}.`, `${history}${pAlive}${seg}.`),
          action: 'follow_up',
          numbers,
        });
      }
    }
    for (const r of o.recommendedProducts.slice(0, 3)) {
      items.push({
        title: T(`Предложить: ${r.name}`, `Offer: ${r.name}`),
        reason: T(
          `${formatPercent(r.confidence, locale)} покупателей «${r.rule.antecedentNames.join('» и «')}» берут и этот товар (лифт ${formatNumber(r.lift, locale, 1)}); клиент их уже покупал.`,
          `${formatPercent(r.confidence, locale)} of buyers of "${r.rule.antecedentNames.join('" and "')}" also buy it (lift ${formatNumber(r.lift, locale, 1)}); the client bought those.`,
        ),
        action: 'offer_product',
        numbers: { confidence: round(r.confidence), lift: round(r.lift), support: round(r.rule.support) },
        product: r.product,
      });
    }
    return { clientId: client.id, locale, items };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
