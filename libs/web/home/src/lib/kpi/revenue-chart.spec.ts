import { axisMoney, axisTicks, tickLabel } from './revenue-chart';

describe('revenue chart axes', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

  it('labels at most the given number of dates, evenly, always the last one', () => {
    const ticks = axisTicks(days, 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.at(-1)).toBe('2026-11-30');
    expect(ticks).toEqual(['2026-11-05', '2026-11-10', '2026-11-15', '2026-11-20', '2026-11-25', '2026-11-30']);
    expect(axisTicks(days.slice(0, 4), 6)).toEqual(days.slice(0, 4));
  });

  it('writes dates and money the way each language reads them', () => {
    expect(tickLabel('2026-11-20', 'day', 'ru')).toBe('20 нояб.');
    expect(tickLabel('2026-11-20', 'day', 'en')).toBe('Nov 20');
    expect(tickLabel('2026-11-01', 'month', 'en')).toBe('Nov 2026');
    expect(axisMoney(12_000, 'GBP', 'en')).toBe('£12K');
    expect(axisMoney(12_000, 'GBP', 'ru').replace(/\s/g, ' ')).toBe('12 тыс. £');
  });
});
