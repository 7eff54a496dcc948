import { type CompanyScope, InvalidInputException } from '@crm/api/core';
import { SqlParams } from '../sql';
import { checkFilterClients, saleFilterOf, saleFilterSql } from './sale-filter';

const A = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10';
const B = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c11';

describe('sale filter', () => {
  it('is absent when the query names neither clients nor currencies', () => {
    expect(saleFilterOf({})).toBeUndefined();
    expect(saleFilterOf({ clientIds: null, currencies: undefined })).toBeUndefined();
  });

  it('deduplicates and sorts, ids in lower case; an empty list selects nothing but is kept', () => {
    expect(saleFilterOf({ clientIds: [B, A.toUpperCase(), B], currencies: ['USD', 'RUB', 'USD'] })).toEqual({
      clientIds: [A, B],
      currencies: ['RUB', 'USD'],
    });
    expect(saleFilterOf({ clientIds: [] })).toEqual({ clientIds: [] });
  });

  it('adds one parameterised predicate per list, none without a filter', () => {
    const p = new SqlParams();
    p.add('company');
    expect(saleFilterSql(undefined, 's', p)).toBe('');
    expect(saleFilterSql({ clientIds: [A], currencies: ['USD'] }, 's', p)).toBe(
      ' AND s.client_id = ANY($2::uuid[]) AND s.currency = ANY($3::char(3)[])',
    );
    expect(p.values).toEqual(['company', [A], ['USD']]);
    expect(saleFilterSql({ currencies: ['EUR'] }, 'sales', p)).toBe(' AND sales.currency = ANY($4::char(3)[])');
  });

  const COMPANY: CompanyScope = { companyId: 'company' };

  it("refuses the ids that are not the company's clients, each by its index as sent", async () => {
    const sql = jest.fn().mockResolvedValue([{ id: A }]);
    await expect(checkFilterClients(sql, COMPANY, [A.toUpperCase()])).resolves.toBeUndefined();
    const refused = await checkFilterClients(sql, COMPANY, [A, B, B]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputException);
    expect((refused as InvalidInputException).details).toEqual([
      { field: 'clientIds.1', messages: [`client ${B} not found in this company`] },
      { field: 'clientIds.2', messages: [`client ${B} not found in this company`] },
    ]);
    expect(sql).toHaveBeenLastCalledWith(expect.stringContaining('company_id = $1'), ['company', [A, B]]);
    sql.mockClear();
    await checkFilterClients(sql, COMPANY, undefined);
    await checkFilterClients(sql, COMPANY, []);
    expect(sql).not.toHaveBeenCalled();
  });
});
