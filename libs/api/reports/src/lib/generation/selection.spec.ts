import type { ReportFiltersResponse } from '@crm/shared/contracts';
import type { AnalyticsServices, GenerationInput } from './report-draft';
import { inAmountRange, intersectIds, resolveSelection, selectsClients } from './selection';

const A = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10';
const B = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c11';
const C = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c12';

function setup(filters: ReportFiltersResponse) {
  const clientsInSegments = jest.fn().mockResolvedValue({
    asOf: '2025-12-31',
    total: 2,
    items: [{ clientId: B }, { clientId: C }],
  });
  const clientRevenues = jest.fn().mockResolvedValue({
    currency: 'RUB',
    items: [
      { clientId: C, revenue: '1500.00', salesCount: 3 },
      { clientId: B, revenue: '999.99', salesCount: 1 },
      { clientId: A, revenue: '-20.00', salesCount: 0 },
    ],
  });
  const services = { insights: { clientsInSegments }, indicators: { clientRevenues } } as unknown as AnalyticsServices;
  const input = {
    scope: { companyId: 'company', userId: 'user' },
    from: '2025-01-01',
    to: '2025-12-31',
    today: '2026-12-02',
    currency: undefined,
    filters,
  } as unknown as GenerationInput;
  return { services, input, clientsInSegments, clientRevenues };
}

describe('report selection', () => {
  it('compares amounts exactly, each bound optional and inclusive', () => {
    expect(inAmountRange('1000.00', '1000', undefined)).toBe(true);
    expect(inAmountRange('999.99', '1000', undefined)).toBe(false);
    expect(inAmountRange('1000.0001', undefined, '1000')).toBe(false);
    expect(inAmountRange('-5.00', undefined, '0')).toBe(true);
    expect(inAmountRange('12345678901234.56', '12345678901234.55', '12345678901234.56')).toBe(true);
  });

  it('intersects client ids, sorted and without duplicates; nothing selected yet allows all', () => {
    expect(intersectIds([C, A, A], [A, B, C])).toEqual([A, C]);
    expect(intersectIds(undefined, [C, B])).toEqual([B, C]);
    expect(intersectIds([A], [])).toEqual([]);
  });

  it('knows which filters name clients', () => {
    expect(selectsClients({})).toBe(false);
    expect(selectsClients({ statuses: ['paid'], currencies: ['USD'] })).toBe(false);
    expect(selectsClients({ amountMax: '10' })).toBe(true);
    expect(selectsClients({ segment: 'at_risk' })).toBe(true);
  });

  it('narrows nothing without filters and reads nothing', async () => {
    const { services, input, clientsInSegments, clientRevenues } = setup({});
    expect(await resolveSelection(services, input)).toEqual({ narrowing: {} });
    expect(clientsInSegments).not.toHaveBeenCalled();
    expect(clientRevenues).not.toHaveBeenCalled();
  });

  it('resolves ids ∩ segment ∩ amount range once, measuring revenue over the clients and currencies already chosen', async () => {
    const { services, input, clientsInSegments, clientRevenues } = setup({
      clientIds: [A.toUpperCase(), C, B],
      segment: 'at_risk',
      amountMin: '1000',
      currencies: ['USD', 'RUB'],
    });
    const selection = await resolveSelection(services, input);
    expect(clientsInSegments).toHaveBeenCalledWith(input.scope, ['at_risk'], expect.any(Number), {
      asOf: '2025-12-31',
      currency: undefined,
    });
    expect(clientRevenues).toHaveBeenCalledWith(input.scope, {
      from: '2025-01-01',
      to: '2025-12-31',
      currency: undefined,
      clientIds: [B, C],
      currencies: ['RUB', 'USD'],
    });
    expect(selection).toEqual({
      narrowing: { clientIds: [C], currencies: ['RUB', 'USD'] },
      summary: { clients: 1, clientIds: [C], currencies: ['RUB', 'USD'], statuses: null },
    });
  });

  it('gives an empty selection when no client matches, without reading revenues for nobody', async () => {
    const { services, input, clientRevenues } = setup({ clientIds: [A], segment: 'at_risk', amountMax: '10' });
    const selection = await resolveSelection(services, input);
    expect(clientRevenues).not.toHaveBeenCalled();
    expect(selection.narrowing).toEqual({ clientIds: [] });
    expect(selection.summary).toEqual({ clients: 0, clientIds: [], currencies: null, statuses: null });
  });

  it('records statuses without narrowing the sales', async () => {
    const { services, input } = setup({ statuses: ['paid', 'refunded'] });
    expect(await resolveSelection(services, input)).toEqual({
      narrowing: {},
      summary: { clients: null, clientIds: null, currencies: null, statuses: ['paid', 'refunded'] },
    });
  });
});
