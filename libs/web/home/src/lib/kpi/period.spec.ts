import {
  chartGranularity,
  isValidRange,
  loadChoice,
  previousRange,
  rangeOf,
  saveChoice,
  type PeriodChoice,
} from './period';

const today = new Date(2026, 10, 20, 23, 59); // Friday 20 November 2026, local time

describe('start screen periods', () => {
  it.each<[PeriodChoice['preset'], string]>([
    ['last30', '2026-10-22'],
    ['last90', '2026-08-23'],
    ['last365', '2025-11-21'],
    ['month', '2026-11-01'],
    ['quarter', '2026-10-01'],
    ['year', '2026-01-01'],
  ])('%s runs from %s to today', (preset, from) => {
    expect(rangeOf({ preset }, today)).toEqual({ from, to: '2026-11-20' });
  });

  it('takes custom dates as given, and the last 30 days while they are invalid', () => {
    expect(rangeOf({ preset: 'custom', from: '2026-03-01', to: '2026-03-31' }, today)).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(rangeOf({ preset: 'custom', from: '2026-04-01', to: '2026-03-31' }, today)).toEqual({
      from: '2026-10-22',
      to: '2026-11-20',
    });
    expect(isValidRange('2026-01-01', undefined)).toBe(false);
    expect(isValidRange('2000-01-01', '2026-01-01')).toBe(false);
    expect(isValidRange('2026-02-30x', '2026-03-01')).toBe(false);
  });

  it('compares with the period of the same length just before', () => {
    expect(previousRange({ from: '2026-10-22', to: '2026-11-20' })).toEqual({ from: '2026-09-22', to: '2026-10-21' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  });

  it('draws days up to a quarter, weeks up to two years, months beyond', () => {
    expect(chartGranularity(rangeOf({ preset: 'last90' }, today))).toBe('day');
    expect(chartGranularity(rangeOf({ preset: 'last365' }, today))).toBe('week');
    expect(chartGranularity({ from: '2020-01-01', to: '2026-11-20' })).toBe('month');
  });

  it('remembers the choice and ignores a damaged entry', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(loadChoice(storage)).toEqual({ preset: 'last30' });
    saveChoice(storage, { preset: 'quarter' });
    expect(loadChoice(storage)).toEqual({ preset: 'quarter' });
    saveChoice(storage, { preset: 'custom', from: '2026-03-01', to: '2026-03-31' });
    expect(loadChoice(storage)).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-03-31' });
    store.set('crm.home.period', '{"preset":"forever"}');
    expect(loadChoice(storage)).toEqual({ preset: 'last30' });
    store.set('crm.home.period', '{oops');
    expect(loadChoice(storage)).toEqual({ preset: 'last30' });
  });
});
