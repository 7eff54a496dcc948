import { simulateCustomerBase } from '@crm/api/analytics-models';
import { buildCustomerBase, type CustomerRow } from './customer-base';
import { FIT_SAMPLE, fitModels } from './customer-models.cache';

describe('customer base', () => {
  const rows: CustomerRow[] = [
    {
      clientId: 'a',
      days: 3,
      sales: 4,
      firstDay: '2026-01-01',
      lastDay: '2026-03-01',
      total: '400.50',
      firstDayValue: 100.5,
    },
    { clientId: 'b', days: 1, sales: 1, firstDay: '2026-03-10', lastDay: '2026-03-10', total: '50', firstDayValue: 50 },
  ];

  it('turns per-client rows into the BG/NBD calibration (days) and RFM inputs', () => {
    const base = buildCustomerBase(rows, '2026-03-31', 'RUB');
    expect(base.calibration.customers[0]).toMatchObject({
      customerId: 'a',
      x: 2,
      tx: 59,
      T: 89,
      averageRepeatValue: 150,
      totalValue: 400.5,
    });
    expect(base.calibration.customers[1]).toMatchObject({ customerId: 'b', x: 0, tx: 0, T: 21, averageRepeatValue: 0 });
    expect(base.scores.map((s) => [s.clientId, s.recencyDays, s.frequency, s.monetary])).toEqual([
      ['a', 30, 4, 400.5],
      ['b', 21, 1, 50],
    ]);
    expect(base.indexOf.get('b')).toBe(1);
  });
});

describe('fitModels', () => {
  it('says why there are no models without purchases or without repeat purchases', () => {
    expect(fitModels([])).toMatchObject({ status: 'no-purchases', bgnbd: null, gammaGamma: null });
    expect(fitModels([{ x: 0, tx: 0, T: 10, averageRepeatValue: 0 }])).toMatchObject({
      status: 'no-repeat-purchases',
      customers: 1,
    });
  });

  it('fits both models, on an even sample when the base is large', () => {
    const base = simulateCustomerBase({
      customers: FIT_SAMPLE * 2,
      seed: 7,
      bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
      observationLength: { min: 26, max: 78 },
    });
    const models = fitModels(base.map((c) => ({ x: c.x, tx: c.tx, T: c.T, averageRepeatValue: c.averageValue })));
    expect(models.status).toBe('fitted');
    expect(models.customers).toBe(FIT_SAMPLE * 2);
    // Half the customers give nearly the full-data maximum: r within 10% of the truth.
    expect(models.bgnbd?.r).toBeCloseTo(0.243, 1);
    expect(models.gammaGamma?.p).toBeGreaterThan(0);
  });
});
