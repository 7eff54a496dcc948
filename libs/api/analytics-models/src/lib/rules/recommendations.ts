/**
 * Next-product recommendations from association rules: for a client's purchase history, the
 * products they have not bought yet that the rules make most likely, each with its rule.
 */
import { AssociationRule, Basket } from './association-rules';

/** A recommended product and the rule that suggests it. */
export interface ProductRecommendation {
  productId: string;
  /** Confidence of `rule`: P(product | antecedent). */
  confidence: number;
  lift: number;
  rule: AssociationRule;
}

/** Recommendations for one client. */
export interface ClientRecommendations {
  clientId: string;
  recommendations: ProductRecommendation[];
}

/** Recommends products for a set of already-bought products. */
export interface RuleRecommender {
  /**
   * Products not in `ownedItems` that some rule with an antecedent inside `ownedItems`
   * predicts, best first (by the best such rule's confidence, then lift, then product id);
   * at most `limit` (default 5).
   */
  recommend(ownedItems: Iterable<string>, limit?: number): ProductRecommendation[];
}

function isBetterRule(x: AssociationRule, y: AssociationRule): boolean {
  return x.confidence !== y.confidence
    ? x.confidence > y.confidence
    : x.lift !== y.lift
      ? x.lift > y.lift
      : x.support > y.support;
}

/** Indexes rules by their first antecedent product for fast lookup. */
export function createRuleRecommender(rules: readonly AssociationRule[]): RuleRecommender {
  const byFirstItem = new Map<string, AssociationRule[]>();
  for (const rule of rules) {
    const first = rule.antecedent[0];
    const list = byFirstItem.get(first);
    if (list) {
      list.push(rule);
    } else {
      byFirstItem.set(first, [rule]);
    }
  }
  return {
    recommend(ownedItems, limit = 5) {
      const owned = new Set(ownedItems);
      const best = new Map<string, AssociationRule>();
      for (const item of owned) {
        for (const rule of byFirstItem.get(item) ?? []) {
          if (owned.has(rule.consequent) || !rule.antecedent.every((a) => owned.has(a))) {
            continue;
          }
          const current = best.get(rule.consequent);
          if (!current || isBetterRule(rule, current)) {
            best.set(rule.consequent, rule);
          }
        }
      }
      return (
        [...best.values()]
          // Consequents are unique here, so ties on the rule fall back to a strict id order.
          .sort((x, y) => (isBetterRule(x, y) ? -1 : isBetterRule(y, x) ? 1 : x.consequent < y.consequent ? -1 : 1))
          .slice(0, limit)
          .map((rule) => ({ productId: rule.consequent, confidence: rule.confidence, lift: rule.lift, rule }))
      );
    },
  };
}

/** Options for {@link recommendForClients}. */
export interface ClientRecommendationOptions {
  /** Recommendations per client (default 5). */
  limit?: number;
}

/**
 * Next-product recommendations for every client in `baskets`, from everything each client has
 * bought (all their baskets together). Clients appear in first-seen order, including those
 * with no recommendation.
 */
export function recommendForClients(
  baskets: Iterable<Basket>,
  rules: readonly AssociationRule[],
  options: ClientRecommendationOptions = {},
): ClientRecommendations[] {
  const owned = new Map<string, Set<string>>();
  for (const basket of baskets) {
    let items = owned.get(basket.clientId);
    if (!items) {
      items = new Set();
      owned.set(basket.clientId, items);
    }
    for (const item of basket.items) {
      items.add(item);
    }
  }
  const recommender = createRuleRecommender(rules);
  return [...owned].map(([clientId, items]) => ({
    clientId,
    recommendations: recommender.recommend(items, options.limit),
  }));
}
