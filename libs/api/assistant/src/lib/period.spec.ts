import { findPeriods, previousPeriod } from './period';

const TODAY = '2026-12-02';
const one = (text: string) => {
  const found = findPeriods(text, TODAY);
  expect(found).toHaveLength(1);
  return { from: found[0].from, to: found[0].to };
};

describe('findPeriods', () => {
  it.each([
    ['Какая выручка за 2024 год?', '2024-01-01', '2024-12-31'],
    ['revenue in 2024', '2024-01-01', '2024-12-31'],
    ['продажи в прошлом месяце', '2026-11-01', '2026-11-30'],
    ['sales last month', '2026-11-01', '2026-11-30'],
    ['выручка с марта по май', '2026-03-01', '2026-05-31'],
    ['выручка с марта по май 2025 года', '2025-03-01', '2025-05-31'],
    ['revenue from March to May 2025', '2025-03-01', '2025-05-31'],
    ['last quarter', '2026-07-01', '2026-09-30'],
    ['в прошлом квартале', '2026-07-01', '2026-09-30'],
    ['revenue in Q3 2025', '2025-07-01', '2025-09-30'],
    ['выручка в 3 квартале 2025', '2025-07-01', '2025-09-30'],
    ['выручка в третьем квартале 2025 года', '2025-07-01', '2025-09-30'],
    ['в марте 2025', '2025-03-01', '2025-03-31'],
    ['in March 2025', '2025-03-01', '2025-03-31'],
    ['за последние 30 дней', '2026-11-03', '2026-12-02'],
    ['past 3 months', '2026-09-01', '2026-11-30'],
    ['в этом году', '2026-01-01', '2026-12-31'],
    ['last year', '2025-01-01', '2025-12-31'],
    ['с 2025-01-01 по 2025-02-15', '2025-01-01', '2025-02-15'],
    ['01.02.2025–28.02.2025', '2025-02-01', '2025-02-28'],
    ['last week', '2026-11-23', '2026-11-29'],
    ['в декабре', '2026-12-01', '2026-12-31'],
  ])('%s → %s..%s', (text, from, to) => {
    expect(one(text)).toEqual({ from, to });
  });

  it('finds two periods in reading order for a comparison', () => {
    const found = findPeriods('сравни 2025 и 2024', TODAY);
    expect(found.map((p) => p.from)).toEqual(['2025-01-01', '2024-01-01']);
    const q = findPeriods('Q3 2025 vs Q2 2025', TODAY);
    expect(q.map((p) => [p.from, p.to])).toEqual([
      ['2025-07-01', '2025-09-30'],
      ['2025-04-01', '2025-06-30'],
    ]);
  });

  it('does not read "may" the verb as a month', () => {
    expect(findPeriods('what may I ask', TODAY)).toEqual([]);
  });

  it('steps back by whole months or by days', () => {
    expect(previousPeriod({ from: '2025-07-01', to: '2025-09-30' })).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(previousPeriod({ from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(previousPeriod({ from: '2026-11-03', to: '2026-12-02' })).toEqual({ from: '2026-10-04', to: '2026-11-02' });
  });
});
