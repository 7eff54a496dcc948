import { zonedLocalToIso } from './zoned-time';

const london = (local: string) => zonedLocalToIso(local, 'Europe/London');

describe('zonedLocalToIso', () => {
  it('writes winter times in London with +00:00', () => {
    expect(london('2010-12-01 08:26:00')).toBe('2010-12-01T08:26:00+00:00');
  });

  it('writes summer times in London with +01:00', () => {
    expect(london('2011-06-15 10:15:00')).toBe('2011-06-15T10:15:00+01:00');
  });

  it('switches on the days the clocks change (2011-03-27 and 2011-10-30)', () => {
    expect(london('2011-03-27 00:59:00')).toBe('2011-03-27T00:59:00+00:00');
    expect(london('2011-03-27 02:00:00')).toBe('2011-03-27T02:00:00+01:00');
    expect(london('2011-10-30 00:30:00')).toBe('2011-10-30T00:30:00+01:00');
    expect(london('2011-10-30 02:00:00')).toBe('2011-10-30T02:00:00+00:00');
  });

  it('reads a repeated hour as its first occurrence', () => {
    expect(london('2011-10-30 01:30:00')).toBe('2011-10-30T01:30:00+01:00');
  });

  it('is the same instant as the wall time in that zone', () => {
    const iso = zonedLocalToIso('2011-07-01 09:00:00', 'Europe/Moscow');
    expect(iso).toBe('2011-07-01T09:00:00+04:00');
    expect(new Date(iso).toISOString()).toBe('2011-07-01T05:00:00.000Z');
  });

  it('rejects text that is not a local date-time', () => {
    expect(() => london('01/12/2010 08:26')).toThrow();
  });
});
