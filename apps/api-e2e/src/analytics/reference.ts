/**
 * An independent, in-memory computation of the analytics contract, used to check the API field by
 * field: exact rationals (BigInt), local days from `Intl`, rates looked up sale by sale. Nothing
 * here shares code with the API.
 *
 * Returns (`kind: 'return'`): a paid, convertible return subtracts its amount (and its items) on its
 * own day, from revenue, from its client's revenue and from its products; it is not a sale, so no
 * count, buyer or first purchase moves.
 */

export type Status = 'pending' | 'paid' | 'cancelled' | 'refunded';
export const STATUSES: Status[] = ['pending', 'paid', 'cancelled', 'refunded'];

export interface RefSale {
  externalId: string;
  clientExternalId: string;
  amount: string;
  currency: string;
  soldAt: string;
  status: Status;
  kind?: 'sale' | 'return';
  /** The original's externalId (returns). */
  returnOf?: string;
  items?: { sku?: string | null; name: string; quantity: string; unitPrice: string }[];
}

export interface RefRate {
  currency: string;
  rate: string;
  validFrom: string;
}

const MINOR: Record<string, number> = { JPY: 0, KWD: 3 };
export const minor = (currency: string): number => MINOR[currency] ?? 2;

/** An exact fraction n/d, d > 0. */
interface Q {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const norm = (q: Q): Q => {
  const g = gcd(q.n, q.d) || 1n;
  return { n: q.n / g, d: q.d / g };
};
const ZERO: Q = { n: 0n, d: 1n };
const dec = (text: string): Q => {
  const [i, f = ''] = text.split('.');
  return norm({ n: BigInt(i + f), d: 10n ** BigInt(f.length) });
};
const add = (a: Q, b: Q): Q => norm({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const mul = (a: Q, b: Q): Q => norm({ n: a.n * b.n, d: a.d * b.d });
const div = (a: Q, b: Q): Q => norm({ n: a.n * b.d, d: a.d * b.n });

/** Half-up (away from zero) to `digits` fractional digits, as text with exactly that many. */
export function roundQ(q: Q, digits: number): string {
  const scaled = q.n * 10n ** BigInt(digits);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const units = (2n * abs + q.d) / (2n * q.d);
  const text = units.toString().padStart(digits + 1, '0');
  const out = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative && units !== 0n ? `-${out}` : out;
}

export function localDay(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const shiftDay = (date: string, days: number) =>
  new Date(dayMs(date) + days * 86_400_000).toISOString().slice(0, 10);

export function periodOf(day: string, granularity: 'day' | 'week' | 'month'): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7; // Monday = 0
  return shiftDay(day, -weekday);
}

export interface RefSummaryFigures {
  revenue: string;
  salesCount: number;
  buyers: number;
  newClients: number;
  returningClients: number;
  averageOrderValue: string | null;
  repeatPurchaseRate: number | null;
  returns: { count: number; amount: string };
}

export const isReturn = (sale: RefSale): boolean => sale.kind === 'return';
const neg = (q: Q): Q => ({ n: -q.n, d: q.d });

export class Reference {
  constructor(
    readonly timeZone: string,
    readonly baseCurrency: string,
    readonly rates: RefRate[],
    readonly sales: RefSale[],
    readonly clientNames: Map<string, string>,
  ) {}

  day(sale: RefSale): string {
    return localDay(sale.soldAt, this.timeZone);
  }

  /** Units of base per unit of `currency` on `day`; null when none is in force. */
  rate(currency: string, day: string): Q | null {
    if (currency === this.baseCurrency) return { n: 1n, d: 1n };
    const inForce = this.rates
      .filter((r) => r.currency === currency && r.validFrom <= day)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
    return inForce ? dec(inForce.rate) : null;
  }

  /** The sale's amount in `target`, or null when it cannot be converted. */
  converted(sale: RefSale, target: string): Q | null {
    if (sale.currency === target) return dec(sale.amount);
    const day = this.day(sale);
    const from = this.rate(sale.currency, day);
    const to = this.rate(target, day);
    return from && to ? div(mul(dec(sale.amount), from), to) : null;
  }

  inRange(sale: RefSale, from: string, to: string): boolean {
    const day = this.day(sale);
    return day >= from && day <= to;
  }

  /** Paid and convertible sales: what revenue and every count are made of. */
  counted(target: string): RefSale[] {
    return this.sales.filter((s) => !isReturn(s) && s.status === 'paid' && this.converted(s, target) !== null);
  }

  /** Paid and convertible returns: what revenue is net of. */
  paidReturns(target: string): RefSale[] {
    return this.sales.filter((s) => isReturn(s) && s.status === 'paid' && this.converted(s, target) !== null);
  }

  /** Counted sales and paid returns with their signed amounts in `target`. */
  private signed(target: string, from: string, to: string): { sale: RefSale; q: Q }[] {
    return [...this.counted(target), ...this.paidReturns(target)]
      .filter((s) => this.inRange(s, from, to))
      .map((sale) => {
        const q = this.converted(sale, target) as Q;
        return { sale, q: isReturn(sale) ? neg(q) : q };
      });
  }

  figures(from: string, to: string, target: string): RefSummaryFigures {
    const counted = this.counted(target);
    const inPeriod = counted.filter((s) => this.inRange(s, from, to));
    let revenue = ZERO;
    const perClient = new Map<string, number>();
    for (const s of inPeriod) {
      revenue = add(revenue, this.converted(s, target) as Q);
      perClient.set(s.clientExternalId, (perClient.get(s.clientExternalId) ?? 0) + 1);
    }
    const returns = this.paidReturns(target).filter((s) => this.inRange(s, from, to));
    const returned = returns.reduce((q, s) => add(q, this.converted(s, target) as Q), ZERO);
    revenue = add(revenue, neg(returned));
    const firstDay = new Map<string, string>();
    for (const s of counted) {
      const d = this.day(s);
      const prev = firstDay.get(s.clientExternalId);
      if (!prev || d < prev) firstDay.set(s.clientExternalId, d);
    }
    const buyers = perClient.size;
    const newClients = [...perClient.keys()].filter((c) => (firstDay.get(c) as string) >= from).length;
    const repeat = [...perClient.values()].filter((n) => n >= 2).length;
    return {
      revenue: roundQ(revenue, minor(target)),
      salesCount: inPeriod.length,
      buyers,
      newClients,
      returningClients: buyers - newClients,
      averageOrderValue: inPeriod.length
        ? roundQ(div(revenue, { n: BigInt(inPeriod.length), d: 1n }), minor(target))
        : null,
      repeatPurchaseRate: buyers ? repeat / buyers : null,
      returns: { count: returns.length, amount: roundQ(returned, minor(target)) },
    };
  }

  /** Sales of `statuses` in the period that cannot be converted, per currency. */
  unconverted(from: string, to: string, target: string, statuses: Status[] = ['paid']) {
    // Returns are read with the paid sales only (revenue is net of paid returns).
    const left = this.sales.filter(
      (s) =>
        (isReturn(s) ? s.status === 'paid' && statuses.includes('paid') : statuses.includes(s.status)) &&
        this.inRange(s, from, to) &&
        this.converted(s, target) === null,
    );
    const byCurrency = new Map<string, RefSale[]>();
    for (const s of left) byCurrency.set(s.currency, [...(byCurrency.get(s.currency) ?? []), s]);
    return [...byCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, sales]) => ({
        currency,
        salesCount: sales.length,
        amount: roundQ(
          sales.reduce((q, s) => add(q, isReturn(s) ? neg(dec(s.amount)) : dec(s.amount)), ZERO),
          minor(currency),
        ),
        externalIds: sales.map((s) => s.externalId).sort(),
      }));
  }

  timeseries(from: string, to: string, granularity: 'day' | 'week' | 'month', target: string) {
    const points: { period: string; revenue: string; salesCount: number }[] = [];
    const sums = new Map<string, { q: Q; n: number }>();
    for (const { sale, q } of this.signed(target, from, to)) {
      const p = periodOf(this.day(sale), granularity);
      const cur = sums.get(p) ?? { q: ZERO, n: 0 };
      sums.set(p, { q: add(cur.q, q), n: cur.n + (isReturn(sale) ? 0 : 1) });
    }
    for (let day = from; day <= to; day = shiftDay(day, 1)) {
      const p = periodOf(day, granularity);
      if (points.length && points[points.length - 1].period === p) continue;
      const sum = sums.get(p);
      points.push({ period: p, revenue: roundQ(sum?.q ?? ZERO, minor(target)), salesCount: sum?.n ?? 0 });
    }
    return points;
  }

  topClients(from: string, to: string, target: string, limit: number) {
    const per = new Map<string, { q: Q; n: number }>();
    for (const { sale, q } of this.signed(target, from, to)) {
      const cur = per.get(sale.clientExternalId) ?? { q: ZERO, n: 0 };
      per.set(sale.clientExternalId, { q: add(cur.q, q), n: cur.n + (isReturn(sale) ? 0 : 1) });
    }
    return [...per.entries()]
      .sort(([, a], [, b]) => {
        const diff = a.q.n * b.q.d - b.q.n * a.q.d;
        return diff > 0n ? -1 : diff < 0n ? 1 : 0;
      })
      .slice(0, limit)
      .map(([client, v]) => ({
        client,
        name: this.clientNames.get(client) ?? null,
        revenue: roundQ(v.q, minor(target)),
        salesCount: v.n,
      }));
  }

  byStatus(from: string, to: string, target: string) {
    return STATUSES.map((status) => {
      const sales = this.sales.filter(
        (s) => !isReturn(s) && s.status === status && this.inRange(s, from, to) && this.converted(s, target) !== null,
      );
      // The paid amount is net of the paid returns, as revenue is.
      const returns = status === 'paid' ? this.paidReturns(target).filter((s) => this.inRange(s, from, to)) : [];
      return {
        status,
        salesCount: sales.length,
        amount: roundQ(
          add(
            sales.reduce((q, s) => add(q, this.converted(s, target) as Q), ZERO),
            neg(returns.reduce((q, s) => add(q, this.converted(s, target) as Q), ZERO)),
          ),
          minor(target),
        ),
      };
    });
  }

  products(from: string, to: string, target: string) {
    const per = new Map<string, { q: Q; quantity: Q; sales: Set<string> }>();
    for (const { sale: s } of this.signed(target, from, to)) {
      const day = this.day(s);
      const factor =
        s.currency === target ? { n: 1n, d: 1n } : div(this.rate(s.currency, day) as Q, this.rate(target, day) as Q);
      const sign = isReturn(s) ? neg({ n: 1n, d: 1n }) : { n: 1n, d: 1n };
      for (const item of s.items ?? []) {
        const key = item.sku ? `sku:${item.sku}` : `name:${item.name}`;
        const cur = per.get(key) ?? { q: ZERO, quantity: ZERO, sales: new Set<string>() };
        cur.q = add(cur.q, mul(mul(mul(dec(item.quantity), dec(item.unitPrice)), factor), sign));
        cur.quantity = add(cur.quantity, mul(dec(item.quantity), sign));
        if (!isReturn(s)) cur.sales.add(s.externalId);
        per.set(key, cur);
      }
    }
    return [...per.entries()]
      .map(([key, v]) => ({
        key,
        revenue: roundQ(v.q, minor(target)),
        exact: v.q,
        quantity: Number(roundQ(v.quantity, 3)),
        salesCount: v.sales.size,
      }))
      .sort((a, b) => {
        const diff = a.exact.n * b.exact.d - b.exact.n * a.exact.d;
        return diff > 0n ? -1 : diff < 0n ? 1 : a.key < b.key ? -1 : 1;
      });
  }
}
