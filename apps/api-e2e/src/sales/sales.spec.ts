import { addMember, api, errorShape, registerUser, type TestUser } from '../support/client';
import { createClient, createSale } from '../support/crm';

const salesUrl = (user: TestUser) => `/api/companies/${user.companyId}/sales`;

describe('sales (web API)', () => {
  it('creates a sale (paid by default) and shows it with its items and buyer', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { externalId: 'C-1', name: 'Мария', email: 'maria@example.ru' });
    const res = await api()
      .post(salesUrl(owner))
      .set(owner.auth)
      .send({
        externalId: 'INV-1',
        clientId: client.id,
        amount: 1234.5,
        currency: 'RUB',
        soldAt: '2026-11-20T10:15:00+03:00',
        items: [{ sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 2, unitPrice: '617.25' }],
      })
      .expect(201);
    const expected = {
      id: expect.any(String),
      externalId: 'INV-1',
      clientId: client.id,
      amount: '1234.50',
      currency: 'RUB',
      soldAt: '2026-11-20T07:15:00.000Z',
      status: 'paid',
      kind: 'sale',
      returnOf: null,
      items: [{ sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 2, unitPrice: '617.25' }],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      client: { id: client.id, externalId: 'C-1', email: 'maria@example.ru', name: 'Мария' },
      returns: [],
      original: null,
    };
    expect(res.body).toEqual(expected);
    expect(
      (
        await api()
          .get(`${salesUrl(owner)}/${res.body.id}`)
          .set(owner.auth)
          .expect(200)
      ).body,
    ).toEqual(expected);
    const buyer = await api().get(`/api/companies/${owner.companyId}/clients/${client.id}`).set(owner.auth).expect(200);
    expect(buyer.body.lastInteractionAt).toBe('2026-11-20T07:15:00.000Z');
    await api()
      .post(salesUrl(owner))
      .set(owner.auth)
      .send({ externalId: 'INV-1', clientId: client.id, amount: '1', currency: 'RUB', soldAt: '2026-01-01T00:00:00Z' })
      .expect(409);
  });

  it('refuses more decimals than the currency has, and other bad input, with 400 naming the field', async () => {
    const owner = await registerUser();
    const client = await createClient(owner);
    const base = { clientId: client.id, amount: '10.00', currency: 'RUB', soldAt: '2026-11-20T10:15:00Z' };
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '10.001' }, 'amount'],
      [{ amount: 10.5, currency: 'JPY' }, 'amount'],
      [{ amount: '1e3' }, 'amount'],
      [{ currency: 'rub' }, 'currency'],
      [{ soldAt: '2026-11-20' }, 'soldAt'],
      [{ status: 'lost' }, 'status'],
      // Unit prices may have 4 fractional digits in any currency (0.001 GBP is a real price), not 5.
      [{ items: [{ name: 'x', quantity: 1, unitPrice: '1.00001' }] }, 'items.0.unitPrice'],
      [{ items: [{ name: 'x', quantity: 0, unitPrice: '1' }] }, 'items.0.quantity'],
    ];
    for (const [change, field] of cases) {
      const res = await api()
        .post(salesUrl(owner))
        .set(owner.auth)
        .send({ ...base, ...change })
        .expect(400);
      expect(res.body).toEqual(errorShape(400));
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const foreign = await createClient(await registerUser());
    const res = await api()
      .post(salesUrl(owner))
      .set(owner.auth)
      .send({ ...base, clientId: foreign.id })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'clientId', messages: [expect.any(String)] }]);
  });

  it('patches: status and other omitted fields are kept, items are replaced, the amount fits the final currency', async () => {
    const owner = await registerUser();
    const client = await createClient(owner);
    const sale = await createSale(owner, client.id, {
      amount: '10.50',
      status: 'pending',
      items: [{ name: 'A', quantity: 1, unitPrice: '10.50' }],
    });
    const url = `${salesUrl(owner)}/${sale.id}`;
    const amountOnly = await api().patch(url).set(owner.auth).send({ amount: '12' }).expect(200);
    expect(amountOnly.body).toEqual(expect.objectContaining({ amount: '12.00', status: 'pending', currency: 'RUB' }));
    expect(amountOnly.body.items).toHaveLength(1);
    const items = await api()
      .patch(url)
      .set(owner.auth)
      .send({ status: 'paid', items: [{ name: 'B', quantity: 2, unitPrice: 6 }] })
      .expect(200);
    expect(items.body).toEqual(
      expect.objectContaining({ status: 'paid', items: [{ sku: null, name: 'B', quantity: 2, unitPrice: '6.00' }] }),
    );
    await api().patch(url).set(owner.auth).send({ amount: '12.5', currency: 'JPY' }).expect(400);
    const tooPrecise = await api().patch(url).set(owner.auth).send({ currency: 'JPY' }).expect(200);
    expect(tooPrecise.body.amount).toBe('12');
    await api().patch(url).set(owner.auth).send({ status: 'lost' }).expect(400);
  });

  it('lists with paging, sort and filters (client, status, currency, dates, amounts)', async () => {
    const owner = await registerUser();
    const anna = await createClient(owner, { name: 'Анна' });
    const boris = await createClient(owner, { name: 'Борис' });
    await createSale(owner, anna.id, { externalId: 'A1', amount: '100', soldAt: '2026-01-05T10:00:00Z' });
    await createSale(owner, anna.id, {
      externalId: 'A2',
      amount: '250.50',
      soldAt: '2026-02-05T10:00:00Z',
      status: 'refunded',
    });
    await createSale(owner, boris.id, {
      externalId: 'B1',
      amount: '75',
      currency: 'USD',
      soldAt: '2026-03-05T10:00:00Z',
    });
    const list = (query: Record<string, string | number>) =>
      api().get(salesUrl(owner)).set(owner.auth).query(query).expect(200);
    const ids = (res: { body: { items: { externalId: string }[] } }) => res.body.items.map((s) => s.externalId);
    expect(ids(await list({}))).toEqual(['B1', 'A2', 'A1']);
    // B1 is in USD with no rate: it cannot be compared in the base currency and sorts last.
    expect(ids(await list({ sort: 'amount' }))).toEqual(['A1', 'A2', 'B1']);
    expect(ids(await list({ clientId: anna.id, sort: 'soldAt' }))).toEqual(['A1', 'A2']);
    expect(ids(await list({ status: 'refunded' }))).toEqual(['A2']);
    expect(ids(await list({ currency: 'USD' }))).toEqual(['B1']);
    expect(ids(await list({ from: '2026-02-01', to: '2026-03-05' }))).toEqual(['B1', 'A2']);
    expect(ids(await list({ amountMin: '100', amountMax: '250.50', sort: 'amount' }))).toEqual(['A1', 'A2']);
    expect(ids(await list({ q: 'борис' }))).toEqual(['B1']);
    const page = await list({ page: 2, pageSize: 2 });
    expect(page.body).toEqual({
      items: [expect.objectContaining({ externalId: 'A1', client: expect.objectContaining({ name: 'Анна' }) })],
      total: 3,
      page: 2,
      pageSize: 2,
    });
    for (const bad of [
      { status: 'x' },
      { from: '05.01.2026' },
      { amountMin: 'abc' },
      { clientId: 'nope' },
      { sort: 'client' },
    ]) {
      await api().get(salesUrl(owner)).set(owner.auth).query(bad).expect(400);
    }
  });

  it('deletes a sale', async () => {
    const owner = await registerUser();
    const sale = await createSale(owner, (await createClient(owner)).id);
    await api()
      .delete(`${salesUrl(owner)}/${sale.id}`)
      .set(owner.auth)
      .expect(204);
    await api()
      .get(`${salesUrl(owner)}/${sale.id}`)
      .set(owner.auth)
      .expect(404);
    await api()
      .delete(`${salesUrl(owner)}/${sale.id}`)
      .set(owner.auth)
      .expect(404);
  });

  it('answers 404 to a non-member and for another company’s sale', async () => {
    const a = await registerUser();
    const b = await registerUser();
    const saleOfB = await createSale(b, (await createClient(b)).id);
    await api().get(salesUrl(b)).set(a.auth).expect(404);
    await api().post(salesUrl(b)).set(a.auth).send({}).expect(404);
    await api()
      .get(`${salesUrl(a)}/${saleOfB.id}`)
      .set(a.auth)
      .expect(404);
    await api()
      .patch(`${salesUrl(a)}/${saleOfB.id}`)
      .set(a.auth)
      .send({ amount: '1' })
      .expect(404);
    await api()
      .delete(`${salesUrl(a)}/${saleOfB.id}`)
      .set(a.auth)
      .expect(404);
    await api()
      .get(`${salesUrl(b)}/${saleOfB.id}`)
      .set(b.auth)
      .expect(200);
  });
});

describe('exchange rates', () => {
  it('adds or replaces rates by (currency, validFrom), keeps the others, and answers exact decimals', async () => {
    const owner = await registerUser();
    const url = `/api/companies/${owner.companyId}/exchange-rates`;
    expect((await api().get(url).set(owner.auth).expect(200)).body).toEqual({ baseCurrency: 'RUB', rates: [] });
    await api()
      .put(url)
      .set(owner.auth)
      .send({
        rates: [
          { currency: 'USD', rate: '92.5012', validFrom: '2026-01-01' },
          { currency: 'USD', rate: 95, validFrom: '2026-06-01' },
          { currency: 'EUR', rate: '100.1', validFrom: '2026-01-01' },
        ],
      })
      .expect(200);
    const res = await api()
      .put(url)
      .set(owner.auth)
      .send({ rates: [{ currency: 'USD', rate: '93.0000000001', validFrom: '2026-06-01' }] })
      .expect(200);
    expect(res.body).toEqual({
      baseCurrency: 'RUB',
      rates: [
        { currency: 'EUR', rate: '100.1', validFrom: '2026-01-01' },
        { currency: 'USD', rate: '92.5012', validFrom: '2026-01-01' },
        { currency: 'USD', rate: '93.0000000001', validFrom: '2026-06-01' },
      ],
    });
    expect((await api().get(url).set(owner.auth).expect(200)).body).toEqual(res.body);
  });

  it('lets members read but only owners and admins change rates; refuses bad rates with 400', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const url = `/api/companies/${owner.companyId}/exchange-rates`;
    await api().get(url).set(member.auth).expect(200);
    const forbidden = await api().put(url).set(member.auth).send({ rates: [] }).expect(403);
    expect(forbidden.body).toEqual(errorShape(403));
    for (const rate of [
      { currency: 'USD', rate: 0, validFrom: '2026-01-01' },
      { currency: 'USD', rate: '1', validFrom: '2026-02-30' },
      { currency: 'XYZ', rate: '1', validFrom: '2026-01-01' },
    ]) {
      await api()
        .put(url)
        .set(owner.auth)
        .send({ rates: [rate] })
        .expect(400);
    }
    await api()
      .get(url)
      .set((await registerUser()).auth)
      .expect(404);
  });
});
