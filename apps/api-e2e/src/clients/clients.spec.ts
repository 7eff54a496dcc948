import { addMember, api, errorShape, registerUser, type TestUser } from '../support/client';
import { clientItem, companyWithKey, createClient, createSale, pushClients, pushSales, saleItem } from '../support/crm';

const clientsUrl = (user: TestUser) => `/api/companies/${user.companyId}/clients`;

describe('clients (web API)', () => {
  it('creates a client, reads it back with Cyrillic intact, and refuses a duplicate externalId with 409', async () => {
    const owner = await registerUser();
    const body = {
      externalId: 'C-1',
      name: 'Пётр Ильич',
      email: 'petr@example.ru',
      phone: '+7 900',
      activity: 'Опт',
      // Keys named like Object.prototype members are ordinary JSON keys and must survive.
      attributes: { город: 'Тверь', constructor: 'ИП', prototype: false, toString: { a: [1] } },
    };
    const created = await api().post(clientsUrl(owner)).set(owner.auth).send(body).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      ...body,
      lastInteractionAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const read = await api()
      .get(`${clientsUrl(owner)}/${created.body.id}`)
      .set(owner.auth)
      .expect(200);
    expect(read.body).toEqual(created.body);
    const dup = await api().post(clientsUrl(owner)).set(owner.auth).send({ externalId: 'C-1' }).expect(409);
    expect(dup.body).toEqual(errorShape(409));
    await api().post(clientsUrl(owner)).set(owner.auth).send({ name: 'Без внешнего id' }).expect(201);
    await api().post(clientsUrl(owner)).set(owner.auth).send({ name: 'Ещё один без id' }).expect(201);
  });

  it('refuses invalid input with 400 naming each bad field', async () => {
    const owner = await registerUser();
    const res = await api()
      .post(clientsUrl(owner))
      .set(owner.auth)
      .send({ email: 'nope', activity: 'x'.repeat(201), attributes: [1], extra: 1 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'activity',
      'attributes',
      'email',
      'extra',
    ]);
    const nul = await api().post(clientsUrl(owner)).set(owner.auth).send({ name: 'a\u0000b' }).expect(400);
    expect(nul.body.details).toEqual([
      { field: 'name', messages: [expect.stringContaining('NUL')], codes: ['isText'] },
    ]);
  });

  it('patches: omitted fields keep their value, null clears, externalId conflicts are 409', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { externalId: 'P-1', name: 'Имя', email: 'a@b.c', phone: '1' });
    await createClient(owner, { externalId: 'P-2' });
    const res = await api()
      .patch(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .send({ phone: null, activity: 'Новое' })
      .expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ externalId: 'P-1', name: 'Имя', email: 'a@b.c', phone: null, activity: 'Новое' }),
    );
    await api()
      .patch(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .send({ externalId: 'P-2' })
      .expect(409);
    await api()
      .patch(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .send({})
      .expect(200);
  });

  it('lists with paging, sort, search over name/email/phone/externalId and filters', async () => {
    const { apiKey, ...owner } = await companyWithKey();
    await pushClients(apiKey.key, [
      clientItem('L-1', { name: 'Алексей', email: 'alex@shop.ru', phone: '+7 111', activity: 'Розница' }),
      clientItem('L-2', { name: 'Борис', email: 'boris@mail.ru', phone: '+7 222', activity: 'Опт' }),
      clientItem('L-3', { name: 'Вера', email: 'vera@shop.ru', phone: '+7 333', activity: 'розница' }),
      clientItem('L-4', { name: '100%_special', email: null }),
    ]).expect(200);
    await pushSales(apiKey.key, [
      saleItem('S-1', 'L-1', { soldAt: '2026-02-10T12:00:00Z' }),
      saleItem('S-2', 'L-3', { soldAt: '2026-03-10T12:00:00Z' }),
    ]).expect(200);
    const list = (query: Record<string, string | number>) =>
      api().get(clientsUrl(owner)).set(owner.auth).query(query).expect(200);
    const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((c) => c.name);

    const page = await list({ sort: 'name', page: 2, pageSize: 2 });
    expect(page.body).toEqual({ items: expect.any(Array), total: 4, page: 2, pageSize: 2 });
    expect(names(page)).toEqual(['Борис', 'Вера']);
    expect(names(await list({ sort: '-name', pageSize: 1 }))).toEqual(['Вера']);
    expect(names(await list({ q: 'SHOP.RU', sort: 'name' }))).toEqual(['Алексей', 'Вера']);
    expect(names(await list({ q: '222' }))).toEqual(['Борис']);
    expect(names(await list({ q: 'l-4' }))).toEqual(['100%_special']);
    expect(names(await list({ q: '%' }))).toEqual(['100%_special']);
    expect(names(await list({ activity: 'РОЗНИЦА', sort: 'name' }))).toEqual(['Алексей', 'Вера']);
    expect(names(await list({ hasPurchases: 'true', sort: 'name' }))).toEqual(['Алексей', 'Вера']);
    expect(names(await list({ hasPurchases: 'false', sort: 'name' }))).toEqual(['100%_special', 'Борис']);
    expect(names(await list({ lastInteractionFrom: '2026-03-01', lastInteractionTo: '2026-03-10' }))).toEqual(['Вера']);
    expect(names(await list({ sort: '-lastInteractionAt', pageSize: 2 }))).toEqual(['Вера', 'Алексей']);
    for (const bad of [
      { pageSize: 201 },
      { page: 0 },
      { sort: 'password' },
      { hasPurchases: 'yes' },
      { lastInteractionFrom: '2026-13-01' },
    ]) {
      await api().get(clientsUrl(owner)).set(owner.auth).query(bad).expect(400);
    }
  });

  it('refuses to delete a client with sales unless confirmed, saying what would be lost', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'С покупками' });
    await createSale(owner, client.id, { amount: '1000.50' });
    await createSale(owner, client.id, { amount: '99.50' });
    await createSale(owner, client.id, { amount: '5', currency: 'USD' });
    await createSale(owner, client.id, { amount: '7', status: 'cancelled' });
    await api()
      .post(`${clientsUrl(owner)}/${client.id}/notes`)
      .set(owner.auth)
      .send({ text: 'заметка' })
      .expect(201);
    const refused = await api()
      .delete(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .expect(409);
    expect(refused.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'client_has_sales',
      message: expect.stringContaining('confirm=true'),
      wouldDelete: {
        sales: 4,
        revenue: [
          { currency: 'RUB', amount: '1100.00' },
          { currency: 'USD', amount: '5.00' },
        ],
        interactions: 0,
        notes: 1,
      },
    });
    await api()
      .get(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .expect(200);
    await api()
      .delete(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .query({ confirm: 'true' })
      .expect(204);
    await api()
      .get(`${clientsUrl(owner)}/${client.id}`)
      .set(owner.auth)
      .expect(404);
    const sales = await api().get(`/api/companies/${owner.companyId}/sales`).set(owner.auth).expect(200);
    expect(sales.body.total).toBe(0);
    const plain = await createClient(owner, { name: 'Без покупок' });
    await api()
      .delete(`${clientsUrl(owner)}/${plain.id}`)
      .set(owner.auth)
      .expect(204);
  });

  it('records interactions (moving lastInteractionAt forward) and notes authored by the current user', async () => {
    const owner = await registerUser();
    const colleague = await registerUser(null);
    await addMember(owner, colleague, 'member');
    const client = await createClient(owner, { name: 'Клиент' });
    const url = `${clientsUrl(owner)}/${client.id}`;
    const call = await api()
      .post(`${url}/interactions`)
      .set(colleague.auth)
      .send({ type: 'call', occurredAt: '2026-11-20T10:15:00+03:00', summary: 'Обсудили поставку' })
      .expect(201);
    expect(call.body).toEqual({
      id: expect.any(String),
      clientId: client.id,
      dealId: null,
      dealTitle: null,
      type: 'call',
      occurredAt: '2026-11-20T07:15:00.000Z',
      summary: 'Обсудили поставку',
      author: { id: colleague.id, login: colleague.login },
      createdAt: expect.any(String),
    });
    await api()
      .post(`${url}/interactions`)
      .set(owner.auth)
      .send({ type: 'email', occurredAt: '2026-10-01T00:00:00Z', summary: 'Раньше' })
      .expect(201);
    await api()
      .post(`${url}/interactions`)
      .set(owner.auth)
      .send({ type: 'fax', occurredAt: 'now', summary: '' })
      .expect(400);
    const interactions = await api().get(`${url}/interactions`).set(owner.auth).expect(200);
    expect(interactions.body.map((i: { summary: string }) => i.summary)).toEqual(['Обсудили поставку', 'Раньше']);
    expect((await api().get(url).set(owner.auth).expect(200)).body.lastInteractionAt).toBe('2026-11-20T07:15:00.000Z');

    const note = await api().post(`${url}/notes`).set(owner.auth).send({ text: 'Любит зелёный чай' }).expect(201);
    expect(note.body).toEqual({
      id: expect.any(String),
      clientId: client.id,
      dealId: null,
      dealTitle: null,
      text: 'Любит зелёный чай',
      author: { id: owner.id, login: owner.login },
      createdAt: expect.any(String),
    });
    await api().post(`${url}/notes`).set(owner.auth).send({ text: '' }).expect(400);
    expect((await api().get(`${url}/notes`).set(colleague.auth).expect(200)).body).toEqual([note.body]);
  });

  it('shows a client’s purchase history', async () => {
    const owner = await registerUser();
    const client = await createClient(owner);
    const other = await createClient(owner);
    const sale = await createSale(owner, client.id);
    await createSale(owner, other.id);
    const res = await api()
      .get(`${clientsUrl(owner)}/${client.id}/sales`)
      .set(owner.auth)
      .expect(200);
    expect(res.body).toEqual({
      items: [expect.objectContaining({ id: sale.id, clientId: client.id })],
      total: 1,
      page: 1,
      pageSize: 50,
    });
  });

  it('answers 404 to a non-member and for another company’s client, whatever the body', async () => {
    const a = await registerUser();
    const b = await registerUser();
    const clientOfB = await createClient(b, { name: 'B' });
    await api().get(clientsUrl(b)).set(a.auth).expect(404);
    await api().post(clientsUrl(b)).set(a.auth).send({ email: 'invalid' }).expect(404);
    for (const path of ['', '/interactions', '/notes', '/sales']) {
      const res = await api()
        .get(`${clientsUrl(a)}/${clientOfB.id}${path}`)
        .set(a.auth)
        .expect(404);
      expect(res.body).toEqual(errorShape(404));
    }
    await api()
      .patch(`${clientsUrl(a)}/${clientOfB.id}`)
      .set(a.auth)
      .send({ name: 'stolen' })
      .expect(404);
    await api()
      .delete(`${clientsUrl(a)}/${clientOfB.id}`)
      .set(a.auth)
      .query({ confirm: 'true' })
      .expect(404);
    await api()
      .post(`${clientsUrl(a)}/${clientOfB.id}/notes`)
      .set(a.auth)
      .send({ text: 'x' })
      .expect(404);
    await api()
      .get(`${clientsUrl(a)}/not-a-uuid`)
      .set(a.auth)
      .expect(404);
    expect(
      (
        await api()
          .get(`${clientsUrl(b)}/${clientOfB.id}`)
          .set(b.auth)
          .expect(200)
      ).body.name,
    ).toBe('B');
  });
});
