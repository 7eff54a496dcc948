/**
 * Customer-model benchmarks: CDNOW fit, 100,000-customer synthetic BG/NBD fit, and association
 * rules on the UCI Online Retail invoices. Run with `npm run bench:customer-models`.
 */
import {
  AssociationRule,
  bgnbdConditionalExpectedPurchases,
  buildCalibrationSummary,
  fitBgNbd,
  fitCustomerModels,
  fitGammaGamma,
  mineAssociationRules,
  recommendForClients,
  simulateCustomerBase,
} from '@crm/api/analytics-models';
import { loadCdnowTransactions, loadRetailBaskets } from './data';

function time<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

const fmt = (v: number, digits = 4) => v.toFixed(digits);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function benchCdnow(): void {
  console.log('\n(a) CDNOW 1/10th sample, 39-week calibration (weeks)');
  const transactions = loadCdnowTransactions();
  const runs: number[] = [];
  let models = fitCustomerModels(
    buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'weeks' }),
  );
  for (let i = 0; i < 6; i++) {
    const run = time(() =>
      fitCustomerModels(buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'weeks' })),
    );
    runs.push(run.ms);
    models = run.result;
  }
  const { r, alpha, a, b } = models.bgnbd.params;
  const { p, q, gamma } = models.gammaGamma.params;
  console.log(
    `  summary + BG/NBD + Gamma-Gamma fit: first run ${ms(runs[0])}, median of next 5 ${ms(median(runs.slice(1)))} (target ≤ 1 s)`,
  );
  console.log(
    `  BG/NBD      r = ${fmt(r)}  α = ${fmt(alpha)}  a = ${fmt(a)}  b = ${fmt(b)}  LL = ${models.bgnbd.logLikelihood.toFixed(2)}  (published 0.243 / 4.414 / 0.793 / 2.426)`,
  );
  console.log(
    `  Gamma-Gamma p = ${fmt(p)}  q = ${fmt(q)}  γ = ${fmt(gamma)}  (published 6.25 / 3.74 / 15.44, ${models.gammaGamma.customers} repeat customers)`,
  );

  const calibration = buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
  const holdout = buildCalibrationSummary(
    transactions.filter((t) => String(t.date) >= '1997-10-01'),
    { calibrationEnd: '1998-06-30', timeUnit: 'weeks' },
  );
  const actual = holdout.customers.reduce((sum, c) => sum + c.x + 1, 0);
  const predicted = calibration.customers.reduce(
    (sum, c) => sum + bgnbdConditionalExpectedPurchases(models.bgnbd.params, c, 39),
    0,
  );
  console.log(
    `  holdout (39 weeks): predicted ${predicted.toFixed(0)} transactions, actual ${actual} (distinct customer-days)`,
  );
}

function benchSynthetic(): void {
  const customers = 100_000;
  const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const spend = { p: 6.25, q: 3.74, gamma: 15.44 };
  console.log(`\n(b) ${customers.toLocaleString('en')} synthetic customers from the BG/NBD + Gamma-Gamma process`);
  const simulated = time(() =>
    simulateCustomerBase({
      customers,
      bgnbd: truth,
      gammaGamma: spend,
      observationLength: { min: 26, max: 78 },
      seed: 2024,
    }),
  );
  const bgnbd = time(() => fitBgNbd(simulated.result));
  const gg = time(() => fitGammaGamma(simulated.result));
  const repeaters = simulated.result.filter((c) => c.x > 0).length;
  console.log(
    `  simulate ${ms(simulated.ms)}; BG/NBD fit ${ms(bgnbd.ms)} (${bgnbd.result.evaluations} likelihood evaluations, target ≤ 10 s); Gamma-Gamma fit ${ms(gg.ms)} (${repeaters.toLocaleString('en')} repeaters)`,
  );
  console.log('  parameter   true     recovered');
  for (const key of ['r', 'alpha', 'a', 'b'] as const) {
    console.log(`  ${key.padEnd(10)}  ${fmt(truth[key], 3).padEnd(7)}  ${fmt(bgnbd.result.params[key])}`);
  }
  for (const key of ['p', 'q', 'gamma'] as const) {
    console.log(`  ${key.padEnd(10)}  ${fmt(spend[key], 3).padEnd(7)}  ${fmt(gg.result.params[key])}`);
  }
}

/** One rule per itemset: rules arrive sorted, so the first seen has the highest lift, then confidence. */
function distinctItemsets(rules: readonly AssociationRule[]): AssociationRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = [...rule.antecedent, rule.consequent].sort().join('\u0000');
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

async function benchRules(): Promise<void> {
  console.log('\n(c) Association rules, UCI Online Retail (invoices as baskets)');
  const loaded = await timeAsync(loadRetailBaskets);
  const { rows, baskets, descriptions } = loaded.result;
  const sizes = baskets.map((b) => b.items.length);
  console.log(
    `  read + parse ${rows.toLocaleString('en')} rows: ${ms(loaded.ms)}; ${baskets.length.toLocaleString('en')} baskets, mean ${(sizes.reduce((s, v) => s + v, 0) / sizes.length).toFixed(1)} products, largest ${Math.max(...sizes)}`,
  );

  const name = (code: string) => `${descriptions.get(code) ?? '?'} [${code}]`;
  const show = (rule: AssociationRule) =>
    `${rule.antecedent.map(name).join(' + ')} → ${name(rule.consequent)}  support ${(100 * rule.support).toFixed(2)}%  confidence ${(100 * rule.confidence).toFixed(1)}%  lift ${rule.lift.toFixed(1)}`;

  const pairs = time(() => mineAssociationRules(baskets, { minSupport: 0.01, minConfidence: 0.1 }));
  const set = pairs.result;
  console.log(
    `  pairwise rules (support ≥ 1%, confidence ≥ 10%): ${ms(pairs.ms)}; ${set.itemCount.toLocaleString('en')} products, ${set.frequentItemCount} frequent, ${set.frequentPairCount} frequent pairs, ${set.rules.length} rules`,
  );
  console.log('  top 10 rules by lift (support ≥ 1%):');
  set.rules.slice(0, 10).forEach((rule, i) => console.log(`   ${String(i + 1).padStart(2)}. ${show(rule)}`));

  const popular = time(() => mineAssociationRules(baskets, { minSupport: 0.02, minConfidence: 0.1 }));
  console.log(
    `  support ≥ 2% (${ms(popular.ms)}), top 10 distinct product pairs by lift (the more confident direction):`,
  );
  distinctItemsets(popular.result.rules)
    .slice(0, 10)
    .forEach((rule, i) => console.log(`   ${String(i + 1).padStart(2)}. ${show(rule)}`));

  const triples = time(() =>
    mineAssociationRules(baskets, { minSupport: 0.01, minConfidence: 0.1, maxAntecedentSize: 2 }),
  );
  const twoToOne = triples.result.rules.filter((rule) => rule.antecedent.length === 2);
  console.log(`  with 2 → 1 rules: ${ms(triples.ms)}; ${twoToOne.length} extra rules; top 5 by lift:`);
  twoToOne.slice(0, 5).forEach((rule, i) => console.log(`   ${i + 1}. ${show(rule)}`));

  const withClient = baskets.filter((b) => b.clientId !== '');
  const recommendations = time(() => recommendForClients(withClient, triples.result.rules, { limit: 3 }));
  const served = recommendations.result.filter((c) => c.recommendations.length > 0).length;
  console.log(
    `  next-product recommendations for ${recommendations.result.length.toLocaleString('en')} clients: ${ms(recommendations.ms)} (${served.toLocaleString('en')} get at least one)`,
  );
  const example = recommendations.result.find((c) => c.recommendations.length === 3);
  if (example) {
    console.log(`  e.g. client ${example.clientId}:`);
    example.recommendations.forEach((r) => console.log(`     ${name(r.productId)}  via ${show(r.rule)}`));
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  benchCdnow();
  benchSynthetic();
  await benchRules();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
