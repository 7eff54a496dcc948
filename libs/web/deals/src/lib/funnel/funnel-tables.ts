import type { DealFunnelResponse, DealOwnersResponse, DealPipelineValueResponse } from '@crm/shared/contracts';
import { formatMoney, formatNumber, type Language, type TranslationKey } from '@crm/web/i18n';
import { percent } from './funnel-model';

/** A figure of a table row, already in the language's format. */
export interface FigureCell {
  text: string;
  testId?: string;
}

export interface FigureRow {
  key: string;
  /** The row's name (first column). */
  head: string;
  cells: FigureCell[];
  kind?: string;
  stage?: string;
  testId?: string;
}

/**
 * A table of the funnel page: the row names in the first column, figures (right-aligned) in the
 * others; optionally a caption and a totals row.
 */
export interface FigureTable {
  testId: string | null;
  caption: TranslationKey | null;
  /** The first column's head, then the figures' heads. */
  heads: TranslationKey[];
  rows: FigureRow[];
  /** The totals row's figures, after its «Totals» head. */
  totals: FigureCell[] | null;
}

/** How the page names what the tables only know by id. */
export interface FigureNames {
  lang: Language;
  owner(ownerId: string | null): string;
  month(month: string | null): string;
}

const count = (value: number | null, lang: Language): FigureCell => ({ text: formatNumber(value, lang) });
const money = (value: string | null, currency: string, lang: Language): FigureCell => ({
  text: formatMoney(value, currency, lang),
});
const share = (value: number | null, lang: Language): FigureCell => ({ text: percent(value, lang) });

/** The cohort's conversion by stage. */
export function funnelTable(funnel: DealFunnelResponse, lang: Language): FigureTable {
  return {
    testId: 'funnel-table',
    caption: null,
    heads: [
      'deals.analytics.stage',
      'deals.analytics.entered',
      'deals.analytics.reached',
      'deals.analytics.conversion',
      'deals.analytics.medianDays',
    ],
    rows: funnel.stages.map((s) => ({
      key: s.stageId,
      head: s.name,
      kind: s.kind,
      stage: s.name,
      testId: 'funnel-row',
      cells: [
        count(s.entered, lang),
        { ...count(s.reached, lang), testId: 'funnel-reached' },
        share(s.conversion, lang),
        { text: formatNumber(s.medianDays, lang, { maximumFractionDigits: 1 }) },
      ],
    })),
    totals: null,
  };
}

const VALUE_HEADS: TranslationKey[] = ['deals.analytics.count', 'deals.analytics.value', 'deals.analytics.weighted'];

/** The open deals' value by stage (with totals) and, when any has a close date, by expected close month. */
export function valueTables(value: DealPipelineValueResponse, names: FigureNames): FigureTable[] {
  const { lang } = names;
  const cells = (row: { count: number; value: string; weightedValue: string }): FigureCell[] => [
    count(row.count, lang),
    money(row.value, value.currency, lang),
    money(row.weightedValue, value.currency, lang),
  ];
  const tables: FigureTable[] = [
    {
      testId: null,
      caption: 'deals.analytics.byStage',
      heads: ['deals.analytics.stage', ...VALUE_HEADS],
      rows: value.byStage.map((s) => ({ key: s.stageId, head: s.name, cells: cells(s) })),
      totals: [
        { text: '' },
        money(value.totalValue, value.currency, lang),
        money(value.totalWeightedValue, value.currency, lang),
      ],
    },
  ];
  if (value.byCloseMonth.length) {
    tables.push({
      testId: 'value-by-month',
      caption: 'deals.analytics.byMonth',
      heads: ['deals.analytics.month', ...VALUE_HEADS],
      rows: value.byCloseMonth.map((m) => ({ key: m.month ?? '', head: names.month(m.month), cells: cells(m) })),
      totals: null,
    });
  }
  return tables;
}

/** The cohort by owner. */
export function ownersTable(owners: DealOwnersResponse, names: FigureNames): FigureTable {
  const { lang } = names;
  return {
    testId: null,
    caption: null,
    heads: [
      'deals.analytics.owner',
      'deals.analytics.deals',
      'deals.analytics.won',
      'deals.analytics.lost',
      'deals.analytics.winRate',
      'deals.analytics.wonValue',
      'deals.analytics.openDeals',
      'deals.analytics.openValue',
    ],
    rows: owners.items.map((o) => ({
      key: o.ownerId ?? '',
      head: names.owner(o.ownerId),
      testId: 'owner-row',
      cells: [
        count(o.deals, lang),
        count(o.won, lang),
        count(o.lost, lang),
        share(o.winRate, lang),
        money(o.wonValue, owners.currency, lang),
        count(o.openDeals, lang),
        money(o.openValue, owners.currency, lang),
      ],
    })),
    totals: null,
  };
}
