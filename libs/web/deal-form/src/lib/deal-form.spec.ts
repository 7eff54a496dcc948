import { changedFields, dueMoment, normaliseDealAmount, parseProbability, timeOf } from './deal-form';

describe('deal form values', () => {
  it('reads amounts the way Russian and English users type them', () => {
    expect(normaliseDealAmount('1 234,5')).toBe('1234.50');
    expect(normaliseDealAmount('250000')).toBe('250000.00');
    expect(normaliseDealAmount('12.345')).toBeNull();
    expect(normaliseDealAmount('-5')).toBeNull();
    expect(normaliseDealAmount('')).toBeNull();
  });

  it('leaves an empty probability to the stage and rejects out-of-range ones', () => {
    expect(parseProbability('')).toBeNull();
    expect(parseProbability('40')).toBe(40);
    expect(parseProbability('100')).toBe(100);
    expect(parseProbability('101')).toBeUndefined();
    expect(parseProbability('4.5')).toBeUndefined();
  });

  it('joins a picked day and a time into the moment, and back', () => {
    const moment = dueMoment(new Date(2026, 11, 3), '14:30');
    expect(moment).toBe(new Date(2026, 11, 3, 14, 30).toISOString());
    expect(timeOf(moment)).toBe('14:30');
    expect(dueMoment(null, '14:30')).toBeNull();
  });

  it('sends only what changed on edit', () => {
    expect(
      changedFields(
        { title: 'A', amount: '10.00', ownerId: 'u1', source: null },
        { title: 'A', amount: '12.00', ownerId: 'u1', source: null },
      ),
    ).toEqual({ amount: '12.00' });
  });
});
