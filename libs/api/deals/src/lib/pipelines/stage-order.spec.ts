import { afterLastOpen, moved, stageSetErrors } from './stage-order';

describe('stage order', () => {
  it('moves an id to a position, clamped to the list, keeping the others in order', () => {
    expect(moved(['a', 'b', 'c', 'd'], 'c', 0)).toEqual(['c', 'a', 'b', 'd']);
    expect(moved(['a', 'b', 'c', 'd'], 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moved(['a', 'b', 'c', 'd'], 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moved(['a'], 'a', 0)).toEqual(['a']);
  });

  it('puts a new stage after the last open one, before won and lost', () => {
    expect(afterLastOpen(['open', 'open', 'won', 'lost'])).toBe(2);
    expect(afterLastOpen(['open', 'won', 'open'])).toBe(3);
    expect(afterLastOpen(['won', 'lost'])).toBe(0);
    expect(afterLastOpen([])).toBe(0);
  });

  it('accepts the default stages and refuses sets that make no pipeline', () => {
    const ok = [
      { name: 'Новая' },
      { name: 'Выиграна', kind: 'won' as const },
      { name: 'Проиграна', kind: 'lost' as const },
    ];
    expect(stageSetErrors(ok)).toEqual([]);
    expect(stageSetErrors([{ name: 'Выиграна', kind: 'won' }]).map((e) => e.field)).toEqual(['stages']);
    expect(
      stageSetErrors([{ name: 'A' }, { name: 'W1', kind: 'won' }, { name: 'W2', kind: 'won' }]).map((e) => e.messages),
    ).toEqual([['stages may include one won stage at most']]);
    expect(stageSetErrors([{ name: 'Счёт' }, { name: 'СЧЁТ' }, { name: 'счёт' }]).map((e) => e.field)).toEqual([
      'stages.1.name',
      'stages.2.name',
    ]);
  });
});
