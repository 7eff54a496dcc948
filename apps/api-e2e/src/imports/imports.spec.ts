import { api, errorShape, registerUser } from '../support/client';
import { companyWithKey, pushClients, readFeed } from '../support/crm';
import {
  binary,
  fixture,
  importFile,
  importsUrl,
  type ImportJob,
  readCsv,
  runImport,
  upload,
  waitForImport,
} from './imports-support';

interface FeedClient {
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  activity: string | null;
  attributes: Record<string, unknown> | null;
}

interface FeedSale {
  externalId: string;
  clientExternalId: string;
  amount: string;
  currency: string;
  soldAt: string;
  status: string;
  items: { sku: string | null; name: string; quantity: number; unitPrice: string }[];
}

const CLIENTS_1251 = 'ok/clients-windows-1251-semicolon.csv';

async function companyInMoscow() {
  const owner = await companyWithKey('ООО Импорт');
  await api()
    .patch(`/api/companies/${owner.companyId}`)
    .set(owner.auth)
    .send({ timeZone: 'Europe/Moscow' })
    .expect(200);
  return owner;
}

describe('CSV import', () => {
  it('reads a Windows-1251 semicolon file from Russian Excel and imports its Cyrillic clients', async () => {
    const owner = await companyInMoscow();
    const uploaded = await upload(owner, 'clients', fixture(CLIENTS_1251), 'клиенты.csv').expect(201);
    expect(uploaded.body).toMatchObject({
      kind: 'clients',
      status: 'uploaded',
      fileName: 'клиенты.csv',
      encoding: 'windows-1251',
      delimiter: ';',
      columns: ['Код', 'ФИО', 'E-mail', 'Телефон', 'Вид деятельности', 'Город'],
      suggestedMapping: {
        externalId: 'Код',
        name: 'ФИО',
        email: 'E-mail',
        phone: 'Телефон',
        activity: 'Вид деятельности',
      },
    });
    expect((await waitForImport(owner, uploaded.body.id)).rowsTotal).toBe(4);

    const settings = { mapping: { ...uploaded.body.suggestedMapping, attributes: ['Город'] } };
    const preview = await api()
      .post(`${importsUrl(owner)}/${uploaded.body.id}/preview`)
      .set(owner.auth)
      .send(settings)
      .expect(200);
    expect(preview.body).toMatchObject({ valid: 4, invalid: 0 });
    expect(preview.body.rows[2]).toEqual({
      lines: [4],
      record: {
        externalId: 'RU-003',
        name: 'ООО "Ромашка"',
        email: 'info@romashka.example',
        activity: 'Производство',
        attributes: { Город: 'Санкт-Петербург' },
      },
      errors: [],
      details: [],
    });

    const done = await runImport(owner, uploaded.body.id, settings);
    expect(done).toMatchObject({ status: 'completed', rowsTotal: 4, error: null });
    expect(done.progress).toEqual({ rowsDone: 4, created: 4, updated: 0, unchanged: 0, failed: 0, rejectedRows: 0 });

    const { items } = await readFeed<FeedClient>(owner.apiKey.key, 'clients');
    const byId = Object.fromEntries(items.map((c) => [c.externalId, c]));
    expect(byId['RU-001']).toMatchObject({
      name: 'Иванов Иван Иванович',
      email: 'ivanov@example.ru',
      phone: '+7 900 000-00-01',
      activity: 'Розничная торговля',
      attributes: { Город: 'Москва' },
    });
    expect(byId['RU-004']).toMatchObject({ name: 'Ёлкин Фёдор', email: null, attributes: { Город: 'Екатеринбург' } });

    // The same file again goes through the same upserts: nothing changes.
    const again = await runImport(owner, uploaded.body.id, settings);
    expect(again.progress).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 0 });
  });

  it('reads a UTF-8 BOM comma file of sales: English and Russian numbers, dates in the company time zone', async () => {
    const owner = await companyInMoscow();
    await pushClients(owner.apiKey.key, [{ externalId: 'RU-001' }, { externalId: 'RU-002' }]).expect(200);
    const job = await importFile(owner, 'sales', fixture('ok/sales-utf8-bom-comma.csv'), 'sales.csv');
    expect(job).toMatchObject({ encoding: 'utf-8', delimiter: ',', status: 'completed' });
    expect(job.progress).toMatchObject({ rowsDone: 3, created: 3, failed: 0 });

    const { items } = await readFeed<FeedSale>(owner.apiKey.key, 'sales');
    const sales = items.map((s) => [
      s.externalId,
      s.clientExternalId,
      s.amount,
      s.currency,
      s.status,
      new Date(s.soldAt).toISOString(),
    ]);
    expect(sales.sort()).toEqual([
      ['S-001', 'RU-001', '1234.50', 'RUB', 'paid', '2026-11-20T07:15:00.000Z'],
      ['S-002', 'RU-002', '990.00', 'RUB', 'paid', '2026-11-21T06:00:00.000Z'],
      ['S-003', 'RU-001', '15.50', 'USD', 'pending', '2026-11-22T09:00:00.000Z'],
    ]);
  });

  it('joins consecutive item lines into one sale and computes its amount', async () => {
    const owner = await companyInMoscow();
    await pushClients(owner.apiKey.key, [{ externalId: 'RU-003' }, { externalId: 'RU-004' }]).expect(200);
    const job = await importFile(owner, 'sales', fixture('ok/sales-item-lines-windows-1251.csv'), 'lines.csv', {
      defaultCurrency: 'RUB',
    });
    expect(job.progress).toMatchObject({ rowsDone: 3, created: 2, failed: 0 });
    const { items } = await readFeed<FeedSale>(owner.apiKey.key, 'sales');
    const invoice = items.find((s) => s.externalId === '536365');
    expect(invoice).toMatchObject({
      amount: '35.64',
      currency: 'RUB',
      items: [
        { sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 6, unitPrice: '2.55' },
        { sku: '71053', name: 'Фонарь металлический', quantity: 6, unitPrice: '3.39' },
      ],
    });
    expect(new Date(invoice?.soldAt ?? '').toISOString()).toBe('2010-12-01T05:26:00.000Z');
  });

  it('stores the good rows of a file with bad ones and reports each bad row with its reasons', async () => {
    const owner = await companyInMoscow();
    const job = await importFile(owner, 'clients', fixture('not-ok/clients-bad-rows.csv'), 'bad.csv');
    expect(job.status).toBe('completed');
    expect(job.progress).toEqual({ rowsDone: 6, created: 2, updated: 0, unchanged: 0, failed: 4, rejectedRows: 4 });
    const { items } = await readFeed<FeedClient>(owner.apiKey.key, 'clients');
    expect(items.map((c) => [c.externalId, c.name]).sort()).toEqual([
      ['OK-1', 'Сидоров Сергей'],
      ['OK-3', 'Новиков Николай'],
    ]);

    const report = await api()
      .get(`${importsUrl(owner)}/${job.id}/rejected`)
      .set(owner.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(report.headers['content-disposition']).toContain('attachment');
    const [header, ...rows] = readCsv(report.body as Buffer, ';');
    expect(header).toEqual(['Код', 'ФИО', 'E-mail', 'Телефон', 'import line', 'import errors']);
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ['', '3'],
      ['BAD-EMAIL', '4'],
      ['OK-2', '5'],
      ['OK-1', '6'],
    ]);
    expect(rows[0][5]).toContain('externalId');
    expect(rows[1][5]).toBe('email must look like name@domain');
    expect(rows[2][5]).toBe('line 5 has 5 values, the header has 4');
    expect(rows[3][5]).toContain('line 2 of the file');

    // In Russian, the two added columns are named in Russian; the rows are the same bytes.
    const russian = await api()
      .get(`${importsUrl(owner)}/${job.id}/rejected`)
      .query({ lang: 'ru' })
      .set(owner.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const [ruHeader, ...ruRows] = readCsv(russian.body as Buffer, ';');
    expect(ruHeader).toEqual(['Код', 'ФИО', 'E-mail', 'Телефон', 'строка файла', 'причины отказа']);
    expect(ruRows).toEqual(rows);
    await api()
      .get(`${importsUrl(owner)}/${job.id}/rejected`)
      .query({ lang: 'de' })
      .set(owner.auth)
      .expect(400);

    // The preview names each reason's field with a stable rule code.
    const preview = await api()
      .post(`${importsUrl(owner)}/${job.id}/preview`)
      .set(owner.auth)
      .send({ mapping: job.suggestedMapping })
      .expect(200);
    const badEmail = preview.body.rows.find((r: { lines: number[] }) => r.lines[0] === 4);
    expect(badEmail.errors).toEqual(['email must look like name@domain']);
    expect(badEmail.details).toEqual([
      { field: 'email', messages: ['email must look like name@domain'], codes: [expect.any(String)] },
    ]);
    const wide = preview.body.rows.find((r: { lines: number[] }) => r.lines[0] === 5);
    expect(wide.details).toEqual([
      { field: 'line', messages: ['line 5 has 5 values, the header has 4'], codes: ['columnCount'] },
    ]);
    expect(preview.body.rows.find((r: { lines: number[] }) => r.lines[0] === 2).details).toEqual([]);
  });

  it('reports sales with an unknown client, a bad date, amount or currency', async () => {
    const owner = await companyInMoscow();
    await pushClients(owner.apiKey.key, [{ externalId: 'RU-001' }]).expect(200);
    const job = await importFile(owner, 'sales', fixture('not-ok/sales-bad-rows-windows-1251.csv'), 'bad-sales.csv');
    expect(job.progress).toMatchObject({ rowsDone: 6, created: 1, failed: 5, rejectedRows: 5 });
    const report = await api()
      .get(`${importsUrl(owner)}/${job.id}/rejected`)
      .set(owner.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const [, ...rows] = readCsv(report.body as Buffer, ';');
    const reasons = Object.fromEntries(rows.map((r) => [r[0], r[6]]));
    expect(reasons['BS-2']).toBe('clientExternalId is not a client of this company');
    expect(reasons['BS-3']).toContain('ISO 8601');
    expect(reasons['BS-4']).toContain('amount');
    expect(reasons['BS-5']).toBe('amount must have at most 2 fractional digits for RUB');
    expect(reasons['BS-6']).toContain('ISO 4217');
  });

  it('refuses a mapping that names a column the file does not have, naming the field', async () => {
    const owner = await registerUser();
    const job = (await upload(owner, 'clients', fixture(CLIENTS_1251), 'c.csv').expect(201)).body as ImportJob;
    const res = await api()
      .post(`${importsUrl(owner)}/${job.id}/run`)
      .set(owner.auth)
      .send({ mapping: { externalId: 'Нет такой колонки' } })
      .expect(400);
    expect(res.body).toEqual(errorShape(400));
    expect(res.body.details).toEqual([
      { field: 'mapping.externalId', messages: ['the file has no column "Нет такой колонки"'] },
    ]);
    expect((await waitForImport(owner, job.id)).status).toBe('uploaded');
  });

  it('refuses an upload without a file, an empty file, or an unknown kind with 400', async () => {
    const owner = await registerUser();
    await api().post(importsUrl(owner)).set(owner.auth).field('kind', 'clients').expect(400);
    await upload(owner, 'clients', fixture('not-ok/empty.csv'), 'empty.csv').expect(400);
    await upload(owner, 'invoices', fixture(CLIENTS_1251), 'c.csv').expect(400);
  });

  it('keeps a company’s imports from other companies (404)', async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const job = (await upload(owner, 'clients', fixture(CLIENTS_1251), 'c.csv').expect(201)).body as ImportJob;
    await api()
      .get(`${importsUrl(stranger)}/${job.id}`)
      .set(stranger.auth)
      .expect(404);
    await api()
      .get(`${importsUrl(owner)}/${job.id}`)
      .set(stranger.auth)
      .expect(404);
    await api()
      .get(`${importsUrl(owner)}/${job.id}/rejected`)
      .set(stranger.auth)
      .expect(404);
    expect((await api().get(importsUrl(stranger)).set(stranger.auth).expect(200)).body).toEqual([]);
    expect((await api().get(importsUrl(owner)).set(owner.auth).expect(200)).body.map((j: ImportJob) => j.id)).toEqual([
      job.id,
    ]);
  });

  it('imports a file of many batches without a row cap, counting every row', async () => {
    const owner = await companyWithKey();
    const rows = Array.from({ length: 12_345 }, (_, i) => `C-${i};Клиент ${i};client${i}@example.ru`);
    const file = Buffer.from(['Код;Имя;Email', ...rows].join('\n'), 'utf8');
    const job = await importFile(owner, 'clients', file, 'big.csv');
    expect(job).toMatchObject({ status: 'completed', rowsTotal: 12_345 });
    expect(job.progress).toMatchObject({ rowsDone: 12_345, created: 12_345, failed: 0 });
    const list = await api()
      .get(`/api/companies/${owner.companyId}/clients`)
      .set(owner.auth)
      .query({ pageSize: 1 })
      .expect(200);
    expect(list.body.total).toBe(12_345);
  });
});
