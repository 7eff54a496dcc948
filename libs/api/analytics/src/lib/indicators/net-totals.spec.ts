import { netTotals } from './net-totals';

describe('netTotals', () => {
  it('subtracts paid returns from paid sales per bucket and counts them apart', () => {
    const net = netTotals([
      { bucket: '2026-01-01', status: 'paid', revenue: '100.5', salesCount: 3 },
      { bucket: '2026-01-01', status: 'return:paid', revenue: '20.25', salesCount: 2 },
      { bucket: '2026-01-01', status: 'pending', revenue: '999', salesCount: 9 },
      { bucket: '2026-02-01', status: 'return:paid', revenue: '7', salesCount: 1 },
    ]);
    expect(net.get('2026-01-01')).toEqual({ revenue: '80.25', salesCount: 3, returnsCount: 2, returned: '20.25' });
    expect(net.get('2026-02-01')).toEqual({ revenue: '-7', salesCount: 0, returnsCount: 1, returned: '7' });
  });
});
