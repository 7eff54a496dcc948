/**
 * The sales a sales report counts (ADR 0006 "Report filters"), resolved once per generation: the
 * clients named by `clientIds` ∩ those in the RFM `segment` as of the report's asOf ∩ those whose
 * revenue in the period (paid minus paid returns, report currency, over the selected currencies)
 * lies in [`amountMin`, `amountMax`], and the selected `currencies`. Every analytics call of the
 * report then takes the result as `clientIds` / `currencies`, so each figure is what the analytics
 * endpoints answer for them.
 */
import {
  ANALYTICS_MAX_CLIENT_IDS,
  type ReportFiltersResponse,
  type ReportSelectionResponse,
} from '@crm/shared/contracts';
import { minDay } from '../dates';
import { compareDecimals } from '../decimal';
import type { AnalyticsServices, GenerationInput } from './report-draft';

/** What the analytics calls of a report add to their query; empty: the whole company's sales. */
export interface SalesNarrowing {
  clientIds?: string[];
  currencies?: string[];
}

export interface SalesSelection {
  narrowing: SalesNarrowing;
  /** For the report's summary; absent when the filters narrow nothing. */
  summary?: ReportSelectionResponse;
}

/** Clients of the segment a report may select: every one (the models index them all in memory). */
const ALL = Number.MAX_SAFE_INTEGER;

/** True when `revenue` lies in [min, max] (either bound optional), compared exactly. */
export function inAmountRange(revenue: string, min: string | undefined, max: string | undefined): boolean {
  if (min !== undefined && compareDecimals(revenue, min) < 0) return false;
  if (max !== undefined && compareDecimals(revenue, max) > 0) return false;
  return true;
}

/** The ids of `selected` that are in `allowed` (all of `allowed` when nothing was selected yet), sorted. */
export function intersectIds(selected: readonly string[] | undefined, allowed: Iterable<string>): string[] {
  const keep = new Set(allowed);
  return [...new Set(selected ?? keep)].filter((id) => keep.has(id)).sort();
}

/** True when the filters name clients (by id, segment or amount range). */
export function selectsClients(filters: ReportFiltersResponse): boolean {
  return (
    (filters.clientIds?.length ?? 0) > 0 ||
    Boolean(filters.segment) ||
    filters.amountMin !== undefined ||
    filters.amountMax !== undefined
  );
}

/** Resolves the report's filters into the sales it counts (one segment read, one revenue read at most). */
export async function resolveSelection(services: AnalyticsServices, input: GenerationInput): Promise<SalesSelection> {
  const { filters, scope, from, to } = input;
  const currencies = filters.currencies?.length ? [...new Set(filters.currencies)].sort() : undefined;
  const statuses = filters.statuses?.length ? filters.statuses : undefined;
  if (!selectsClients(filters) && !currencies && !statuses) return { narrowing: {} };
  const named = filters.clientIds?.map((id) => id.toLowerCase());
  let clientIds: string[] | undefined = named?.length ? intersectIds(named, named) : undefined;
  if (filters.segment) {
    const inSegment = await services.insights.clientsInSegments(scope, [filters.segment], ALL, {
      asOf: minDay(to, input.today),
      currency: input.currency,
    });
    clientIds = intersectIds(
      clientIds,
      inSegment.items.map((c) => c.clientId),
    );
  }
  if (filters.amountMin !== undefined || filters.amountMax !== undefined) {
    // Measured over the sales the report counts: the clients already selected, in its currencies.
    const revenues =
      clientIds?.length === 0
        ? []
        : (
            await services.indicators.clientRevenues(scope, {
              from,
              to,
              currency: input.currency,
              clientIds,
              currencies,
            })
          ).items;
    clientIds = intersectIds(
      clientIds,
      revenues.filter((c) => inAmountRange(c.revenue, filters.amountMin, filters.amountMax)).map((c) => c.clientId),
    );
  }
  const narrowing: SalesNarrowing = {};
  if (clientIds) narrowing.clientIds = clientIds;
  if (currencies) narrowing.currencies = currencies;
  return {
    narrowing,
    summary: {
      clients: clientIds ? clientIds.length : null,
      clientIds: clientIds && clientIds.length <= ANALYTICS_MAX_CLIENT_IDS ? clientIds : null,
      currencies: currencies ?? null,
      statuses: statuses ?? null,
    },
  };
}
