import { type ReportDraft, RulesNarrator } from '@crm/api/reports';
import { checkFigures, reportNumbers, statedFigures } from '@crm/api/reports';
import { Logger } from '@nestjs/common';
import { AIMessage, fakeModel } from 'langchain';
import { ModelNarrator, type NarratorModel } from './model-narrator';

const draft = (): ReportDraft => ({
  summary: {
    currency: 'RUB',
    from: '2025-01-01',
    to: '2025-12-31',
    asOf: '2025-12-31',
    noData: false,
    kpis: [
      { key: 'revenue', kind: 'money', value: '1234567.89', previous: '1100000.00', change: 0.1223 },
      { key: 'buyers', kind: 'integer', value: 42, previous: 40, change: 0.05 },
    ],
    warnings: [],
  },
  tables: [
    {
      key: 'top-clients',
      columns: [],
      rows: [
        ['c1', 'Анна', '500000.00'],
        ['c2', 'John', '250000.50'],
      ],
    },
  ],
  charts: [],
  facts: { currency: 'RUB', revenue: '1234567.89', previousRevenue: '1100000.00', revenueChange: 0.1223, buyers: 42 },
});

const answer = (insights: { tone: string; text: string; textEn: string }[]) =>
  new AIMessage(JSON.stringify({ insights }));

describe('ModelNarrator', () => {
  const rules = new RulesNarrator();
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('keeps a faithful narrative: every figure, in Russian and English formatting, is in the report', async () => {
    const model = fakeModel().respond(
      answer([
        {
          tone: 'positive',
          text: 'Выручка за 2025 год выросла на 12,2% до 1 234 567,89 ₽ (было 1,1 млн ₽).',
          textEn: 'Revenue for 2025 rose 12.2% to RUB 1,234,567.89 (from 1.1M).',
        },
        {
          tone: 'neutral',
          text: 'Покупателей — 42; крупнейший клиент Анна купил на 500 000,00 ₽ с 01.01.2025.',
          textEn: '42 buyers; the largest client Анна bought for RUB 500,000 since 2025-01-01.',
        },
      ]),
    );
    const out = await new ModelNarrator(model as unknown as NarratorModel, rules, 'gpt-test').narrate(
      'sales-overview',
      draft(),
    );
    expect(out.narrator).toBe('gpt-test');
    expect(out.insights).toHaveLength(2);
    expect(out.insights[0]).toMatchObject({ code: 'model-1', tone: 'positive' });
    expect(out.insights[0].text).toContain('1 234 567,89');
    expect(Object.values(out.insights[0].figures)).toEqual(expect.arrayContaining([1234567.89, 2025]));
    expect(warn).not.toHaveBeenCalled();
    // The model was given the report's numbers.
    const sent = JSON.stringify(model.calls[0].messages);
    expect(sent).toContain('1234567.89');
  });

  it('replaces a narrative with an invented number by the rules, and logs why', async () => {
    const model = fakeModel().respond(
      answer([
        {
          tone: 'positive',
          text: 'Выручка выросла на 12,2% до 1 234 567,89 ₽.',
          textEn: 'Revenue rose 12.2% to RUB 1,234,567.89.',
        },
        {
          tone: 'positive',
          text: 'В следующем квартале выручка составит 1 500 000 ₽.',
          textEn: 'Next quarter revenue will reach RUB 1,500,000.',
        },
      ]),
    );
    const out = await new ModelNarrator(model as unknown as NarratorModel, rules, 'gpt-test').narrate(
      'sales-overview',
      draft(),
    );
    const expected = await rules.narrate('sales-overview', draft());
    expect(out).toEqual({ narrator: 'rules', insights: expected });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 500 000'));
  });

  it('falls back on an answer that is not the asked JSON, and on a failing model', async () => {
    const prose = fakeModel().respond(new AIMessage('Выручка выросла.'));
    expect((await new ModelNarrator(prose as never, rules, 'm').narrate('sales-trends', draft())).narrator).toBe(
      'rules',
    );
    const failing = { invoke: () => Promise.reject(new Error('connection refused')) };
    const out = await new ModelNarrator(failing, rules, 'm').narrate('sales-overview', draft());
    expect(out.narrator).toBe('rules');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
  });
});

describe('checkFigures', () => {
  const numbers = reportNumbers(draft());

  it('parses Russian and English number formats', () => {
    expect(statedFigures('1 234 567,89 ₽, 12,5 %, 1,2 млн, 3 тыс.', 'ru').map((f) => f.value)).toEqual([
      1234567.89, 12.5, 1_200_000, 3000,
    ]);
    expect(statedFigures('RUB 1,234,567.89, 12.5%, 1.2M, 3k', 'en').map((f) => f.value)).toEqual([
      1234567.89, 12.5, 1_200_000, 3000,
    ]);
    expect(statedFigures('с 01.03.2025 по 2025-03-31', 'ru').map((f) => f.value)).toEqual([2025, 3, 31, 2025, 1, 3]);
  });

  it('accepts rounding to the written precision and rejects anything else', () => {
    expect(checkFigures('Выручка 1,23 млн ₽, рост 12 %', 'ru', numbers).ok).toBe(true);
    expect(checkFigures('Revenue RUB 1,234,568', 'en', numbers).ok).toBe(true);
    expect(checkFigures('Выручка 1,3 млн ₽', 'ru', numbers).unknown.map((f) => f.text)).toEqual(['1,3']);
    expect(checkFigures('Revenue up 13%', 'en', numbers).ok).toBe(false);
    expect(checkFigures('43 buyers', 'en', numbers).ok).toBe(false);
  });
});
