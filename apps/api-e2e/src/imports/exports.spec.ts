import * as ExcelJS from 'exceljs';
import { api } from '../support/client';
import { companyWithKey, pushClients, pushSales, saleItem } from '../support/crm';
import { binary, readCsv } from './imports-support';

type Owner = Awaited<ReturnType<typeof companyWithKey>>;

/** A company with Cyrillic clients and sales in two currencies. */
async function companyWithData(): Promise<Owner> {
  const owner = await companyWithKey('ООО Экспорт');
  await api()
    .patch(`/api/companies/${owner.companyId}`)
    .set(owner.auth)
    .send({ timeZone: 'Europe/Moscow' })
    .expect(200);
  await pushClients(owner.apiKey.key, [
    { externalId: 'C-1', name: 'Иванов Иван', email: 'ivanov@example.ru', attributes: { Город: 'Москва' } },
    { externalId: 'C-2', name: 'Петрова Анна; ООО "Ромашка"', activity: 'Опт' },
    { externalId: 'C-3', name: 'Smith, John', email: 'john@example.com' },
  ]).expect(200);
  await pushSales(owner.apiKey.key, [
    saleItem('S-1', 'C-1', {
      amount: '1234.5',
      soldAt: '2026-11-20T10:15:00+03:00',
      items: [{ sku: 'A-1', name: 'Чай', quantity: 2, unitPrice: '617.25' }],
    }),
    saleItem('S-2', 'C-2', {
      amount: '99.99',
      currency: 'USD',
      soldAt: '2026-11-21T09:00:00+03:00',
      status: 'pending',
    }),
    saleItem('S-3', 'C-1', { amount: '10', soldAt: '2026-10-01T12:00:00+03:00' }),
  ]).expect(200);
  return owner;
}

const exportFile = (owner: Owner, what: 'clients' | 'sales', query: Record<string, string>) =>
  api()
    .get(`/api/companies/${owner.companyId}/exports/${what}`)
    .set(owner.auth)
    .query(query)
    .buffer(true)
    .parse(binary)
    .expect(200);

const listed = async (owner: Owner, what: 'clients' | 'sales', query: Record<string, string>) =>
  (
    await api()
      .get(`/api/companies/${owner.companyId}/${what}`)
      .set(owner.auth)
      .query({ ...query, pageSize: 200 })
      .expect(200)
  ).body.items.map((row: { externalId: string }) => row.externalId);

describe('CSV and XLSX export', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await companyWithData();
  });

  it('writes CSV for Russian Excel: BOM, semicolons, decimal comma, company wall time', async () => {
    const res = await exportFile(owner, 'sales', { locale: 'ru', sort: 'soldAt' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sales-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = readCsv(res.body as Buffer, ';');
    expect(header).toEqual([
      'externalId',
      'soldAt',
      'amount',
      'currency',
      'status',
      'clientExternalId',
      'clientName',
      'clientEmail',
      'itemsCount',
      'items',
    ]);
    expect(rows.map((r) => r.slice(0, 7))).toEqual([
      ['S-3', '2026-10-01 12:00:00', '10,00', 'RUB', 'paid', 'C-1', 'Иванов Иван'],
      ['S-1', '2026-11-20 10:15:00', '1234,50', 'RUB', 'paid', 'C-1', 'Иванов Иван'],
      ['S-2', '2026-11-21 09:00:00', '99,99', 'USD', 'pending', 'C-2', 'Петрова Анна; ООО "Ромашка"'],
    ]);
    expect(rows[1][9]).toBe('A-1 Чай × 2 @ 617.25');
  });

  it('writes CSV for English Excel with commas and a decimal point', async () => {
    const res = await exportFile(owner, 'clients', { locale: 'en' });
    const [header, ...rows] = readCsv(res.body as Buffer, ',');
    expect(header.slice(0, 3)).toEqual(['externalId', 'name', 'email']);
    expect(rows.map((r) => r.slice(0, 2)).sort()).toEqual([
      ['C-1', 'Иванов Иван'],
      ['C-2', 'Петрова Анна; ООО "Ромашка"'],
      ['C-3', 'Smith, John'],
    ]);
    expect(rows.find((r) => r[0] === 'C-1')?.[7]).toBe('{"Город":"Москва"}');
  });

  it('holds exactly the rows the list shows for the same search, filters and sort', async () => {
    const cases: { what: 'clients' | 'sales'; query: Record<string, string> }[] = [
      { what: 'clients', query: { q: 'иванов' } },
      { what: 'clients', query: { hasPurchases: 'true', sort: '-name' } },
      { what: 'clients', query: { activity: 'опт' } },
      { what: 'sales', query: { currency: 'RUB', sort: '-amount' } },
      { what: 'sales', query: { from: '2026-11-01', to: '2026-11-20' } },
      { what: 'sales', query: { status: 'pending' } },
      { what: 'sales', query: { amountMin: '50', sort: 'amount' } },
    ];
    for (const { what, query } of cases) {
      const [, ...rows] = readCsv((await exportFile(owner, what, { ...query, locale: 'en' })).body as Buffer, ',');
      expect({ what, query, rows: rows.map((r) => r[0]) }).toEqual({
        what,
        query,
        rows: await listed(owner, what, query),
      });
    }
  });

  it('filters sales by kind exactly as the list does (one filter source for both)', async () => {
    const shop = await companyWithKey();
    await pushClients(shop.apiKey.key, [{ externalId: 'C-1', name: 'Покупатель' }]).expect(200);
    await pushSales(shop.apiKey.key, [
      saleItem('S-1', 'C-1', { amount: '100.00', soldAt: '2026-03-02T10:00:00Z' }),
      saleItem('S-2', 'C-1', { amount: '50.00', soldAt: '2026-03-03T10:00:00Z' }),
      saleItem('R-1', 'C-1', { kind: 'return', returnOf: 'S-1', amount: '20.00', soldAt: '2026-03-10T10:00:00Z' }),
    ]).expect(200);
    for (const [kind, expected] of [
      ['return', ['R-1']],
      ['sale', ['S-1', 'S-2']],
    ] as const) {
      const query = { kind, sort: 'soldAt' };
      const [, ...rows] = readCsv((await exportFile(shop, 'sales', { ...query, locale: 'en' })).body as Buffer, ',');
      expect({ kind, exported: rows.map((r) => r[0]), listed: await listed(shop, 'sales', query) }).toEqual({
        kind,
        exported: expected,
        listed: expected,
      });
    }
  });

  it('pages through a long list in order, clients without a name last, without losing or repeating rows', async () => {
    const big = await companyWithKey();
    const clients = Array.from({ length: 4500 }, (_, i) => ({
      externalId: `B-${i}`,
      ...(i % 3 ? { name: `Клиент ${i % 7}` } : {}),
    }));
    await pushClients(big.apiKey.key, clients).expect(200);
    const [, ...rows] = readCsv((await exportFile(big, 'clients', { sort: 'name', locale: 'ru' })).body as Buffer, ';');
    expect(rows).toHaveLength(4500);
    expect(new Set(rows.map((r) => r[0])).size).toBe(4500);
    const names = rows.map((r) => r[1]);
    const named = names.slice(0, 3000);
    expect(named).toEqual([...named].sort((a, b) => a.localeCompare(b, 'en')));
    expect(named.every((n) => n !== '')).toBe(true);
    expect(names.slice(3000).every((n) => n === '')).toBe(true);
  });

  it('writes XLSX with numbers and dates as cells', async () => {
    const res = await exportFile(owner, 'sales', { format: 'xlsx', sort: 'soldAt' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('sales');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'externalId',
      'soldAt',
      'amount',
      'currency',
      'status',
      'clientExternalId',
      'clientName',
      'clientEmail',
      'itemsCount',
      'items',
    ]);
    const row = sheet?.getRow(3);
    expect(row?.getCell(1).value).toBe('S-1');
    expect(row?.getCell(2).value).toEqual(new Date('2026-11-20T10:15:00Z'));
    expect(row?.getCell(3).value).toBe(1234.5);
    expect(row?.getCell(3).numFmt).toBe('#,##0.00');
    expect(sheet?.rowCount).toBe(4);
  });

  it('refuses an unknown format or locale with 400', async () => {
    await api()
      .get(`/api/companies/${owner.companyId}/exports/sales`)
      .set(owner.auth)
      .query({ format: 'pdf' })
      .expect(400);
    await api()
      .get(`/api/companies/${owner.companyId}/exports/clients`)
      .set(owner.auth)
      .query({ locale: 'de' })
      .expect(400);
  });
});
