/** The RFM segments, best first. */
export const RFM_SEGMENT_NAMES = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegmentName = (typeof RFM_SEGMENT_NAMES)[number];

export class RfmSegmentResponse {
  /** @example "champions" */
  segment!: RfmSegmentName;
  /** Clients in the segment. @example 412 */
  clients!: number;
  /** Their revenue up to `asOf`, converted. @example "5120000.00" */
  revenue!: string;
  /** Share (0..1) of the clients with purchases. @example 0.2 */
  clientShare!: number;
  /** Mean days since their last purchase. @example 9.5 */
  meanRecencyDays!: number;
  /** Mean number of purchases. @example 7.2 */
  meanFrequency!: number;
}

/**
 * `analytics/segments`: clients with counted sales up to `asOf`, scored into recency, frequency and
 * monetary quintiles (5 best) and named by the R × F grid; every segment listed, empty ones too.
 */
export class RfmSegmentsResponse {
  /** @example "2026-11-20" */
  asOf!: string;
  /** @example "RUB" */
  currency!: string;
  /** @example 8123 */
  totalClients!: number;
  items!: RfmSegmentResponse[];
}
