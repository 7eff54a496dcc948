import type { RfmSegmentName } from './rfm-segments-response';

/** The co-purchase rule that suggests a product. */
export class RecommendationRuleResponse {
  /** Products the client already bought (one or two) that lead to the recommendation. @example ["85123A"] */
  antecedent!: string[];
  /** The names of those products, in the same order (the latest item name; the key when unnamed). @example ["Фонарь металлический белый"] */
  antecedentNames!: string[];
  /** Share (0..1) of all baskets with the antecedent and the product. @example 0.012 */
  support!: number;
  /** P(product | antecedent). @example 0.42 */
  confidence!: number;
  /** confidence / share of baskets with the product (> 1: bought together more than by chance). @example 3.1 */
  lift!: number;
}

export class RecommendedProductResponse {
  /** The product key: SKU, or the name of items without one. @example "71053" */
  product!: string;
  /** @example "Фонарь металлический белый" */
  name!: string;
  /** @example 0.42 */
  confidence!: number;
  /** @example 3.1 */
  lift!: number;
  rule!: RecommendationRuleResponse;
}

/** Fitted parameters and data of the company's customer models. */
export class CustomerModelInfoResponse {
  /** `fitted`, or why the models could not be fitted (`no-purchases`, `no-repeat-purchases`). @example "fitted" */
  status!: 'fitted' | 'no-purchases' | 'no-repeat-purchases';
  /** When the models were fitted. @example "2026-11-20T03:00:00.000Z" */
  fittedAt!: string;
  /** Clients the models were fitted on. @example 8123 */
  customers!: number;
  /** BG/NBD r, α (days), a, b and Gamma-Gamma p, q, γ. @example {"r": 0.24, "alpha": 30.8, "a": 0.79, "b": 2.43} */
  params!: Record<string, number>;
}

/**
 * `analytics/clients/:clientId/outlook`: BG/NBD (probability the client is still active, expected
 * purchases) and Gamma-Gamma (expected value per purchase) fitted on the company's purchases up to
 * `asOf`; purchases are distinct purchase days.
 */
export class ClientOutlookResponse {
  clientId!: string;
  /** @example "2026-11-20" */
  asOf!: string;
  /** @example "RUB" */
  currency!: string;
  /** Probability (0..1) that the client is still active; null without purchases or fitted models. @example 0.87 */
  pAlive!: number | null;
  /** Expected purchases in the 90 days after `asOf`. @example 1.6 */
  expectedPurchases90d!: number | null;
  /** Expected revenue from the client in those 90 days. @example "4520.00" */
  expectedValue90d!: string | null;
  /** The client's RFM segment; null without purchases. @example "loyal" */
  segment!: RfmSegmentName | null;
  /** R, F and M quintile scores, e.g. "545". @example "545" */
  rfm!: string | null;
  /** Purchase days up to `asOf`. @example 6 */
  purchases!: number;
  /** First and last purchase day. @example "2025-03-02" */
  firstPurchase!: string | null;
  /** @example "2026-10-30" */
  lastPurchase!: string | null;
  /** Products the client has not bought that co-purchase rules suggest, best first, each with its rule. */
  recommendedProducts!: RecommendedProductResponse[];
  model!: CustomerModelInfoResponse;
  /** Why a figure is missing or degraded. */
  notes!: string[];
}
