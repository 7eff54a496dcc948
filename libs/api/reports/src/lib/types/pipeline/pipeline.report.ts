/**
 * «Воронка продаж» (`pipeline`, issue 13): the funnel of the deals that entered a pipeline in the
 * period (per stage entered, reached, conversion, median days), win rate, average won deal and
 * cycle length against the previous period of equal length, the open pipeline and its weighted
 * value by expected close month, and the deals stuck in their stage. Every figure is what the deals
 * analytics endpoints answer (`analytics/funnel`, `pipeline`, `stuck`): the same service calls.
 */
import type { ReportInsightResponse, ReportKpiResponse } from '@crm/shared/contracts';
import { addDays, daysInclusive } from '../../dates';
import { relativeChange } from '../../decimal';
import { formatMoney, formatNumber, formatPercent } from '../../generation/format';
import {
  type AnalyticsServices,
  type Cell,
  col,
  type Facts,
  type GenerationInput,
  type ReportDraft,
} from '../../generation/report-draft';
import type { ReportTypeDefinition } from '../report-type-definition';

/** The chart's point of the open deals without an expected close date. */
const NO_DATE = 'no-date';
/** A change of the win rate smaller than this (in points) is "about the same". */
const FLAT_POINTS = 0.02;

export async function buildPipeline(services: AnalyticsServices, input: GenerationInput): Promise<ReportDraft> {
  const { deals } = services;
  const { scope, from, to } = input;
  const pipelineId = input.filters.pipelineId;
  const days = daysInclusive(from, to);
  const previous = { from: addDays(from, -days), to: addDays(from, -1) };

  await input.progress('funnel', 0.15);
  const funnel = await deals.funnel(scope, { pipelineId, from, to, currency: input.currency });
  const before = await deals.funnel(scope, { pipelineId: funnel.pipelineId, ...previous, currency: input.currency });
  await input.progress('pipeline', 0.45);
  const pipeline = await deals.pipeline(scope, { pipelineId: funnel.pipelineId, currency: input.currency });
  await input.progress('stuck', 0.7);
  const stuck = await deals.stuck(scope, { pipelineId: funnel.pipelineId });
  const { name: pipelineName } = await services.pipelines.get(scope, funnel.pipelineId);

  const currency = funnel.currency;
  const stageNames = new Map(funnel.stages.map((s) => [s.stageId, s.name]));
  const openDeals = pipeline.byStage.reduce((n, s) => n + s.count, 0);
  const kpis: ReportKpiResponse[] = [
    {
      key: 'cohort',
      kind: 'integer',
      value: funnel.cohort,
      previous: before.cohort,
      change: relativeChange(funnel.cohort, before.cohort),
    },
    {
      key: 'winRate',
      kind: 'ratio',
      value: funnel.winRate,
      previous: before.winRate,
      change: pointsChange(funnel.winRate, before.winRate),
    },
    {
      key: 'averageDealSize',
      kind: 'money',
      value: funnel.averageDealSize,
      previous: before.averageDealSize,
      change:
        funnel.averageDealSize === null || before.averageDealSize === null
          ? null
          : relativeChange(Number(funnel.averageDealSize), Number(before.averageDealSize)),
    },
    {
      key: 'medianCycleDays',
      kind: 'number',
      value: funnel.medianCycleDays,
      previous: before.medianCycleDays,
      change:
        funnel.medianCycleDays === null || before.medianCycleDays === null
          ? null
          : relativeChange(funnel.medianCycleDays, before.medianCycleDays),
    },
    { key: 'openDeals', kind: 'integer', value: openDeals, previous: null, change: null },
    { key: 'pipelineValue', kind: 'money', value: pipeline.totalValue, previous: null, change: null },
    { key: 'weightedValue', kind: 'money', value: pipeline.totalWeightedValue, previous: null, change: null },
    { key: 'stuckDeals', kind: 'integer', value: stuck.total, previous: null, change: null },
  ];

  const progressStages = funnel.stages.filter((s) => s.kind !== 'lost');
  // The biggest loss between two consecutive stages of the way to «won».
  const drops = progressStages
    .slice(1)
    .map((s, i) => ({ from: progressStages[i].name, to: s.name, conversion: s.conversion }))
    .filter((d): d is { from: string; to: string; conversion: number } => d.conversion !== null);
  const biggestDrop = [...drops].sort((a, b) => a.conversion - b.conversion)[0] ?? null;
  const thisMonth = input.today.slice(0, 7);
  const nextMonth = pipeline.byCloseMonth.find((m) => m.month !== null && m.month >= thisMonth) ?? null;
  const topStuck = stuck.items[0] ?? null;

  const facts: Facts = {
    currency,
    cohort: funnel.cohort,
    winRate: funnel.winRate,
    previousWinRate: before.winRate,
    winRateChange: pointsChange(funnel.winRate, before.winRate),
    averageDealSize: funnel.averageDealSize,
    medianCycleDays: funnel.medianCycleDays,
    biggestDrop,
    openDeals,
    pipelineValue: pipeline.totalValue,
    weightedValue: pipeline.totalWeightedValue,
    nextMonth,
    stuckDeals: stuck.total,
    topStuck: topStuck
      ? {
          stage: stageNames.get(topStuck.stageId) ?? '',
          daysInStage: topStuck.daysInStage,
          stageMedianDays: topStuck.stageMedianDays,
        }
      : null,
    unconvertedDeals: funnel.unconvertedDeals + pipeline.unconvertedDeals,
  };

  const stuckRows: Cell[][] = stuck.items.map((d) => [
    d.title,
    stageNames.get(d.stageId) ?? null,
    d.amount,
    d.currency,
    d.inStageSince.slice(0, 10),
    d.daysInStage,
    d.stageMedianDays,
  ]);

  return {
    summary: {
      currency,
      from,
      to,
      asOf: input.today < to ? input.today : to,
      noData: funnel.cohort === 0 && openDeals === 0 && stuck.total === 0,
      kpis,
      // Sales warnings are about unconverted sales; deals without a rate are counted in the facts.
      warnings: [],
      subject: pipelineName,
    },
    tables: [
      {
        key: 'funnel',
        columns: [
          col('stage', 'text'),
          col('entered', 'integer'),
          col('reached', 'integer'),
          col('conversion', 'ratio'),
          col('medianDays', 'number'),
        ],
        rows: funnel.stages.map((s) => [s.name, s.entered, s.reached, s.conversion, s.medianDays]),
      },
      {
        key: 'pipeline-by-stage',
        columns: [col('stage', 'text'), col('count', 'integer'), col('value', 'money'), col('weightedValue', 'money')],
        rows: pipeline.byStage.map((s) => [s.name, s.count, s.value, s.weightedValue]),
      },
      {
        key: 'pipeline-by-month',
        columns: [col('month', 'text'), col('count', 'integer'), col('value', 'money'), col('weightedValue', 'money')],
        rows: pipeline.byCloseMonth.map((m) => [m.month, m.count, m.value, m.weightedValue]),
      },
      {
        key: 'stuck-deals',
        columns: [
          col('title', 'text'),
          col('stage', 'text'),
          col('amount', 'money'),
          col('currency', 'text'),
          col('inStageSince', 'date'),
          col('daysInStage', 'number'),
          col('stageMedianDays', 'number'),
        ],
        rows: stuckRows,
      },
    ],
    charts: [
      {
        key: 'funnel',
        kind: 'bar',
        unit: 'count',
        series: [{ key: 'reached', points: progressStages.map((s) => ({ x: s.name, y: s.reached })) }],
      },
      {
        key: 'pipeline-by-month',
        kind: 'bar',
        unit: 'money',
        series: [
          {
            key: 'weightedValue',
            points: pipeline.byCloseMonth.map((m) => ({ x: m.month ?? NO_DATE, y: Number(m.weightedValue) })),
          },
        ],
      },
    ],
    facts,
  };
}

/** The change of a share in points (0.05 = +5 points); null when either is unknown. */
function pointsChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 10_000) / 10_000;
}

const days = (value: number, lang: 'ru' | 'en') => formatNumber(value, lang, Number.isInteger(value) ? 0 : 1);

/** The rules narrator's conclusions of a `pipeline` report. */
export function pipelineInsights(f: Facts): ReportInsightResponse[] {
  const currency = f['currency'] as string;
  const money = (v: string, lang: 'ru' | 'en') => formatMoney(v, currency, lang);
  const out: ReportInsightResponse[] = [];
  const cohort = f['cohort'] as number;
  const winRate = f['winRate'] as number | null;
  out.push(
    winRate === null
      ? {
          code: 'funnel-cohort',
          tone: 'neutral',
          text: `Сделок вошло в воронку за период: ${formatNumber(cohort, 'ru')}; ни одна из них ещё не закрыта.`,
          textEn: `Deals entered the pipeline in the period: ${formatNumber(cohort, 'en')}; none of them is closed yet.`,
          figures: { cohort },
        }
      : {
          code: 'win-rate',
          tone: winRate >= 0.5 ? 'positive' : 'neutral',
          text: `Сделок вошло в воронку за период: ${formatNumber(cohort, 'ru')}; из закрытых выиграно ${formatPercent(winRate, 'ru')}.`,
          textEn: `Deals entered the pipeline in the period: ${formatNumber(cohort, 'en')}; ${formatPercent(winRate, 'en')} of the closed ones were won.`,
          figures: { cohort, winRate },
        },
  );
  const change = f['winRateChange'] as number | null;
  const before = f['previousWinRate'] as number | null;
  if (winRate !== null && before !== null && change !== null && Math.abs(change) >= FLAT_POINTS) {
    const up = change > 0;
    out.push({
      code: up ? 'win-rate-up' : 'win-rate-down',
      tone: up ? 'positive' : 'negative',
      text: `Доля выигранных сделок ${up ? 'выросла' : 'снизилась'} с ${formatPercent(before, 'ru')} в предыдущем периоде до ${formatPercent(winRate, 'ru')}.`,
      textEn: `The win rate ${up ? 'rose' : 'fell'} from ${formatPercent(before, 'en')} in the previous period to ${formatPercent(winRate, 'en')}.`,
      figures: { winRate, previous: before, change },
    });
  }
  const drop = f['biggestDrop'] as { from: string; to: string; conversion: number } | null;
  if (drop && drop.conversion < 1) {
    out.push({
      code: 'biggest-drop',
      tone: drop.conversion < 0.5 ? 'negative' : 'neutral',
      text: `Больше всего сделок теряется между этапами «${drop.from}» и «${drop.to}»: дальше проходит ${formatPercent(drop.conversion, 'ru')}.`,
      textEn: `Most deals are lost between “${drop.from}” and “${drop.to}”: ${formatPercent(drop.conversion, 'en')} move on.`,
      figures: { conversion: drop.conversion },
    });
  }
  const average = f['averageDealSize'] as string | null;
  const cycle = f['medianCycleDays'] as number | null;
  if (average !== null && cycle !== null) {
    out.push({
      code: 'deal-size-cycle',
      tone: 'neutral',
      text: `Средняя выигранная сделка — ${money(average, 'ru')}; от входа в воронку до закрытия проходит ${days(cycle, 'ru')} дн. (медиана).`,
      textEn: `The average won deal is ${money(average, 'en')}; a deal takes ${days(cycle, 'en')} days from entering the pipeline to closing (median).`,
      figures: { averageDealSize: average, medianCycleDays: cycle },
    });
  }
  const openDeals = f['openDeals'] as number;
  const value = f['pipelineValue'] as string;
  const weighted = f['weightedValue'] as string;
  if (openDeals > 0) {
    out.push({
      code: 'weighted-pipeline',
      tone: 'neutral',
      text: `Открытых сделок: ${formatNumber(openDeals, 'ru')} на ${money(value, 'ru')}; с учётом вероятностей — ${money(weighted, 'ru')}.`,
      textEn: `Open deals: ${formatNumber(openDeals, 'en')} worth ${money(value, 'en')}; ${money(weighted, 'en')} weighted by probability.`,
      figures: { openDeals, value, weightedValue: weighted },
    });
  }
  const next = f['nextMonth'] as { month: string; count: number; weightedValue: string } | null;
  if (next) {
    out.push({
      code: 'next-close-month',
      tone: 'neutral',
      text: `Ближайший месяц ожидаемого закрытия — ${next.month}: сделок ${formatNumber(next.count, 'ru')}, взвешенно ${money(next.weightedValue, 'ru')}.`,
      textEn: `The nearest expected close month is ${next.month}: ${formatNumber(next.count, 'en')} ${next.count === 1 ? 'deal' : 'deals'}, ${money(next.weightedValue, 'en')} weighted.`,
      figures: { count: next.count, weightedValue: next.weightedValue },
    });
  }
  const stuckDeals = f['stuckDeals'] as number;
  const top = f['topStuck'] as { stage: string; daysInStage: number; stageMedianDays: number } | null;
  if (stuckDeals > 0 && top) {
    out.push({
      code: 'stuck-deals',
      tone: 'negative',
      text: `Зависших сделок (в этапе дольше обычного): ${formatNumber(stuckDeals, 'ru')}; дольше всех — ${days(top.daysInStage, 'ru')} дн. в этапе «${top.stage}» при медиане ${days(top.stageMedianDays, 'ru')} дн.`,
      textEn: `Stuck deals (in their stage longer than usual): ${formatNumber(stuckDeals, 'en')}; the longest has been ${days(top.daysInStage, 'en')} days in “${top.stage}”, where the median is ${days(top.stageMedianDays, 'en')}.`,
      figures: { stuckDeals, daysInStage: top.daysInStage, stageMedianDays: top.stageMedianDays },
    });
  } else {
    out.push({
      code: 'no-stuck-deals',
      tone: 'positive',
      text: 'Зависших сделок нет: все открытые сделки в своих этапах не дольше обычного.',
      textEn: 'No deal is stuck: every open deal has been in its stage no longer than usual.',
      figures: {},
    });
  }
  return out;
}

export const PIPELINE_REPORT: ReportTypeDefinition = {
  type: 'pipeline',
  label: { ru: 'Воронка продаж', en: 'Sales pipeline' },
  goal: 'the sales funnel of deals: where deals are lost, the win rate and its change, deal size and cycle, the weighted pipeline by close month, stuck deals',
  build: buildPipeline,
  narrate: pipelineInsights,
  noData: (from, to) => [
    `За период ${from} — ${to} в воронку не вошло ни одной сделки и открытых сделок нет: выводы сделать не из чего.`,
    `No deal entered the pipeline from ${from} to ${to} and none is open: there is nothing to draw conclusions from.`,
  ],
};
