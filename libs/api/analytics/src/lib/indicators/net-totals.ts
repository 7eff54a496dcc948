/** Revenue net of returns: `paid` sales minus `return:paid` returns, per bucket. */
import { sumDecimals } from '../decimal';
import type { BucketTotal } from './indicator-source';

export interface NetTotal {
  /** Paid sales minus paid returns, exact (unrounded) in the requested currency. */
  revenue: string;
  /** Paid sales (returns are not sales). */
  salesCount: number;
  /** Paid returns and what they gave back (exact, positive). */
  returnsCount: number;
  returned: string;
}

export const ZERO_NET: NetTotal = { revenue: '0', salesCount: 0, returnsCount: 0, returned: '0' };

const negate = (decimal: string): string => (decimal.startsWith('-') ? decimal.slice(1) : `-${decimal}`);

/** Net totals by bucket from totals read with `REVENUE_STATUSES`. */
export function netTotals(totals: readonly BucketTotal[]): Map<string, NetTotal> {
  const byBucket = new Map<string, NetTotal>();
  for (const t of totals) {
    const net = byBucket.get(t.bucket) ?? { ...ZERO_NET };
    if (t.status === 'paid') {
      net.revenue = sumDecimals([net.revenue, t.revenue]);
      net.salesCount += t.salesCount;
    } else if (t.status === 'return:paid') {
      net.revenue = sumDecimals([net.revenue, negate(t.revenue)]);
      net.returned = sumDecimals([net.returned, t.revenue]);
      net.returnsCount += t.salesCount;
    } else {
      continue;
    }
    byBucket.set(t.bucket, net);
  }
  return byBucket;
}
