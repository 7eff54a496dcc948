import {
  QuintileScore,
  RFM_RECENCY_CEILINGS,
  RFM_SEGMENT_GRID,
  RFM_SEGMENTS,
  RfmInput,
  rfmSegment,
  scoreRfm,
  summarizeRfmSegments,
} from './rfm';

/** Ten clients c0…c9 with distinct values: c9 is the most recent, most frequent, biggest spender. */
const distinct: RfmInput[] = Array.from({ length: 10 }, (_, i) => ({
  clientId: `c${i}`,
  recencyDays: 100 - 10 * i,
  frequency: i + 1,
  monetary: 50 * (i + 1),
}));

describe('scoreRfm', () => {
  it('splits distinct values into equal quintiles, recent/frequent/high = 5', () => {
    // Client i has i clients strictly worse on every dimension: score = 1 + ⌊5i/10⌋.
    const scores = scoreRfm(distinct);
    expect(scores.map((s) => s.r)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores.map((s) => s.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores.map((s) => s.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores[9]).toMatchObject({ code: '555', segment: 'champions', clientId: 'c9', monetary: 500 });
    expect(scores[0]).toMatchObject({ code: '111', segment: 'lost' });
  });

  it('calls nobody a champion when every client stopped buying long ago (recency measured at asOf)', () => {
    // The same ten clients seen 15 years after their last purchases: quintiles alone would still
    // make c6…c9 champions; the absolute ceilings put everyone at R = 1.
    const stale = distinct.map((c) => ({ ...c, recencyDays: c.recencyDays + 5_479 }));
    expect(scoreRfm(stale).filter((s) => s.segment === 'champions')).toHaveLength(4);
    const scores = scoreRfm(stale, RFM_RECENCY_CEILINGS);
    expect(scores.map((s) => s.r)).toEqual(Array(10).fill(1));
    expect(scores.map((s) => s.segment)).not.toContain('champions');
    expect(scores[9]).toMatchObject({ code: '155', segment: 'cannot_lose' });
  });

  it('caps R by the days since the last purchase: 90 → 3, 180 → 2, 365 → 1', () => {
    const at = (recencyDays: number) =>
      scoreRfm(
        [
          { clientId: 'x', recencyDays, frequency: 9, monetary: 900 },
          ...Array.from({ length: 9 }, (_, i) => ({
            clientId: `o${i}`,
            recencyDays: 1_000 + i,
            frequency: 1,
            monetary: 1,
          })),
        ],
        RFM_RECENCY_CEILINGS,
      )[0];
    expect(at(90)).toMatchObject({ r: 5, segment: 'champions' });
    expect(at(91)).toMatchObject({ r: 3, segment: 'loyal' });
    expect(at(181)).toMatchObject({ r: 2, segment: 'cannot_lose' });
    expect(at(366)).toMatchObject({ r: 1, segment: 'cannot_lose' });
  });

  it('gives tied clients the same score, independent of input order', () => {
    // Frequencies: six one-time buyers, then 2, 3, 3, 9.
    //   value 1: 0 worse → F = 1;  value 2: 6 worse → 1 + ⌊30/10⌋ = 4;
    //   value 3: 7 worse → 1 + ⌊35/10⌋ = 4;  value 9: 9 worse → 1 + ⌊45/10⌋ = 5.
    const frequencies = [1, 1, 1, 1, 1, 1, 2, 3, 3, 9];
    const inputs = frequencies.map((frequency, i) => ({ clientId: `k${i}`, recencyDays: 5, frequency, monetary: 10 }));
    const byId = (list: RfmInput[]) => new Map(scoreRfm(list).map((s) => [s.clientId, s]));
    const forward = byId(inputs);
    expect(inputs.map((i) => forward.get(i.clientId)?.f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 4, 5]);
    // Everybody ties on recency and monetary: nobody is strictly worse, so all score 1.
    expect([...forward.values()].every((s) => s.r === 1 && s.m === 1)).toBe(true);

    const reversed = byId([...inputs].reverse());
    for (const [id, score] of forward) {
      expect(reversed.get(id)).toEqual(score);
    }
  });

  it('rejects invalid inputs', () => {
    expect(() => scoreRfm([{ clientId: 'x', recencyDays: -1, frequency: 1, monetary: 1 }])).toThrow(RangeError);
    expect(() => scoreRfm([{ clientId: 'x', recencyDays: 1, frequency: Number.NaN, monetary: 1 }])).toThrow(RangeError);
  });

  it('returns nothing for no clients', () => {
    expect(scoreRfm([])).toEqual([]);
  });
});

describe('RFM segment map', () => {
  const scores: QuintileScore[] = [1, 2, 3, 4, 5];

  it('assigns a known segment to each of the 25 (R, F) combinations and uses every segment', () => {
    const used = new Set<string>();
    for (const r of scores) {
      for (const f of scores) {
        const segment = rfmSegment(r, f);
        expect(RFM_SEGMENTS).toContain(segment);
        used.add(segment);
      }
    }
    expect(used.size).toBe(RFM_SEGMENTS.length);
    expect(RFM_SEGMENT_GRID).toHaveLength(5);
  });

  it.each([
    [5, 5, 'champions'],
    [3, 4, 'loyal'],
    [4, 2, 'potential_loyalists'],
    [5, 1, 'new'],
    [2, 3, 'at_risk'],
    [1, 5, 'cannot_lose'],
    [2, 1, 'hibernating'],
    [1, 1, 'lost'],
  ] as const)('R = %p, F = %p → %p', (r, f, segment) => {
    expect(rfmSegment(r, f)).toBe(segment);
  });
});

describe('summarizeRfmSegments', () => {
  it('aggregates per segment, listing empty segments too', () => {
    const summary = summarizeRfmSegments(scoreRfm(distinct));
    expect(summary.map((s) => s.segment)).toEqual(RFM_SEGMENTS);
    expect(summary.reduce((n, s) => n + s.clients, 0)).toBe(10);
    // c6…c9 have R, F ∈ {4, 5} → champions: recency 40, 30, 20, 10 (mean 25);
    // monetary 350 + 400 + 450 + 500 = 1,700 of 2,750.
    const champions = summary.find((s) => s.segment === 'champions');
    expect(champions).toMatchObject({ clients: 4, clientShare: 0.4, meanRecencyDays: 25, totalMonetary: 1700 });
    expect(champions?.monetaryShare).toBeCloseTo(1700 / 2750, 12);
    const newcomers = summary.find((s) => s.segment === 'new');
    expect(newcomers).toMatchObject({ clients: 0, meanMonetary: 0, monetaryShare: 0 });
  });
});
