import type { StageKind } from './deal-model';

/** One stage of the funnel, in the pipeline's stage order. */
export class FunnelStageResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  stageId!: string;
  /** @example "Предложение" */
  name!: string;
  /** `open`, `won` or `lost`. @example "open" */
  kind!: StageKind;
  /** Deals of the cohort that were in this stage at some time. @example 120 */
  entered!: number;
  /**
   * Deals of the cohort that got this far: were in this stage or any later open or won stage (for
   * the lost stage: the lost deals). @example 140
   */
  reached!: number;
  /**
   * `reached` of this stage over `reached` of the previous open stage (the first stage: over the
   * cohort; the lost stage: lost deals over the cohort); null when the denominator is 0. @example 0.62
   */
  conversion!: number | null;
  /** Median days a deal of the cohort spent in this stage (stays that ended); null when none. @example 4.5 */
  medianDays!: number | null;
}

/** `analytics/funnel`: where the deals that entered a pipeline in a period went. */
export class DealFunnelResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  pipelineId!: string;
  /** @example "2026-10-01" */
  from!: string;
  /** @example "2026-12-31" */
  to!: string;
  /** @example "RUB" */
  currency!: string;
  /** Deals that entered the pipeline in the period. @example 200 */
  cohort!: number;
  stages!: FunnelStageResponse[];
  /** Won over won + lost deals of the cohort; null when none is closed. @example 0.31 */
  winRate!: number | null;
  /** Average amount of the won deals of the cohort, in `currency`; null when none. @example "125000.00" */
  averageDealSize!: string | null;
  /** Median days from entering the pipeline to being won, over the won deals of the cohort. @example 21.5 */
  medianCycleDays!: number | null;
  /** Won deals left out of `averageDealSize` because their currency has no rate to `currency`. @example 0 */
  unconvertedDeals!: number;
}

export class PipelineStageValueResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  stageId!: string;
  /** @example "Переговоры" */
  name!: string;
  /** Open deals in the stage. @example 42 */
  count!: number;
  /** Their amounts in `currency`. @example "1250000.00" */
  value!: string;
  /** Σ amount × probability (the deal's, else the stage's) / 100. @example "750000.00" */
  weightedValue!: string;
}

export class PipelineMonthValueResponse {
  /** Expected close month `YYYY-MM`; null for deals without an expected close date. @example "2026-12" */
  month!: string | null;
  /** @example 17 */
  count!: number;
  /** @example "480000.00" */
  value!: string;
  /** @example "240000.00" */
  weightedValue!: string;
}

/** `analytics/pipeline`: the open deals of a pipeline, valued at today's rates. */
export class DealPipelineValueResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  pipelineId!: string;
  /** @example "RUB" */
  currency!: string;
  /** Every open stage of the pipeline in order, zeros included. */
  byStage!: PipelineStageValueResponse[];
  /** Months with open deals, ascending; deals without an expected close date last (month null). */
  byCloseMonth!: PipelineMonthValueResponse[];
  /** @example "1730000.00" */
  totalValue!: string;
  /** @example "990000.00" */
  totalWeightedValue!: string;
  /** Open deals left out because their currency has no rate to `currency`. @example 0 */
  unconvertedDeals!: number;
}

/** An open deal in its stage longer than the stage's median stay. */
export class StuckDealResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  dealId!: string;
  /** @example "Поставка оборудования" */
  title!: string;
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  stageId!: string;
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  ownerId!: string | null;
  /** @example "250000.00" */
  amount!: string;
  /** @example "RUB" */
  currency!: string;
  /** Since when the deal is in its stage. @example "2026-10-02T09:00:00.000Z" */
  inStageSince!: string;
  /** Days in the stage so far. @example 37.2 */
  daysInStage!: number;
  /** The stage's median stay in days. @example 9 */
  stageMedianDays!: number;
}

/** `analytics/stuck`: up to 100 open deals longest over their stage's median first. */
export class StuckDealsResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  pipelineId!: string;
  /** How many open deals are stuck in all. @example 14 */
  total!: number;
  items!: StuckDealResponse[];
}

export class OwnerFunnelResponse {
  /** Null for deals without an owner. @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  ownerId!: string | null;
  /** Deals of the cohort they own. @example 40 */
  deals!: number;
  /** @example 12 */
  won!: number;
  /** @example 9 */
  lost!: number;
  /** Won over won + lost; null when none is closed. @example 0.57 */
  winRate!: number | null;
  /** The won deals' amounts in `currency`. @example "1500000.00" */
  wonValue!: string;
  /** Open deals they own now (any entry date) and their value in `currency`. @example 19 */
  openDeals!: number;
  /** @example "2100000.00" */
  openValue!: string;
}

/** `analytics/owners`: the funnel cohort and the open pipeline by owner, most won value first. */
export class DealOwnersResponse {
  /** @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  pipelineId!: string;
  /** @example "2026-10-01" */
  from!: string;
  /** @example "2026-12-31" */
  to!: string;
  /** @example "RUB" */
  currency!: string;
  items!: OwnerFunnelResponse[];
}
