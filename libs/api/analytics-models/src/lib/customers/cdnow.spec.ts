/**
 * End-to-end check on the CDNOW 1/10th sample (Fader, Hardie & Lee 2005), read from
 * `../shared/data/cdnow` relative to the repository root. Reference values and the calibration
 * protocol are those documented in that folder's README.md.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { BgNbdParams, bgnbdConditionalExpectedPurchases, fitBgNbd } from './bgnbd';
import { CustomerModels, customerOutlook, fitCustomerModels } from './outlook';
import { buildCalibrationSummary, CalibrationSummary, CustomerTransaction } from './summary';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No nx.json above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

const DATA_DIR = resolve(findRepoRoot(__dirname), '../shared/data/cdnow');
const HAS_DATA = existsSync(join(DATA_DIR, 'CDNOW_sample.txt'));
const describeWithData = HAS_DATA ? describe : describe.skip;

/** Columns: master id, sample id, YYYYMMDD, CDs, dollars (whitespace-separated, CRLF). */
function loadTransactions(): CustomerTransaction[] {
  return readFileSync(join(DATA_DIR, 'CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId, day, , dollars] = line.trim().split(/\s+/);
      return {
        customerId: String(Number(sampleId)),
        date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
        amount: Number(dollars),
      };
    });
}

/** `ID,frequency,recency,T` in weeks. */
function loadPublishedSummary(): Map<string, { frequency: number; recency: number; T: number }> {
  const rows = readFileSync(join(DATA_DIR, 'cdnow_customers_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    rows.map((row) => {
      const [id, frequency, recency, T] = row.split(',');
      return [id, { frequency: Number(frequency), recency: Number(recency), T: Number(T) }];
    }),
  );
}

function expectWithinRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);
}

describeWithData(`CDNOW sample, 39-week calibration${HAS_DATA ? '' : ` (skipped: no data at ${DATA_DIR})`}`, () => {
  // Loaded in beforeAll: jest runs describe bodies even when the block is skipped.
  let transactions: CustomerTransaction[];
  let summary: CalibrationSummary;
  let models: CustomerModels;
  let params: BgNbdParams;

  beforeAll(() => {
    transactions = loadTransactions();
    summary = buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
    models = fitCustomerModels(summary);
    params = models.bgnbd.params;
  });

  it('reads the whole log', () => {
    expect(transactions).toHaveLength(6919);
    expect(new Set(transactions.map((t) => t.customerId)).size).toBe(2357);
  });

  it('builds the same (x, t_x, T) summary as cdnow_customers_summary.csv', () => {
    const published = loadPublishedSummary();
    expect(summary.customers).toHaveLength(published.size);
    for (const customer of summary.customers) {
      const row = published.get(customer.customerId);
      expect(row).toBeDefined();
      expect(customer.x).toBe(row?.frequency);
      expect(Math.abs(customer.tx - (row?.recency ?? Number.NaN))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(customer.T - (row?.T ?? Number.NaN))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(summary.customers.reduce((sum, c) => sum + c.x, 0)).toBe(2457);
  });

  it("reproduces the repeat customers' average-spend statistics", () => {
    // README: 946 repeaters; mean 35.08, sd 30.28, min 2.99, median 27.50, max 299.63.
    const values = summary.customers
      .filter((c) => c.x > 0)
      .map((c) => c.averageRepeatValue)
      .sort((p, q) => p - q);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const median = (values[(values.length - 1) >> 1] + values[values.length >> 1]) / 2;
    expect(values).toHaveLength(946);
    expect(mean).toBeCloseTo(35.08, 2);
    expect(sd).toBeCloseTo(30.28, 2);
    expect(values[0]).toBeCloseTo(2.99, 2);
    expect(median).toBeCloseTo(27.5, 2);
    expect(values[values.length - 1]).toBeCloseTo(299.63, 2);
  });

  it('fits BG/NBD within 1% of the published r = 0.243, α = 4.414, a = 0.793, b = 2.426', () => {
    expect(models.bgnbd.converged).toBe(true);
    expectWithinRelative(params.r, 0.243, 0.01);
    expectWithinRelative(params.alpha, 4.414, 0.01);
    expectWithinRelative(params.a, 0.793, 0.01);
    expectWithinRelative(params.b, 2.426, 0.01);
  });

  it("agrees with lifetimes' unrounded optimum to 0.1%", () => {
    // lifetimes docs/Quickstart.md: r = 0.242593, α = 4.413532, a = 0.792886, b = 2.425752.
    expectWithinRelative(params.r, 0.242593, 0.001);
    expectWithinRelative(params.alpha, 4.413532, 0.001);
    expectWithinRelative(params.a, 0.792886, 0.001);
    expectWithinRelative(params.b, 2.425752, 0.001);
  });

  it("matches Hardie's spreadsheet expectations (as quoted in lifetimes' tests)", () => {
    // Customer with x = 2, t_x = 30.43, T = 38.86 over the next 39 weeks: 1.226.
    expect(Math.abs(bgnbdConditionalExpectedPurchases(params, { x: 2, tx: 30.43, T: 38.86 }, 39) - 1.226)).toBeLessThan(
      0.001,
    );
    // Unconditional E[X(t)] = expectation for a customer just acquired (x = 0, T = 0).
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => {
      expect(Math.abs(bgnbdConditionalExpectedPurchases(params, { x: 0, tx: 0, T: 0 }, t) - expected[i])).toBeLessThan(
        0.001,
      );
    });
  });

  it('fits Gamma-Gamma on the 946 repeaters within 1% of the published p = 6.25, q = 3.74, γ = 15.44', () => {
    expect(models.gammaGamma.converged).toBe(true);
    expect(models.gammaGamma.customers).toBe(946);
    const spend = models.gammaGamma.params;
    expectWithinRelative(spend.p, 6.25, 0.01);
    expectWithinRelative(spend.q, 3.74, 0.01);
    expectWithinRelative(spend.gamma, 15.44, 0.01);
  });

  it('gives the same model in days, with α scaled by 7', () => {
    const daily = fitBgNbd(
      buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'days' }).customers,
    );
    expectWithinRelative(daily.params.alpha / 7, params.alpha, 1e-4);
    expectWithinRelative(daily.params.r, params.r, 1e-4);
    expectWithinRelative(daily.params.a, params.a, 1e-4);
    expectWithinRelative(daily.params.b, params.b, 1e-4);
  });

  it("combines both models into each customer's 39-week outlook", () => {
    const outlook = customerOutlook(models, summary, { horizonDays: 273 });
    expect(outlook).toHaveLength(2357);
    // Conditional expected spend of customers 1–10 from Hardie's spreadsheet (lifetimes' tests).
    const expectedSpend = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    expectedSpend.forEach((value, i) => {
      expect(outlook[i].customerId).toBe(String(i + 1));
      expect(Math.abs(outlook[i].expectedAverageValue - value)).toBeLessThan(0.01);
    });
    const first = outlook[0]; // x = 2, t_x = 30.43, T = 38.86
    expect(Math.abs(first.expectedPurchases - 1.226)).toBeLessThan(0.001);
    expect(first.expectedValue).toBeCloseTo(first.expectedPurchases * first.expectedAverageValue, 12);
    expect(first.pAlive).toBeGreaterThan(0);
    expect(first.pAlive).toBeLessThan(1);
    for (const o of outlook) {
      expect(o.pAlive).toBeGreaterThan(0);
      expect(o.pAlive).toBeLessThanOrEqual(1);
      expect(o.expectedValue).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses a summary in another time unit than the models', () => {
    const daily = buildCalibrationSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'days' });
    expect(() => customerOutlook(models, daily, { horizonDays: 30 })).toThrow(RangeError);
  });
});
