import { draftBody, draftProblems, EMPTY_DRAFT, parseAmount } from './report-draft';

describe('report draft', () => {
  const today = new Date(2026, 10, 20);

  it('sends the preset, for the server to resolve on the day, and no filters by default', () => {
    expect(draftBody(EMPTY_DRAFT, today)).toEqual({ type: 'sales-overview', preset: 'last-month' });
  });

  it('sends every filter that is set, amounts as the API reads them', () => {
    const body = draftBody(
      {
        ...EMPTY_DRAFT,
        type: 'sales-trends',
        preset: 'custom',
        from: '2026-01-01',
        to: '2026-06-30',
        currency: 'USD',
        statuses: ['paid', 'pending'],
        currencies: ['RUB'],
        clients: [{ id: 'c1', name: 'Анна' }],
        segment: 'at_risk',
        amountMin: '1 000,5',
        amountMax: '20000',
        title: '  Первое полугодие  ',
      },
      today,
    );
    expect(body).toEqual({
      type: 'sales-trends',
      from: '2026-01-01',
      to: '2026-06-30',
      currency: 'USD',
      title: 'Первое полугодие',
      filters: {
        statuses: ['paid', 'pending'],
        currencies: ['RUB'],
        clientIds: ['c1'],
        segment: 'at_risk',
        amountMin: '1000.5',
        amountMax: '20000',
      },
    });
  });

  it('refuses reversed dates, unreadable amounts and a minimum above the maximum', () => {
    expect(draftProblems({ ...EMPTY_DRAFT, preset: 'custom', from: '2026-02-01', to: '2026-01-01' })).toEqual([
      'range',
    ]);
    expect(draftProblems({ ...EMPTY_DRAFT, amountMin: 'abc' })).toEqual(['amountMin']);
    expect(draftProblems({ ...EMPTY_DRAFT, amountMin: '500', amountMax: '100' })).toEqual(['amountOrder']);
    expect(draftBody({ ...EMPTY_DRAFT, amountMax: '1.234' }, today)).toBeNull();
  });

  it('reads amounts typed with spaces and a decimal comma', () => {
    expect(parseAmount('1 234,50')).toBe('1234.50');
    expect(parseAmount('')).toBe('');
    expect(parseAmount('-5')).toBeNull();
  });
});
