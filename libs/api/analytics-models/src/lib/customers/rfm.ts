/**
 * RFM scoring: recency, frequency and monetary quintile scores (1–5) and named segments.
 */
import { RFM_SEGMENT_NAMES, type RfmSegmentName } from '@crm/shared/contracts';

/** Named RFM segments, from best to worst (the names the API answers with). */
export type RfmSegment = RfmSegmentName;

/** All segments in reporting order. */
export const RFM_SEGMENTS: readonly RfmSegment[] = RFM_SEGMENT_NAMES;

/** A quintile score: 5 is best. */
export type QuintileScore = 1 | 2 | 3 | 4 | 5;

/** Per-client RFM inputs. */
export interface RfmInput {
  clientId: string;
  /** Days since the last purchase (lower is better). */
  recencyDays: number;
  /** Number of purchases (higher is better). */
  frequency: number;
  /** Total (or average) spend (higher is better). */
  monetary: number;
}

/** Per-client RFM result. */
export interface RfmScore extends RfmInput {
  r: QuintileScore;
  f: QuintileScore;
  m: QuintileScore;
  /** The three scores concatenated, e.g. `"545"`. */
  code: string;
  segment: RfmSegment;
}

/**
 * Segment of every (R, F) score pair: `RFM_SEGMENT_GRID[R − 1][F − 1]`. The monetary score
 * is reported but does not change the segment (the usual R × F grid).
 *
 * | R \ F | 1           | 2                   | 3                   | 4           | 5           |
 * |-------|-------------|---------------------|---------------------|-------------|-------------|
 * | 5     | new         | potential_loyalists | potential_loyalists | champions   | champions   |
 * | 4     | new         | potential_loyalists | potential_loyalists | champions   | champions   |
 * | 3     | hibernating | hibernating         | loyal               | loyal       | loyal       |
 * | 2     | hibernating | hibernating         | at_risk             | at_risk     | cannot_lose |
 * | 1     | lost        | lost                | at_risk             | cannot_lose | cannot_lose |
 */
export const RFM_SEGMENT_GRID: readonly (readonly RfmSegment[])[] = [
  ['lost', 'lost', 'at_risk', 'cannot_lose', 'cannot_lose'], // R = 1
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'], // R = 2
  ['hibernating', 'hibernating', 'loyal', 'loyal', 'loyal'], // R = 3
  ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'], // R = 4
  ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'], // R = 5
];

/** Segment for a recency and a frequency score (see {@link RFM_SEGMENT_GRID}). */
export function rfmSegment(r: QuintileScore, f: QuintileScore): RfmSegment {
  return RFM_SEGMENT_GRID[r - 1][f - 1];
}

/** Number of values strictly below `value` in the ascending array `sorted`. */
function countBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Number of values strictly above `value` in the ascending array `sorted`. */
function countAbove(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return sorted.length - lo;
}

function quintile(worseCount: number, n: number): QuintileScore {
  return Math.min(5, 1 + Math.floor((5 * worseCount) / n)) as QuintileScore;
}

/** An absolute limit on the recency score: a client silent for more than `afterDays` scores at most `maxScore`. */
export interface RecencyCeiling {
  afterDays: number;
  maxScore: QuintileScore;
}

/**
 * The ceilings the product applies: quintiles rank clients against each other, so when every client
 * stopped buying long ago the least stale fifth would still score R = 5 and be called champions
 * next to a near-zero probability of being active. Measured at `asOf`, a client silent for more
 * than 90 days scores at most 3 (loyal at best), more than 180 days at most 2 (at risk, cannot
 * lose), more than a year 1 (lost unless frequent).
 */
export const RFM_RECENCY_CEILINGS: readonly RecencyCeiling[] = [
  { afterDays: 90, maxScore: 3 },
  { afterDays: 180, maxScore: 2 },
  { afterDays: 365, maxScore: 1 },
];

/** The quintile score lowered to the tightest ceiling whose `afterDays` the recency exceeds. */
function capRecency(score: QuintileScore, recencyDays: number, ceilings: readonly RecencyCeiling[]): QuintileScore {
  let capped = score;
  for (const c of ceilings) if (recencyDays > c.afterDays && c.maxScore < capped) capped = c.maxScore;
  return capped;
}

function sortedValues(inputs: readonly RfmInput[], pick: (input: RfmInput) => number): Float64Array {
  return Float64Array.from(inputs, pick).sort();
}

/**
 * Scores clients into recency, frequency and monetary quintiles and assigns segments.
 *
 * Score = 1 + ⌊5 · (clients strictly worse on that dimension) / n⌋, capped at 5. With distinct
 * values this gives equal-sized quintiles; tied clients always share a score (the score of the
 * tie's worst position), so the result does not depend on input order — e.g. all one-time
 * buyers get F = 1 however many there are. "Worse" means a larger `recencyDays`, or a smaller
 * `frequency` / `monetary`. Scores are relative to the clients passed in; `recencyCeilings`
 * (e.g. {@link RFM_RECENCY_CEILINGS}) then cap R by the absolute days since the last purchase.
 *
 * @throws RangeError on negative or non-finite recency/frequency, or non-finite monetary.
 */
export function scoreRfm(inputs: readonly RfmInput[], recencyCeilings: readonly RecencyCeiling[] = []): RfmScore[] {
  for (const input of inputs) {
    if (!(input.recencyDays >= 0 && Number.isFinite(input.recencyDays))) {
      throw new RangeError(`RFM: invalid recencyDays for client ${input.clientId}: ${input.recencyDays}`);
    }
    if (!(input.frequency >= 0 && Number.isFinite(input.frequency))) {
      throw new RangeError(`RFM: invalid frequency for client ${input.clientId}: ${input.frequency}`);
    }
    if (!Number.isFinite(input.monetary)) {
      throw new RangeError(`RFM: invalid monetary for client ${input.clientId}: ${input.monetary}`);
    }
  }
  const n = inputs.length;
  const recency = sortedValues(inputs, (i) => i.recencyDays);
  const frequency = sortedValues(inputs, (i) => i.frequency);
  const monetary = sortedValues(inputs, (i) => i.monetary);
  return inputs.map((input) => {
    const r = capRecency(quintile(countAbove(recency, input.recencyDays), n), input.recencyDays, recencyCeilings);
    const f = quintile(countBelow(frequency, input.frequency), n);
    const m = quintile(countBelow(monetary, input.monetary), n);
    return { ...input, r, f, m, code: `${r}${f}${m}`, segment: rfmSegment(r, f) };
  });
}

/** Aggregate figures of one segment. */
export interface RfmSegmentSummary {
  segment: RfmSegment;
  clients: number;
  /** Share of all clients (0–1). */
  clientShare: number;
  meanRecencyDays: number;
  meanFrequency: number;
  meanMonetary: number;
  totalMonetary: number;
  /** Share of total monetary value (0–1; 0 when the total is not positive). */
  monetaryShare: number;
}

/**
 * Per-segment counts, shares and means, one entry per segment in {@link RFM_SEGMENTS} order
 * (empty segments included, with zero means).
 */
export function summarizeRfmSegments(scores: readonly RfmScore[]): RfmSegmentSummary[] {
  const totals = new Map<RfmSegment, { clients: number; recency: number; frequency: number; monetary: number }>(
    RFM_SEGMENTS.map((segment) => [segment, { clients: 0, recency: 0, frequency: 0, monetary: 0 }]),
  );
  let grandMonetary = 0;
  for (const score of scores) {
    const t = totals.get(score.segment);
    if (t) {
      t.clients++;
      t.recency += score.recencyDays;
      t.frequency += score.frequency;
      t.monetary += score.monetary;
    }
    grandMonetary += score.monetary;
  }
  return RFM_SEGMENTS.map((segment) => {
    const t = totals.get(segment) ?? { clients: 0, recency: 0, frequency: 0, monetary: 0 };
    const mean = (sum: number) => (t.clients > 0 ? sum / t.clients : 0);
    return {
      segment,
      clients: t.clients,
      clientShare: scores.length > 0 ? t.clients / scores.length : 0,
      meanRecencyDays: mean(t.recency),
      meanFrequency: mean(t.frequency),
      meanMonetary: mean(t.monetary),
      totalMonetary: t.monetary,
      monetaryShare: grandMonetary > 0 ? t.monetary / grandMonetary : 0,
    };
  });
}
