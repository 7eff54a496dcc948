import type { DealFunnelResponse, DealOwnersResponse, DealPipelineValueResponse } from '@crm/shared/contracts';
import { type FigureNames, funnelTable, ownersTable, valueTables } from './funnel-tables';

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const names: FigureNames = {
  lang: 'ru',
  owner: (ownerId) => (ownerId === 'u1' ? 'anna' : 'Неизвестный'),
  month: (month) => month ?? 'Без даты',
};

describe('funnel page tables', () => {
  it('formats the funnel by stage and marks the rows the page and its tests find', () => {
    const funnel = {
      currency: 'RUB',
      stages: [
        { stageId: 's1', name: 'Новая', kind: 'open', entered: 1200, reached: 1200, conversion: 1, medianDays: 2.25 },
        { stageId: 's2', name: 'Выиграна', kind: 'won', entered: 3, reached: 3, conversion: null, medianDays: null },
      ],
    } as DealFunnelResponse;
    const table = funnelTable(funnel, 'ru');
    expect(table.testId).toBe('funnel-table');
    expect(table.heads).toHaveLength(5);
    expect(table.rows[0]).toMatchObject({
      key: 's1',
      head: 'Новая',
      kind: 'open',
      stage: 'Новая',
      testId: 'funnel-row',
    });
    expect(table.rows[0].cells.map((cell) => spaces(cell.text))).toEqual(['1 200', '1 200', '100 %', '2,3']);
    expect(table.rows[0].cells[1].testId).toBe('funnel-reached');
    expect(table.rows[1].cells.map((cell) => cell.text)).toEqual(['3', '3', '–', '–']);
  });

  it('values the open deals by stage with totals, and by month only when a deal has a close month', () => {
    const value = {
      currency: 'RUB',
      byStage: [{ stageId: 's1', name: 'Новая', count: 2, value: '1500.00', weightedValue: '750.00' }],
      byCloseMonth: [],
      totalValue: '1500.00',
      totalWeightedValue: '750.00',
    } as unknown as DealPipelineValueResponse;
    const [byStage, ...rest] = valueTables(value, names);
    expect(rest).toEqual([]);
    expect(byStage.caption).toBe('deals.analytics.byStage');
    expect(byStage.rows[0].cells.map((cell) => spaces(cell.text))).toEqual(['2', '1 500,00 ₽', '750,00 ₽']);
    expect(byStage.totals?.map((cell) => spaces(cell.text))).toEqual(['', '1 500,00 ₽', '750,00 ₽']);

    const withMonths = { ...value, byCloseMonth: [{ month: null, count: 1, value: '10.00', weightedValue: '5.00' }] };
    const byMonth = valueTables(withMonths, names)[1];
    expect(byMonth).toMatchObject({ testId: 'value-by-month', caption: 'deals.analytics.byMonth', totals: null });
    expect(byMonth.rows[0].head).toBe('Без даты');
  });

  it('names the owners and formats their figures', () => {
    const owners = {
      currency: 'RUB',
      items: [
        { ownerId: 'u1', deals: 4, won: 1, lost: 1, winRate: 0.5, wonValue: '100.00', openDeals: 2, openValue: '0' },
        { ownerId: null, deals: 1, won: 0, lost: 0, winRate: null, wonValue: '0', openDeals: 1, openValue: '0' },
      ],
    } as DealOwnersResponse;
    const table = ownersTable(owners, names);
    expect(table.heads).toHaveLength(8);
    expect(table.rows.map((row) => [row.head, row.testId])).toEqual([
      ['anna', 'owner-row'],
      ['Неизвестный', 'owner-row'],
    ]);
    expect(spaces(table.rows[0].cells[3].text)).toBe('50 %');
  });
});
