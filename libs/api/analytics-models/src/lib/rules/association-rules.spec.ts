import { AssociationRule, Basket, mineAssociationRules } from './association-rules';
import { createRuleRecommender, recommendForClients } from './recommendations';

/**
 * The classic five-basket example (Tan, Steinbach & Kumar). N = 5.
 * Product counts: bread 4, milk 4, diaper 4, beer 3, cola 2, eggs 1.
 * Pair counts: bread+milk 3, bread+diaper 3, milk+diaper 3, diaper+beer 3, bread+beer 2,
 *   milk+beer 2, milk+cola 2, diaper+cola 2; every other pair 1.
 */
const baskets: Basket[] = [
  { basketId: 'b1', clientId: 'ann', items: ['bread', 'milk'] },
  { basketId: 'b2', clientId: 'ann', items: ['bread', 'diaper', 'beer', 'eggs', 'beer'] },
  { basketId: 'b3', clientId: 'bob', items: ['milk', 'diaper', 'beer', 'cola'] },
  { basketId: 'b4', clientId: 'cy', items: ['bread', 'milk', 'diaper', 'beer'] },
  { basketId: 'b5', clientId: 'cy', items: ['bread', 'milk', 'diaper', 'cola'] },
];

/** Rounds the numbers of a rule for readable comparisons. */
function summary(rule: AssociationRule): string {
  const r = (v: number) => Math.round(v * 10_000) / 10_000;
  return `${rule.antecedent.join('+')}→${rule.consequent} n=${rule.count} s=${r(rule.support)} c=${r(rule.confidence)} l=${r(rule.lift)}`;
}

describe('mineAssociationRules', () => {
  it('computes pairwise support, confidence and lift by hand', () => {
    // minSupport 0.4 → itemsets in ≥ 2 of 5 baskets (eggs is dropped); minConfidence 0.6, lift ≥ 1.
    // beer→diaper:  3 baskets, s = 3/5 = 0.6, c = 3/3 = 1,    lift = 1 / (4/5) = 1.25
    // diaper→beer:  s = 0.6, c = 3/4 = 0.75, lift = 0.75 / (3/5) = 1.25
    // cola→diaper:  2 baskets, s = 0.4, c = 2/2 = 1, lift = 1 / (4/5) = 1.25
    // cola→milk:    s = 0.4, c = 1, lift = 1.25
    // Filtered out: diaper→cola and milk→cola (c = 2/4 = 0.5 < 0.6); bread→milk
    // (c = 3/4, lift = 0.75 / 0.8 = 0.9375 < 1); bread→beer (c = 0.5, lift 0.83); etc.
    const result = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.6 });
    expect(result).toMatchObject({ basketCount: 5, itemCount: 6, frequentItemCount: 5, frequentPairCount: 8 });
    expect(result.rules.map(summary)).toEqual([
      'beer→diaper n=3 s=0.6 c=1 l=1.25',
      'cola→diaper n=2 s=0.4 c=1 l=1.25',
      'cola→milk n=2 s=0.4 c=1 l=1.25',
      'diaper→beer n=3 s=0.6 c=0.75 l=1.25',
    ]);
  });

  it('adds {A, B} → C rules from frequent triples', () => {
    // Triples in ≥ 2 baskets: {milk, diaper, cola} (b3, b5), {milk, diaper, beer} (b3, b4),
    // {bread, diaper, beer} (b2, b4), {bread, milk, diaper} (b4, b5).
    // milk+diaper→cola: c = 2/3 (milk+diaper in b3, b4, b5), lift = (2/3) / (2/5) = 1.6667
    // diaper+cola→milk: c = 2/2 = 1, lift = 1 / (4/5) = 1.25; milk+cola→diaper likewise
    // milk+beer→diaper, bread+beer→diaper: c = 1, lift 1.25
    // milk+diaper→beer, bread+diaper→beer: c = 2/3, lift = (2/3) / (3/5) = 1.1111
    // diaper+beer→milk, diaper+beer→bread and all rules of {bread, milk, diaper}: lift < 1.
    const result = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.6, maxAntecedentSize: 2 });
    expect(result.rules.map(summary)).toEqual([
      'diaper+milk→cola n=2 s=0.4 c=0.6667 l=1.6667',
      'beer→diaper n=3 s=0.6 c=1 l=1.25',
      'beer+bread→diaper n=2 s=0.4 c=1 l=1.25',
      'beer+milk→diaper n=2 s=0.4 c=1 l=1.25',
      'cola→diaper n=2 s=0.4 c=1 l=1.25',
      'cola→milk n=2 s=0.4 c=1 l=1.25',
      'cola+diaper→milk n=2 s=0.4 c=1 l=1.25',
      'cola+milk→diaper n=2 s=0.4 c=1 l=1.25',
      'diaper→beer n=3 s=0.6 c=0.75 l=1.25',
      'bread+diaper→beer n=2 s=0.4 c=0.6667 l=1.1111',
      'diaper+milk→beer n=2 s=0.4 c=0.6667 l=1.1111',
    ]);
  });

  it('gives the same rules with Map-based pair counting as with the dense array', () => {
    const options = { minSupport: 0.2, minConfidence: 0, minLift: 0, maxAntecedentSize: 2 } as const;
    const dense = mineAssociationRules(baskets, options);
    const sparse = mineAssociationRules(baskets, { ...options, maxDensePairCells: 0 });
    expect(sparse).toEqual(dense);
    expect(dense.rules.length).toBeGreaterThan(20);
  });

  it('honours the thresholds', () => {
    // Support ≥ 0.6 leaves only the pairs seen 3 times; lift ≥ 0 lets through negative associations.
    const result = mineAssociationRules(baskets, { minSupport: 0.6, minConfidence: 0, minLift: 0 });
    expect(result.frequentPairCount).toBe(4);
    expect(result.rules).toHaveLength(8);
    expect(result.rules.find((r) => r.antecedent[0] === 'bread' && r.consequent === 'milk')?.lift).toBeCloseTo(
      0.9375,
      12,
    );
    expect(() => mineAssociationRules(baskets, { minSupport: 0 })).toThrow(RangeError);
  });
});

describe('recommendations', () => {
  const rules = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.6, maxAntecedentSize: 2 }).rules;
  const recommender = createRuleRecommender(rules);
  const ids = (owned: string[], limit?: number) => recommender.recommend(owned, limit).map((r) => r.productId);

  it('recommends unbought consequents of rules whose antecedent the client owns', () => {
    const [diaper] = recommender.recommend(['beer']);
    expect(diaper).toMatchObject({ productId: 'diaper', confidence: 1, lift: 1.25 });
    expect(diaper.rule.antecedent).toEqual(['beer']);
    // cola→diaper and cola→milk both have c = 1, lift 1.25: ties are ordered by product id.
    expect(ids(['cola'])).toEqual(['diaper', 'milk']);
    expect(ids(['cola'], 1)).toEqual(['diaper']);
  });

  it('uses the best applicable rule per product, two-product antecedents included', () => {
    // Owning milk + diaper: cola via milk+diaper→cola (c 2/3, lift 1.67) beats beer via
    // milk+diaper→beer (c 2/3, lift 1.11); diaper→beer (c 0.75) is the better rule for beer.
    const recommendations = recommender.recommend(['milk', 'diaper']);
    expect(recommendations.map((r) => [r.productId, r.rule.antecedent.join('+')])).toEqual([
      ['beer', 'diaper'],
      ['cola', 'diaper+milk'],
    ]);
    expect(recommendations[0].confidence).toBeCloseTo(0.75, 12);
  });

  it('recommends nothing already bought', () => {
    expect(ids(['beer', 'diaper', 'cola', 'milk', 'bread'])).toEqual([]);
  });

  it('recommends per client from all their baskets', () => {
    const extra: Basket = { basketId: 'b6', clientId: 'dan', items: ['cola'] };
    const result = recommendForClients([...baskets, extra], rules, { limit: 3 });
    expect(result.map((c) => c.clientId)).toEqual(['ann', 'bob', 'cy', 'dan']);
    // ann owns bread, milk, diaper, beer, eggs → cola via milk+diaper→cola.
    expect(result[0].recommendations.map((r) => r.productId)).toEqual(['cola']);
    // bob owns milk, diaper, beer, cola: no rule predicts bread.
    expect(result[1].recommendations).toEqual([]);
    expect(result[3].recommendations.map((r) => r.productId)).toEqual(['diaper', 'milk']);
  });
});
