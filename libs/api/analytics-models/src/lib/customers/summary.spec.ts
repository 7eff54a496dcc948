import { buildCalibrationSummary, CustomerTransaction } from './summary';

describe('buildCalibrationSummary', () => {
  const transactions: CustomerTransaction[] = [
    // Customer A: two purchases on 1 Jan (one transaction worth 15), then 8 Jan and 22 Jan;
    // the 10 Feb purchase is after the calibration end and must be ignored.
    { customerId: 'A', date: '2024-01-01', amount: 10 },
    { customerId: 'A', date: '2024-01-01T18:30:00', amount: 5 },
    { customerId: 'A', date: '2024-01-22', amount: 30 },
    { customerId: 'A', date: new Date(Date.UTC(2024, 0, 8, 12)), amount: 20 },
    { customerId: 'A', date: '2024-02-10', amount: 99 },
    // Customer B: a single purchase on the calibration end date itself.
    { customerId: 'B', date: '2024-01-31', amount: 7 },
    // Customer C: first purchase after the calibration end → not in the summary.
    { customerId: 'C', date: '2024-02-01', amount: 12 },
  ];

  it('counts distinct purchase days and measures t_x and T in weeks', () => {
    const summary = buildCalibrationSummary(transactions, { calibrationEnd: '2024-01-31', timeUnit: 'weeks' });
    expect(summary.timeUnit).toBe('weeks');
    expect(summary.calibrationEnd).toBe('2024-01-31');
    expect(summary.customers).toEqual([
      {
        customerId: 'A',
        x: 2, // 8 Jan and 22 Jan are repeat days; the two 1 Jan rows are one transaction
        tx: 3, // 1 Jan → 22 Jan = 21 days
        T: 30 / 7, // 1 Jan → 31 Jan = 30 days
        averageRepeatValue: 25, // (20 + 30) / 2: the first day's 15 is excluded
        totalValue: 65, // 15 + 20 + 30
        firstPurchaseDate: '2024-01-01',
        lastPurchaseDate: '2024-01-22',
      },
      {
        customerId: 'B',
        x: 0,
        tx: 0,
        T: 0,
        averageRepeatValue: 0,
        totalValue: 7,
        firstPurchaseDate: '2024-01-31',
        lastPurchaseDate: '2024-01-31',
      },
    ]);
  });

  it('measures time in days when asked', () => {
    const summary = buildCalibrationSummary(transactions, {
      calibrationEnd: new Date(Date.UTC(2024, 0, 31)),
      timeUnit: 'days',
    });
    const a = summary.customers.find((c) => c.customerId === 'A');
    expect(a).toMatchObject({ x: 2, tx: 21, T: 30 });
  });

  it('rejects invalid dates and amounts', () => {
    const options = { calibrationEnd: '2024-01-31', timeUnit: 'days' } as const;
    expect(() => buildCalibrationSummary([{ customerId: 'X', date: 'not a date', amount: 1 }], options)).toThrow(
      RangeError,
    );
    expect(() =>
      buildCalibrationSummary([{ customerId: 'X', date: '2024-01-01', amount: Number.NaN }], options),
    ).toThrow(RangeError);
  });
});
