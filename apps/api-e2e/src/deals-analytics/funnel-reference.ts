/**
 * The funnel computed the plain way, in memory, from the definitions in `DealFunnelResponse`: the
 * property spec compares the API's set-based SQL with this over random histories.
 */

export interface RefStage {
  id: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
}

export interface RefDeal {
  /** Local day (company time zone) the deal entered the pipeline. */
  enteredDay: string;
  /** Amount already in the requested currency, as a number of minor units. */
  amountUnits: number;
  /** Stays in order: the first is the stage it was created in, at creation. */
  visits: { stageId: string; at: number }[];
}

export interface RefStageFigures {
  stageId: string;
  entered: number;
  reached: number;
  conversion: number | null;
  medianDays: number | null;
}

export interface RefFunnel {
  cohort: number;
  stages: RefStageFigures[];
  winRate: number | null;
  /** Average won amount in minor units (not rounded), null without won deals. */
  averageUnits: number | null;
  medianCycleDays: number | null;
}

const DAY_MS = 86_400_000;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function funnelReference(stages: RefStage[], deals: RefDeal[], from: string, to: string): RefFunnel {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const kind = new Map(ordered.map((s) => [s.id, s.kind]));
  const position = new Map(ordered.map((s) => [s.id, s.position]));
  const cohort = deals.filter((d) => d.enteredDay >= from && d.enteredDay <= to);
  const lastKind = (d: RefDeal) => kind.get(d.visits[d.visits.length - 1].stageId);
  let previous = cohort.length;
  const figures = ordered.map((stage) => {
    const entered = cohort.filter((d) => d.visits.some((v) => v.stageId === stage.id)).length;
    let reached: number;
    let conversion: number | null;
    if (stage.kind === 'lost') {
      reached = entered;
      conversion = cohort.length ? entered / cohort.length : null;
    } else {
      reached = cohort.filter((d) =>
        d.visits.some((v) => kind.get(v.stageId) !== 'lost' && (position.get(v.stageId) ?? -1) >= stage.position),
      ).length;
      conversion = previous ? reached / previous : null;
      previous = reached;
    }
    const stays = cohort.flatMap((d) =>
      d.visits.flatMap((v, i) =>
        v.stageId === stage.id && i + 1 < d.visits.length ? [(d.visits[i + 1].at - v.at) / DAY_MS] : [],
      ),
    );
    return { stageId: stage.id, entered, reached, conversion, medianDays: median(stays) };
  });
  const won = cohort.filter((d) => lastKind(d) === 'won');
  const lost = cohort.filter((d) => lastKind(d) === 'lost');
  return {
    cohort: cohort.length,
    stages: figures,
    winRate: won.length + lost.length ? won.length / (won.length + lost.length) : null,
    averageUnits: won.length ? won.reduce((sum, d) => sum + d.amountUnits, 0) / won.length : null,
    medianCycleDays: median(won.map((d) => (d.visits[d.visits.length - 1].at - d.visits[0].at) / DAY_MS)),
  };
}
