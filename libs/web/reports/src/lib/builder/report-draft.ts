import type { SaleStatus } from '@crm/shared/contracts';
import type { CreateReportDto, ReportFiltersDto, ReportFormat, ReportType } from '../report-model';
import { type DayRange, isValidRange, presetRange, type ReportPreset } from '../report-period';
import { REPORT_TYPE_META } from '../report-types';

/** A client picked for the filter: the id is sent, the name is shown. */
export interface PickedClient {
  id: string;
  name: string;
}

/** What the builder form holds. */
export interface ReportDraft {
  type: ReportType;
  preset: ReportPreset;
  /** `YYYY-MM-DD`, for `custom`. */
  from: string;
  to: string;
  currency: string;
  /** The pipeline of a `pipeline` report; empty: the company's first. */
  pipelineId: string;
  statuses: SaleStatus[];
  currencies: string[];
  clients: PickedClient[];
  segment: string;
  amountMin: string;
  amountMax: string;
  title: string;
  format: ReportFormat | 'screen';
}

export const EMPTY_DRAFT: ReportDraft = {
  type: 'sales-overview',
  preset: 'last-month',
  from: '',
  to: '',
  currency: '',
  pipelineId: '',
  statuses: [],
  currencies: [],
  clients: [],
  segment: '',
  amountMin: '',
  amountMax: '',
  title: '',
  format: 'screen',
};

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** `1 000,5` typed in Russian reads as `1000.5`; anything that is not an amount is `null`. */
export function parseAmount(value: string): string | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return '';
  return AMOUNT.test(compact) ? compact : null;
}

/** The days the draft covers: the preset's, or the custom dates (null while they are not valid). */
export function draftRange(draft: ReportDraft, today: Date = new Date()): DayRange | null {
  if (draft.preset !== 'custom') return presetRange(draft.preset, today);
  const range = { from: draft.from, to: draft.to };
  return isValidRange(range) ? range : null;
}

/** Why the draft cannot be sent yet, as dictionary keys; empty when it can. */
export function draftProblems(draft: ReportDraft): ('range' | 'amountMin' | 'amountMax' | 'amountOrder')[] {
  const problems: ('range' | 'amountMin' | 'amountMax' | 'amountOrder')[] = [];
  if (!draftRange(draft)) problems.push('range');
  // Hidden filters never hold the form back.
  if (REPORT_TYPE_META[draft.type].parameters !== 'sales') return problems;
  const min = parseAmount(draft.amountMin);
  const max = parseAmount(draft.amountMax);
  if (min === null) problems.push('amountMin');
  if (max === null) problems.push('amountMax');
  if (min && max && Number(min) > Number(max)) problems.push('amountOrder');
  return problems;
}

/**
 * The request body: a preset is sent as such (the server resolves it on the day of generation, so
 * «Обновить» and the schedule cover the period as of their day); only the filters that are set, and
 * only those of the type's parameters (a pipeline report has no sales filters).
 */
export function draftBody(draft: ReportDraft, today: Date = new Date()): CreateReportDto | null {
  const range = draftRange(draft, today);
  if (!range || draftProblems(draft).length > 0) return null;
  const filters = REPORT_TYPE_META[draft.type].parameters === 'pipeline' ? pipelineFilters(draft) : salesFilters(draft);
  const body: CreateReportDto =
    draft.preset === 'custom'
      ? { type: draft.type, from: range.from, to: range.to }
      : { type: draft.type, preset: draft.preset };
  if (draft.currency) body.currency = draft.currency;
  if (Object.keys(filters).length) body.filters = filters;
  const title = draft.title.trim();
  if (title) body.title = title;
  return body;
}

function pipelineFilters(draft: ReportDraft): ReportFiltersDto {
  return draft.pipelineId ? { pipelineId: draft.pipelineId } : {};
}

function salesFilters(draft: ReportDraft): ReportFiltersDto {
  const filters: ReportFiltersDto = {};
  if (draft.statuses.length) filters.statuses = [...draft.statuses];
  if (draft.currencies.length) filters.currencies = [...draft.currencies];
  if (draft.clients.length) filters.clientIds = draft.clients.map((client) => client.id);
  if (draft.segment) filters.segment = draft.segment as ReportFiltersDto['segment'];
  const min = parseAmount(draft.amountMin);
  const max = parseAmount(draft.amountMax);
  if (min) filters.amountMin = min;
  if (max) filters.amountMax = max;
  return filters;
}
