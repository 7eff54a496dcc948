import type { DealFunnelResponse, FunnelStageResponse } from '@crm/shared/contracts';

/** One bar of the funnel chart: how many deals of the cohort got as far as the stage. */
export interface FunnelBar {
  name: string;
  value: number;
  extra: { stageId: string; kind: FunnelStageResponse['kind'] };
}

/**
 * The funnel chart's bars: `reached` of every open stage in the pipeline's order, then of the won
 * stage; the lost stage is left out (it is where deals drop off, not a step forward). Two stages
 * with one name get a suffix, because ngx-charts keys bars by name.
 */
export function funnelBars(funnel: DealFunnelResponse): FunnelBar[] {
  const stages = [...funnel.stages.filter((s) => s.kind === 'open'), ...funnel.stages.filter((s) => s.kind === 'won')];
  const seen = new Map<string, number>();
  return stages.map((stage) => {
    const count = (seen.get(stage.name) ?? 0) + 1;
    seen.set(stage.name, count);
    return {
      name: count > 1 ? `${stage.name} (${count})` : stage.name,
      value: stage.reached,
      extra: { stageId: stage.stageId, kind: stage.kind },
    };
  });
}

/** The won deals of the funnel's cohort (the won stage's `reached`), 0 without a won stage. */
export function wonCount(funnel: DealFunnelResponse): number {
  return funnel.stages.filter((s) => s.kind === 'won').reduce((sum, s) => sum + s.reached, 0);
}

/** `2026-11` as `нояб. 2026` / `Nov 2026`. */
export function monthLabel(month: string, lang: string): string {
  const [year, mon] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year as number, (mon as number) - 1, 1)),
  );
}

/** A share (0..1) as a percentage of the locale: `66,7 %` / `66.7%`; null as a dash. */
export function percent(share: number | null | undefined, lang: string): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** `YYYY-MM-DD` of a local day. */
export function isoDay(date: Date): string {
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${mm}-${dd}`;
}

/** The local midnight of a `YYYY-MM-DD` day (what the datepicker holds). */
export function fromIsoDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year as number, (month as number) - 1, date as number);
}
