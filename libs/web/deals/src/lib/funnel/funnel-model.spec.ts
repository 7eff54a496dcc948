import type { DealFunnelResponse, FunnelStageResponse } from '@crm/shared/contracts';
import { fromIsoDay, funnelBars, isoDay, monthLabel, percent, wonCount } from './funnel-model';

const stage = (name: string, kind: FunnelStageResponse['kind'], reached: number): FunnelStageResponse => ({
  stageId: `id-${name}-${kind}-${reached}`,
  name,
  kind,
  entered: reached,
  reached,
  conversion: null,
  medianDays: null,
});

const funnel = (stages: FunnelStageResponse[]): DealFunnelResponse => ({
  pipelineId: 'p',
  from: '2026-11-01',
  to: '2026-11-30',
  currency: 'RUB',
  cohort: 10,
  stages,
  winRate: null,
  averageDealSize: null,
  medianCycleDays: null,
  unconvertedDeals: 0,
});

describe('funnelBars', () => {
  it('takes the open stages in order, then won, and leaves lost out', () => {
    const bars = funnelBars(
      funnel([stage('New', 'open', 10), stage('Won', 'won', 3), stage('Lost', 'lost', 4), stage('Offer', 'open', 6)]),
    );
    expect(bars.map((b) => [b.name, b.value, b.extra.kind])).toEqual([
      ['New', 10, 'open'],
      ['Offer', 6, 'open'],
      ['Won', 3, 'won'],
    ]);
  });

  it('keeps two stages with one name apart', () => {
    const bars = funnelBars(funnel([stage('Call', 'open', 5), stage('Call', 'open', 2)]));
    expect(bars.map((b) => b.name)).toEqual(['Call', 'Call (2)']);
  });

  it('is empty for a pipeline without stages', () => {
    expect(funnelBars(funnel([]))).toEqual([]);
  });
});

describe('wonCount', () => {
  it('is the won stage reached count', () => {
    expect(wonCount(funnel([stage('New', 'open', 4), stage('Won', 'won', 1), stage('Lost', 'lost', 2)]))).toBe(1);
    expect(wonCount(funnel([stage('New', 'open', 4)]))).toBe(0);
  });
});

describe('formatting', () => {
  it('writes shares as percentages of the locale', () => {
    expect(percent(1, 'en')).toBe('100%');
    expect(percent(2 / 3, 'en')).toBe('66.7%');
    expect(percent(0.5, 'ru').replace(/\s/g, ' ')).toBe('50 %');
    expect(percent(null, 'en')).toBe('–');
  });

  it('turns a local day into the datepicker date and back', () => {
    const day = fromIsoDay('2026-03-09');
    expect([day.getFullYear(), day.getMonth(), day.getDate(), day.getHours()]).toEqual([2026, 2, 9, 0]);
    expect(isoDay(day)).toBe('2026-03-09');
    expect(isoDay(fromIsoDay('2026-12-31'))).toBe('2026-12-31');
  });

  it('names a month', () => {
    expect(monthLabel('2026-11', 'en')).toBe('Nov 2026');
    expect(monthLabel('2027-01', 'en')).toBe('Jan 2027');
  });
});
