/** The rules narration of the three sales report types (overview, trends, recommendations). */
import { monthName, type ReportInsightResponse } from '@crm/shared/contracts';
import { label, VALUE_LABELS } from '../labels';
import { formatMoney, formatNumber, formatPercent } from './format';
import type { Facts } from './report-draft';

type Insight = ReportInsightResponse;
/** A change smaller than this is "about the same". */
const FLAT = 0.02;

const pct = (v: number, lang: 'ru' | 'en') => formatPercent(Math.abs(v), lang);

function revenueChange(
  f: Facts,
  comparedRu: string,
  comparedEn: string,
  key: string,
  base: unknown,
  change: unknown,
): Insight | null {
  const currency = f['currency'] as string;
  if (typeof change !== 'number') return null;
  const revenue = f['revenue'] as string;
  const money = (v: unknown, lang: 'ru' | 'en') => formatMoney(v as string, currency, lang);
  if (Math.abs(change) < FLAT) {
    return {
      code: `${key}-flat`,
      tone: 'neutral',
      text: `Выручка почти не изменилась ${comparedRu}: ${money(revenue, 'ru')} против ${money(base, 'ru')}.`,
      textEn: `Revenue hardly changed ${comparedEn}: ${money(revenue, 'en')} against ${money(base, 'en')}.`,
      figures: { revenue, base: base as string, change },
    };
  }
  const up = change > 0;
  return {
    code: `${key}-${up ? 'up' : 'down'}`,
    tone: up ? 'positive' : 'negative',
    text: `Выручка ${up ? 'выросла' : 'снизилась'} на ${pct(change, 'ru')} ${comparedRu}: ${money(revenue, 'ru')} против ${money(base, 'ru')}.`,
    textEn: `Revenue ${up ? 'rose' : 'fell'} ${pct(change, 'en')} ${comparedEn}: ${money(revenue, 'en')} against ${money(base, 'en')}.`,
    figures: { revenue, base: base as string, change },
  };
}

export function overviewInsights(f: Facts): Insight[] {
  const currency = f['currency'] as string;
  const out: Insight[] = [];
  const change = revenueChange(
    f,
    'к предыдущему периоду',
    'on the previous period',
    'revenue',
    f['previousRevenue'],
    f['revenueChange'],
  );
  if (change) out.push(change);
  const aov = f['averageOrderValue'] as string | null;
  const aovChange = f['averageOrderValueChange'] as number | null;
  if (aov !== null && aovChange !== null && Math.abs(aovChange) >= FLAT) {
    const up = aovChange > 0;
    out.push({
      code: up ? 'aov-up' : 'aov-down',
      tone: up ? 'positive' : 'negative',
      text: `Средний чек ${up ? 'вырос' : 'снизился'} на ${pct(aovChange, 'ru')} и составил ${formatMoney(aov, currency, 'ru')}.`,
      textEn: `The average order value ${up ? 'rose' : 'fell'} ${pct(aovChange, 'en')} to ${formatMoney(aov, currency, 'en')}.`,
      figures: { averageOrderValue: aov, change: aovChange },
    });
  }
  const buyers = f['buyers'] as number;
  const newClients = f['newClients'] as number;
  if (buyers > 0) {
    const share = Math.round((newClients / buyers) * 10_000) / 10_000;
    out.push({
      code: 'new-buyers-share',
      tone: 'neutral',
      text: `Из ${formatNumber(buyers, 'ru')} покупателей ${formatNumber(newClients, 'ru')} купили впервые (${formatPercent(share, 'ru')}).`,
      textEn: `Of ${formatNumber(buyers, 'en')} buyers, ${formatNumber(newClients, 'en')} bought for the first time (${formatPercent(share, 'en')}).`,
      figures: { buyers, newClients, share },
    });
  }
  const top = f['topClient'] as { clientId: string; name: string | null; email: string | null; revenue: string } | null;
  const topShare = f['topClientShare'] as number | null;
  if (top && topShare !== null) {
    const name = top.name ?? top.email ?? top.clientId;
    const concentrated = topShare >= 0.2;
    out.push({
      code: concentrated ? 'top-client-concentration' : 'top-client',
      tone: concentrated ? 'negative' : 'neutral',
      text: `Крупнейший клиент — ${name}: ${formatMoney(top.revenue, currency, 'ru')}, ${formatPercent(topShare, 'ru')} выручки${concentrated ? '; выручка сильно зависит от одного клиента' : ''}.`,
      textEn: `The largest client is ${name}: ${formatMoney(top.revenue, currency, 'en')}, ${formatPercent(topShare, 'en')} of revenue${concentrated ? '; revenue depends heavily on one client' : ''}.`,
      figures: { revenue: top.revenue, share: topShare },
      clientId: top.clientId,
    });
  }
  const product = f['topProduct'] as { name: string; revenue: string } | null;
  if (product) {
    out.push({
      code: 'top-product',
      tone: 'neutral',
      text: `Самый продаваемый товар — «${product.name}»: ${formatMoney(product.revenue, currency, 'ru')}.`,
      textEn: `The best-selling product is “${product.name}”: ${formatMoney(product.revenue, currency, 'en')}.`,
      figures: { revenue: product.revenue },
    });
  }
  const segment = f['largestSegment'] as { segment: string; clients: number; clientShare: number } | undefined;
  if (segment && segment.clients > 0) {
    out.push({
      code: 'largest-segment',
      tone: ['at_risk', 'cannot_lose', 'hibernating', 'lost'].includes(segment.segment) ? 'negative' : 'neutral',
      text: `Самый многочисленный сегмент — «${label(VALUE_LABELS, segment.segment, 'ru')}»: клиентов ${formatNumber(segment.clients, 'ru')} (${formatPercent(segment.clientShare, 'ru')}).`,
      textEn: `The largest segment is “${label(VALUE_LABELS, segment.segment, 'en')}”: ${formatNumber(segment.clients, 'en')} clients (${formatPercent(segment.clientShare, 'en')}).`,
      figures: { clients: segment.clients, share: segment.clientShare },
    });
  }
  return out;
}

export function trendsInsights(f: Facts): Insight[] {
  const currency = f['currency'] as string;
  const out: Insight[] = [];
  const previous = revenueChange(
    f,
    'к предыдущему периоду',
    'on the previous period',
    'revenue',
    f['previousRevenue'],
    f['revenueChange'],
  );
  if (previous) out.push(previous);
  const yearAgo = revenueChange(
    f,
    'к тому же периоду год назад',
    'on the same period a year before',
    'year',
    f['yearAgoRevenue'],
    f['yearChange'],
  );
  if (yearAgo) out.push(yearAgo);
  const best = f['best'] as { period: string; revenue: string } | null;
  const worst = f['worst'] as { period: string; revenue: string } | null;
  if (best && worst && best.period !== worst.period) {
    out.push({
      code: 'best-worst',
      tone: 'neutral',
      text: `Лучший период — ${best.period} (${formatMoney(best.revenue, currency, 'ru')}), худший — ${worst.period} (${formatMoney(worst.revenue, currency, 'ru')}).`,
      textEn: `The best period was ${best.period} (${formatMoney(best.revenue, currency, 'en')}), the worst ${worst.period} (${formatMoney(worst.revenue, currency, 'en')}).`,
      figures: { best: best.revenue, worst: worst.revenue },
    });
  }
  const next = f['forecastNext'] as { period: string; revenue: string; lower80: string; upper80: string } | null;
  if (next) {
    out.push({
      code: 'forecast-next',
      tone: 'neutral',
      text: `Прогноз на период с ${next.period}: ${formatMoney(next.revenue, currency, 'ru')}, с вероятностью 80% — от ${formatMoney(next.lower80, currency, 'ru')} до ${formatMoney(next.upper80, currency, 'ru')}.`,
      textEn: `The forecast for the period from ${next.period}: ${formatMoney(next.revenue, currency, 'en')}, with 80% probability between ${formatMoney(next.lower80, currency, 'en')} and ${formatMoney(next.upper80, currency, 'en')}.`,
      figures: { revenue: next.revenue, lower80: next.lower80, upper80: next.upper80 },
    });
  }
  const seasonality = f['seasonality'] as { peak: (string | number | null)[]; low: (string | number | null)[] } | null;
  const months = f['historyMonths'] as number;
  if (seasonality) {
    const [peakMonth, , peakIndex] = seasonality.peak as [number, string, number];
    const [lowMonth, , lowIndex] = seasonality.low as [number, string, number];
    out.push({
      code: 'seasonality',
      tone: 'neutral',
      text: `Сезонность: сильнее всего продажи в месяце «${monthName(peakMonth, 'ru')}» (индекс ${formatNumber(peakIndex, 'ru', 2)}), слабее всего — «${monthName(lowMonth, 'ru')}» (${formatNumber(lowIndex, 'ru', 2)}).`,
      textEn: `Seasonality: sales are strongest in ${monthName(peakMonth, 'en')} (index ${formatNumber(peakIndex, 'en', 2)}) and weakest in ${monthName(lowMonth, 'en')} (${formatNumber(lowIndex, 'en', 2)}).`,
      figures: { peakIndex, lowIndex },
    });
  } else {
    out.push({
      code: 'seasonality-not-enough-history',
      tone: 'neutral',
      text: `Для оценки сезонности нужно не меньше 24 месяцев продаж, а есть ${formatNumber(months, 'ru')}.`,
      textEn: `Seasonality needs at least 24 months of sales; there are ${formatNumber(months, 'en')}.`,
      figures: { months },
    });
  }
  return out;
}

export function recommendationsInsights(f: Facts): Insight[] {
  const currency = f['currency'] as string;
  const out: Insight[] = [];
  const atRiskCount = f['atRiskCount'] as number;
  const valueAtRisk = f['valueAtRisk'] as string;
  out.push({
    code: atRiskCount > 0 ? 'clients-at-risk' : 'no-clients-at-risk',
    tone: atRiskCount > 0 ? 'negative' : 'positive',
    text:
      atRiskCount > 0
        ? `Ценных клиентов под угрозой ухода: ${formatNumber(atRiskCount, 'ru')}; их выручка за два года — ${formatMoney(valueAtRisk, currency, 'ru')}.`
        : `Среди самых ценных клиентов (проверено: ${formatNumber(f['candidates'] as number, 'ru')}) нет тех, кто под угрозой ухода.`,
    textEn:
      atRiskCount > 0
        ? `${formatNumber(atRiskCount, 'en')} valuable clients may leave; their revenue over two years is ${formatMoney(valueAtRisk, currency, 'en')}.`
        : `None of the ${formatNumber(f['candidates'] as number, 'en')} most valuable clients is at risk.`,
    figures: { clients: atRiskCount, revenue: valueAtRisk },
  });
  for (const c of f['atRisk'] as { clientId: string; name: string; revenue: string; pAlive: number | null }[]) {
    if (c.pAlive === null) continue;
    out.push({
      code: 'contact-client',
      tone: 'negative',
      text: `Свяжитесь с клиентом ${c.name}: выручка за два года ${formatMoney(c.revenue, currency, 'ru')}, вероятность, что он ещё активен, — ${formatPercent(c.pAlive, 'ru')}.`,
      textEn: `Contact ${c.name}: ${formatMoney(c.revenue, currency, 'en')} over two years, probability of still being active ${formatPercent(c.pAlive, 'en')}.`,
      figures: { revenue: c.revenue, pAlive: c.pAlive },
      clientId: c.clientId,
    });
  }
  for (const o of f['offers'] as {
    clientId: string;
    name: string;
    product: string;
    because: string;
    confidence: number;
    lift: number;
  }[]) {
    out.push({
      code: 'offer-product',
      tone: 'positive',
      text: `Предложите клиенту ${o.name} товар «${o.product}»: его покупают вместе с «${o.because}» в ${formatPercent(o.confidence, 'ru')} случаев (лифт ${formatNumber(o.lift, 'ru', 2)}).`,
      textEn: `Offer ${o.name} “${o.product}”: it is bought with “${o.because}” in ${formatPercent(o.confidence, 'en')} of cases (lift ${formatNumber(o.lift, 'en', 2)}).`,
      figures: { confidence: o.confidence, lift: o.lift },
      clientId: o.clientId,
    });
  }
  for (const s of (
    f['segmentsToWork'] as { segment: string; clients: number; revenue: string; action: string }[]
  ).filter((s) => ['cannot_lose', 'at_risk'].includes(s.segment))) {
    out.push({
      code: `segment-${s.action}`,
      tone: 'negative',
      text: `Сегмент «${label(VALUE_LABELS, s.segment, 'ru')}» (клиентов: ${formatNumber(s.clients, 'ru')}, выручка ${formatMoney(s.revenue, currency, 'ru')}): ${label(VALUE_LABELS, s.action, 'ru').toLowerCase()}.`,
      textEn: `Segment “${label(VALUE_LABELS, s.segment, 'en')}”: ${formatNumber(s.clients, 'en')} clients with ${formatMoney(s.revenue, currency, 'en')} in revenue — ${label(VALUE_LABELS, s.action, 'en').toLowerCase()}.`,
      figures: { clients: s.clients, revenue: s.revenue },
    });
  }
  const droppedCount = f['droppedCount'] as number;
  if (droppedCount > 0) {
    out.push({
      code: 'clients-dropped',
      tone: 'negative',
      text: `Крупных клиентов прошлого периода, которые купили в этом периоде меньше половины прежнего или выпали из 100 крупнейших: ${formatNumber(droppedCount, 'ru')}.`,
      textEn: `${formatNumber(droppedCount, 'en')} large clients of the previous period bought less than half as much this period or dropped out of the top 100.`,
      figures: { clients: droppedCount },
    });
  }
  return out;
}
