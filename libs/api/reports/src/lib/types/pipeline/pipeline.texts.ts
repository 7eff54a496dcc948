import type { ReportTypeTexts } from '../report-type-definition';

/** Headings of the `pipeline` report in the exports. */
export const PIPELINE_TEXTS: ReportTypeTexts = {
  tables: {
    funnel: { ru: 'Воронка по этапам', en: 'Funnel by stage' },
    'pipeline-by-stage': { ru: 'Открытые сделки по этапам', en: 'Open deals by stage' },
    'pipeline-by-month': {
      ru: 'Взвешенная воронка по месяцу закрытия',
      en: 'Weighted pipeline by expected close month',
    },
    'stuck-deals': { ru: 'Зависшие сделки', en: 'Stuck deals' },
  },
  columns: {
    stage: { ru: 'Этап', en: 'Stage' },
    entered: { ru: 'Вошло', en: 'Entered' },
    reached: { ru: 'Дошло', en: 'Reached' },
    conversion: { ru: 'Конверсия', en: 'Conversion' },
    medianDays: { ru: 'Медиана, дней', en: 'Median days' },
    count: { ru: 'Сделок', en: 'Deals' },
    weightedValue: { ru: 'Взвешенная сумма', en: 'Weighted value' },
    title: { ru: 'Сделка', en: 'Deal' },
    inStageSince: { ru: 'В этапе с', en: 'In stage since' },
    daysInStage: { ru: 'Дней в этапе', en: 'Days in stage' },
    stageMedianDays: { ru: 'Медиана этапа, дней', en: 'Stage median, days' },
  },
  kpis: {
    cohort: { ru: 'Сделок вошло в воронку', en: 'Deals entered' },
    winRate: { ru: 'Доля выигранных', en: 'Win rate' },
    averageDealSize: { ru: 'Средняя выигранная сделка', en: 'Average won deal' },
    medianCycleDays: { ru: 'Цикл сделки, дней (медиана)', en: 'Sales cycle, days (median)' },
    openDeals: { ru: 'Открытых сделок', en: 'Open deals' },
    pipelineValue: { ru: 'Сумма открытых сделок', en: 'Open pipeline value' },
    weightedValue: { ru: 'Взвешенная сумма', en: 'Weighted pipeline' },
    stuckDeals: { ru: 'Зависших сделок', en: 'Stuck deals' },
  },
  values: {
    'no-date': { ru: 'Без даты закрытия', en: 'No close date' },
  },
};
