/** Console output shared by the loaders. */
import type { BatchCounts, PushTotals } from './batch-pipeline';

const n = (value: number) => value.toLocaleString('en-US');

export function formatCounts(counts: BatchCounts): string {
  return `created ${n(counts.created)}, updated ${n(counts.updated)}, unchanged ${n(counts.unchanged)}, failed ${n(counts.failed)}`;
}

export function printTotals(totals: PushTotals, seconds: number): void {
  const sales = totals.sales.created + totals.sales.updated + totals.sales.unchanged + totals.sales.failed;
  console.log(`  clients: ${formatCounts(totals.clients)}`);
  console.log(`  sales:   ${formatCounts(totals.sales)}`);
  console.log(
    `  ${n(sales)} sales with ${n(totals.itemLines)} lines in ${seconds.toFixed(1)} s: ` +
      `${n(Math.round(sales / seconds))} sales/s, ${n(Math.round(totals.itemLines / seconds))} lines/s ` +
      `(${n(totals.requests)} requests)`,
  );
  for (const sample of totals.failureSamples) console.log(`  failed ${sample}`);
}

/** Exits with the message of an error, without a stack for the expected ones. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
