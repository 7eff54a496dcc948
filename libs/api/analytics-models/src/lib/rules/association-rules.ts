/**
 * Co-purchase association rules (1 → 1 and optionally 2 → 1) mined from baskets, with
 * support, confidence and lift. Itemsets are counted level by level (Apriori pruning): pairs
 * only among frequent items, triples only when all three sub-pairs are frequent, each with one
 * pass over the baskets. Pair counts live in a dense triangular array when it fits the memory
 * cap, otherwise in an integer-keyed Map; triple counts always in a Map.
 */

/** A basket: the distinct products of one purchase (e.g. the lines of one invoice). */
export interface Basket {
  basketId: string;
  clientId: string;
  /** Product ids; duplicates within a basket are counted once. */
  items: readonly string[];
}

/** Options for {@link mineAssociationRules}. */
export interface AssociationRuleOptions {
  /** Minimum support of the rule's whole itemset, as a fraction of all baskets (default 0.01). */
  minSupport?: number;
  /** Minimum confidence P(consequent | antecedent) (default 0.1). */
  minConfidence?: number;
  /** Minimum lift (default 1: only positive associations). */
  minLift?: number;
  /** 1: pairwise rules only (default); 2: also rules {A, B} → C. */
  maxAntecedentSize?: 1 | 2;
  /**
   * Memory cap for dense pair counting: with f frequent products, pair counts are kept in a
   * triangular Uint32Array while f(f−1)/2 ≤ this many cells (default 2²⁴ = 64 MiB), and in a
   * Map keyed by pair otherwise. Results are identical either way.
   */
  maxDensePairCells?: number;
}

/** A rule antecedent → consequent. */
export interface AssociationRule {
  /** One or two product ids, sorted. */
  antecedent: string[];
  consequent: string;
  /** Baskets containing the antecedent and the consequent. */
  count: number;
  /** count / number of baskets. */
  support: number;
  /** count / baskets containing the antecedent = P(consequent | antecedent). */
  confidence: number;
  /** confidence / support of the consequent (> 1: bought together more than by chance). */
  lift: number;
}

/** Result of {@link mineAssociationRules}. */
export interface AssociationRuleSet {
  /** All baskets, including empty ones (the support denominator). */
  basketCount: number;
  /** Distinct products seen. */
  itemCount: number;
  /** Products meeting the minimum support. */
  frequentItemCount: number;
  /** Itemsets of two products meeting the minimum support. */
  frequentPairCount: number;
  /** Rules sorted by lift, then confidence, then support (descending), then by ids. */
  rules: AssociationRule[];
}

interface EncodedBaskets {
  /** Product id of each item index. */
  items: string[];
  /** Number of baskets containing each item index. */
  itemCounts: number[];
  /** Each basket as sorted distinct item indices. */
  baskets: Int32Array[];
}

function encodeBaskets(baskets: Iterable<Basket>): EncodedBaskets {
  const index = new Map<string, number>();
  const items: string[] = [];
  const itemCounts: number[] = [];
  const encoded: Int32Array[] = [];
  for (const basket of baskets) {
    const ids = new Set<number>();
    for (const item of basket.items) {
      let id = index.get(item);
      if (id === undefined) {
        id = items.length;
        index.set(item, id);
        items.push(item);
        itemCounts.push(0);
      }
      ids.add(id);
    }
    for (const id of ids) {
      itemCounts[id]++;
    }
    encoded.push(Int32Array.from(ids));
  }
  return { items, itemCounts, baskets: encoded };
}

function increment(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Co-occurrence counts of frequent-product pairs (dense indices, i < j). */
interface PairCounts {
  /** Counts every pair of a basket given as ascending dense indices. */
  addBasket(basket: Int32Array): void;
  get(i: number, j: number): number;
  /** Calls `visit` for every pair seen at least once. */
  forEach(visit: (i: number, j: number, count: number) => void): void;
}

/** Upper-triangular Uint32Array: pair (i, j) lives at rowStart[i] + j. */
function densePairCounts(f: number): PairCounts {
  const counts = new Uint32Array((f * (f - 1)) / 2);
  const rowStart = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    rowStart[i] = (i * (2 * f - i - 1)) / 2 - i - 1;
  }
  return {
    addBasket(basket) {
      for (let a = 0; a < basket.length - 1; a++) {
        const row = rowStart[basket[a]];
        for (let b = a + 1; b < basket.length; b++) {
          counts[row + basket[b]]++;
        }
      }
    },
    get: (i, j) => counts[rowStart[i] + j],
    forEach(visit) {
      for (let i = 0; i < f - 1; i++) {
        for (let j = i + 1; j < f; j++) {
          const count = counts[rowStart[i] + j];
          if (count > 0) {
            visit(i, j, count);
          }
        }
      }
    },
  };
}

/** Map keyed by i·f + j. */
function sparsePairCounts(f: number): PairCounts {
  const counts = new Map<number, number>();
  return {
    addBasket(basket) {
      for (let a = 0; a < basket.length - 1; a++) {
        const base = basket[a] * f;
        for (let b = a + 1; b < basket.length; b++) {
          increment(counts, base + basket[b]);
        }
      }
    },
    get: (i, j) => counts.get(i * f + j) ?? 0,
    forEach(visit) {
      for (const [key, count] of counts) {
        visit(Math.floor(key / f), key % f, count);
      }
    },
  };
}

/** Code-unit order (locale-independent, so results are the same on every machine). */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareRules(x: AssociationRule, y: AssociationRule): number {
  return (
    y.lift - x.lift ||
    y.confidence - x.confidence ||
    y.support - x.support ||
    compareStrings(x.antecedent.join('\u0000'), y.antecedent.join('\u0000')) ||
    compareStrings(x.consequent, y.consequent)
  );
}

/**
 * Mines association rules from baskets.
 *
 * Cost: one pass to count products, one pass counting pairs of frequent products per basket
 * (Σ k²/2 over basket sizes k after dropping infrequent products), and with
 * `maxAntecedentSize: 2` one more pass over triples whose three sub-pairs are frequent.
 * Memory: the pair counts (see `maxDensePairCells`) plus one Map entry per counted triple.
 */
export function mineAssociationRules(
  baskets: Iterable<Basket>,
  options: AssociationRuleOptions = {},
): AssociationRuleSet {
  const minSupport = options.minSupport ?? 0.01;
  const minConfidence = options.minConfidence ?? 0.1;
  const minLift = options.minLift ?? 1;
  const maxAntecedentSize = options.maxAntecedentSize ?? 1;
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new RangeError(`minSupport must be in (0, 1], got ${minSupport}`);
  }

  const encoded = encodeBaskets(baskets);
  const n = encoded.baskets.length;
  const minCount = Math.max(1, Math.ceil(minSupport * n - 1e-9));

  // Dense indices for frequent products only.
  const frequent: number[] = [];
  const denseOf = new Int32Array(encoded.items.length).fill(-1);
  encoded.itemCounts.forEach((count, id) => {
    if (count >= minCount) {
      denseOf[id] = frequent.length;
      frequent.push(id);
    }
  });
  const f = frequent.length;
  const countOf = (dense: number) => encoded.itemCounts[frequent[dense]];
  const nameOf = (dense: number) => encoded.items[frequent[dense]];

  const filtered = encoded.baskets
    .map((basket) =>
      Int32Array.from(basket, (id) => denseOf[id])
        .filter((d) => d >= 0)
        .sort(),
    )
    .filter((basket) => basket.length >= 2);

  const maxDenseCells = options.maxDensePairCells ?? 2 ** 24;
  const pairs = (f * (f - 1)) / 2 <= maxDenseCells ? densePairCounts(f) : sparsePairCounts(f);
  for (const basket of filtered) {
    pairs.addBasket(basket);
  }
  const isFrequentPair = (i: number, j: number) => pairs.get(i, j) >= minCount;

  const rules: AssociationRule[] = [];
  const addRule = (antecedent: number[], antecedentCount: number, consequent: number, count: number) => {
    const confidence = count / antecedentCount;
    const lift = confidence / (countOf(consequent) / n);
    if (confidence >= minConfidence && lift >= minLift) {
      rules.push({
        antecedent: antecedent.map(nameOf).sort(),
        consequent: nameOf(consequent),
        count,
        support: count / n,
        confidence,
        lift,
      });
    }
  };

  let frequentPairCount = 0;
  pairs.forEach((i, j, count) => {
    if (count >= minCount) {
      frequentPairCount++;
      addRule([i], countOf(i), j, count);
      addRule([j], countOf(j), i, count);
    }
  });

  if (maxAntecedentSize === 2) {
    const tripleCounts = new Map<number, number>();
    for (const basket of filtered) {
      for (let x = 0; x < basket.length - 2; x++) {
        const a = basket[x];
        for (let y = x + 1; y < basket.length - 1; y++) {
          const b = basket[y];
          if (!isFrequentPair(a, b)) {
            continue;
          }
          for (let z = y + 1; z < basket.length; z++) {
            const c = basket[z];
            if (isFrequentPair(a, c) && isFrequentPair(b, c)) {
              increment(tripleCounts, (a * f + b) * f + c);
            }
          }
        }
      }
    }
    for (const [key, count] of tripleCounts) {
      if (count < minCount) {
        continue;
      }
      const c = key % f;
      const ab = Math.floor(key / f);
      const a = Math.floor(ab / f);
      const b = ab % f;
      addRule([a, b], pairs.get(a, b), c, count);
      addRule([a, c], pairs.get(a, c), b, count);
      addRule([b, c], pairs.get(b, c), a, count);
    }
  }

  rules.sort(compareRules);
  return {
    basketCount: n,
    itemCount: encoded.items.length,
    frequentItemCount: f,
    frequentPairCount,
    rules,
  };
}
