import { funnelStages, share } from './deals-analytics.service';

const stage = (stageId: string, kind: 'open' | 'won' | 'lost', entered: number, furthest: number) => ({
  stageId,
  name: stageId,
  kind,
  entered,
  furthest,
  medianDays: null,
});

describe('funnelStages', () => {
  it('reaches a stage from every deal whose furthest open or won stage is it or later; lost stands apart', () => {
    // 10 deals: 3 got no further than the first stage, 4 than the second, 1 than the third, 2 won.
    const stages = funnelStages(
      [
        stage('new', 'open', 10, 3),
        stage('qual', 'open', 7, 4),
        stage('offer', 'open', 2, 1),
        stage('won', 'won', 2, 2),
        stage('lost', 'lost', 4, 0),
      ],
      10,
    );
    expect(stages.map((s) => [s.stageId, s.entered, s.reached, s.conversion])).toEqual([
      ['new', 10, 10, 1],
      ['qual', 7, 7, 0.7],
      ['offer', 2, 3, 0.4286],
      ['won', 2, 2, 0.6667],
      ['lost', 4, 4, 0.4],
    ]);
  });

  it('answers null conversions for an empty cohort, never a division by zero', () => {
    const stages = funnelStages(
      [stage('new', 'open', 0, 0), stage('won', 'won', 0, 0), stage('lost', 'lost', 0, 0)],
      0,
    );
    expect(stages.map((s) => s.conversion)).toEqual([null, null, null]);
    expect(share(0, 0)).toBeNull();
    expect(share(1, 3)).toBe(0.3333);
  });
});
