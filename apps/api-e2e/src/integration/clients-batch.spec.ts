import request from 'supertest';
import { api, errorShape } from '../support/client';
import { clientItem, companyWithKey, pushClients, readFeed } from '../support/crm';

describe('POST /api/v1/clients/batch', () => {
  it('stores every valid item and lists each invalid one with its index, externalId and reasons', async () => {
    const { apiKey } = await companyWithKey();
    const res = await pushClients(apiKey.key, [
      clientItem('C-1', { name: 'Иван Петров', email: 'ivan@example.ru' }),
      clientItem('C-2', { email: 'not-an-email' }),
      42,
      clientItem('', { name: 'no id' }),
      clientItem('C-5', { activity: 'x'.repeat(201) }),
      clientItem('C-6', { phone: '+7 900 123-45-67', unknownField: true }),
      clientItem('C-7', { attributes: { city: 'Казань' } }),
    ]).expect(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: [
        { index: 1, externalId: 'C-2', errors: ['email must look like name@domain'] },
        { index: 2, externalId: null, errors: ['item must be a JSON object'] },
        { index: 3, externalId: null, errors: [expect.stringContaining('externalId')] },
        {
          index: 4,
          externalId: 'C-5',
          errors: [expect.stringContaining('activity must be shorter than or equal to 200')],
        },
        { index: 5, externalId: 'C-6', errors: ['property unknownField should not exist'] },
      ],
    });
    const { items } = await readFeed(apiKey.key, 'clients');
    expect(items.map((c) => c['externalId']).sort()).toEqual(['C-1', 'C-7']);
  });

  it('keeps attribute keys named like members of Object at every depth, exactly as sent', async () => {
    const { apiKey } = await companyWithKey();
    const attributes = {
      '': { toString: 0, valueOf: [{ constructor: 'ИП', hasOwnProperty: null }] },
      prototype: { __defineGetter__: true },
    };
    expect((await pushClients(apiKey.key, [clientItem('K-1', { attributes })]).expect(200)).body.failed).toEqual([]);
    const { items } = await readFeed(apiKey.key, 'clients');
    expect(items.map((c) => c['attributes'])).toEqual([attributes]);
  });

  it('counts a replayed batch as unchanged and never duplicates', async () => {
    const { apiKey } = await companyWithKey();
    const batch = Array.from({ length: 50 }, (_, i) =>
      clientItem(`R-${i}`, { name: `Клиент ${i}`, email: `c${i}@example.ru`, attributes: { n: i, tags: ['a', 'b'] } }),
    );
    expect((await pushClients(apiKey.key, batch).expect(200)).body).toEqual({
      created: 50,
      updated: 0,
      unchanged: 0,
      failed: [],
    });
    expect((await pushClients(apiKey.key, batch).expect(200)).body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 50,
      failed: [],
    });
    const changed = batch.map((item, i) => (i < 5 ? { ...item, name: `Новое имя ${i}` } : item));
    expect((await pushClients(apiKey.key, changed).expect(200)).body).toEqual({
      created: 0,
      updated: 5,
      unchanged: 45,
      failed: [],
    });
    const { items } = await readFeed(apiKey.key, 'clients', { limit: 1000 });
    expect(items).toHaveLength(50);
  });

  it('keeps omitted fields, clears explicit nulls, and round-trips Cyrillic and JSON attributes', async () => {
    const { apiKey } = await companyWithKey();
    const attributes = { город: 'Нижний Новгород', скидка: 5, nested: { list: [1, 'два', null] } };
    await pushClients(apiKey.key, [
      clientItem('K-1', {
        name: 'Анна Сергеевна Ёлкина',
        email: 'anna@пример.рф',
        phone: '+7 (900) 000-00-00',
        activity: 'Опт',
        attributes,
      }),
    ]).expect(200);
    const update = await pushClients(apiKey.key, [clientItem('K-1', { phone: null, activity: 'Розница' })]).expect(200);
    expect(update.body).toEqual({ created: 0, updated: 1, unchanged: 0, failed: [] });
    const res = await api()
      .get('/api/v1/clients')
      .set('X-API-Key', apiKey.key)
      .query({ externalId: 'K-1' })
      .expect(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        externalId: 'K-1',
        name: 'Анна Сергеевна Ёлкина',
        email: 'anna@пример.рф',
        phone: null,
        activity: 'Розница',
        attributes,
        lastInteractionAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('applies the first of repeated externalIds in one batch and fails the later ones', async () => {
    const { apiKey } = await companyWithKey();
    const res = await pushClients(apiKey.key, [
      clientItem('D-1', { name: 'first' }),
      clientItem('D-1', { name: 'second' }),
    ]).expect(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: [{ index: 1, externalId: 'D-1', errors: [expect.stringContaining('repeats item 0')] }],
    });
    const feed = await api().get('/api/v1/clients').set('X-API-Key', apiKey.key).expect(200);
    expect(feed.body.items.map((c: { name: string }) => c.name)).toEqual(['first']);
  });

  it('accepts 5,000 items and refuses 5,001 with 413 in the contract shape, storing nothing', async () => {
    const { apiKey } = await companyWithKey();
    const items = Array.from({ length: 5001 }, (_, i) => clientItem(`B-${i}`));
    const tooMany = await pushClients(apiKey.key, items).expect(413);
    expect(tooMany.body).toEqual(errorShape(413));
    expect((await api().get('/api/v1/clients').set('X-API-Key', apiKey.key).expect(200)).body.items).toEqual([]);
    const ok = await pushClients(apiKey.key, items.slice(0, 5000)).expect(200);
    expect(ok.body).toEqual({ created: 5000, updated: 0, unchanged: 0, failed: [] });
  });

  it('refuses a body without an items array with 400 naming the field', async () => {
    const { apiKey } = await companyWithKey();
    const res = await api()
      .post('/api/v1/clients/batch')
      .set('X-API-Key', apiKey.key)
      .send({ clients: [] })
      .expect(400);
    expect(res.body).toEqual(errorShape(400));
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['clients', 'items']);
  });

  it('keeps two companies apart: the same externalId is two clients, each key sees its own', async () => {
    const a = await companyWithKey('A');
    const b = await companyWithKey('B');
    await pushClients(a.apiKey.key, [clientItem('SAME', { name: 'of A' })]).expect(200);
    await pushClients(b.apiKey.key, [clientItem('SAME', { name: 'of B' })]).expect(200);
    const feedA = await readFeed(a.apiKey.key, 'clients');
    const feedB = await readFeed(b.apiKey.key, 'clients');
    expect(feedA.items.map((c) => c['name'])).toEqual(['of A']);
    expect(feedB.items.map((c) => c['name'])).toEqual(['of B']);
  });

  it('survives concurrent overlapping batches without errors or duplicates', async () => {
    const { apiKey } = await companyWithKey();
    const items = Array.from({ length: 300 }, (_, i) => clientItem(`P-${i}`, { name: `n${i}` }));
    const reversed = [...items].reverse();
    const results = await Promise.all([
      pushClients(apiKey.key, items),
      pushClients(apiKey.key, reversed),
      pushClients(apiKey.key, items),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.reduce((sum, r) => sum + r.body.created, 0)).toBe(300);
    expect((await readFeed(apiKey.key, 'clients', { limit: 1000 })).items).toHaveLength(300);
  });

  it('keeps what concurrent batches each set when every batch omits the others’ fields', async () => {
    // Batches of a company run in parallel: a batch that finds a client inserted meanwhile by
    // another must merge with it (omitted fields keep the stored value), not write over it.
    const { apiKey } = await companyWithKey();
    const ids = Array.from({ length: 200 }, (_, i) => `M-${i}`);
    const fields: Record<string, (i: number) => unknown> = {
      email: (i) => `m${i}@example.com`,
      name: (i) => `Name ${i}`,
      phone: (i) => `+7 900 000-${String(i).padStart(4, '0')}`,
      activity: () => 'retail',
      attributes: (i) => ({ n: i }),
    };
    const results = await Promise.all(
      Object.entries(fields).map(([field, value]) =>
        pushClients(
          apiKey.key,
          ids.map((externalId, i) => clientItem(externalId, { [field]: value(i) })),
        ),
      ),
    );
    expect(results.map((r) => [r.status, r.body.failed])).toEqual(results.map(() => [200, []]));
    expect(results.reduce((sum, r) => sum + r.body.created, 0)).toBe(200);
    const stored = (await readFeed<Record<string, unknown>>(apiKey.key, 'clients', { limit: 1000 })).items;
    expect(stored).toHaveLength(200);
    for (const client of stored) {
      const i = Number(String(client['externalId']).slice(2));
      for (const [field, value] of Object.entries(fields))
        expect({ i, field, v: client[field] }).toEqual({ i, field, v: value(i) });
    }
  });
});

describe('integration API keys', () => {
  it('refuses a missing, unknown, revoked or rotated-away key with 401 on every /api/v1 route', async () => {
    const owner = await companyWithKey();
    const base = `/api/companies/${owner.companyId}/api-keys`;
    const revoked = owner.apiKey;
    const rotating = await api().post(base).set(owner.auth).send({ name: 'to rotate' }).expect(201);
    await api().delete(`${base}/${revoked.id}`).set(owner.auth).expect(204);
    await api().post(`${base}/${rotating.body.id}/rotate`).set(owner.auth).expect(201);
    const calls = [
      (key?: string) => withKey(api().post('/api/v1/clients/batch').send({ items: [] }), key),
      (key?: string) => withKey(api().post('/api/v1/sales/batch').send({ items: [] }), key),
      (key?: string) => withKey(api().get('/api/v1/clients'), key),
      (key?: string) => withKey(api().get('/api/v1/sales'), key),
    ];
    for (const call of calls) {
      for (const key of [undefined, 'crm_' + 'Z'.repeat(40), revoked.key, rotating.body.key as string]) {
        const res = await call(key);
        expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: errorShape(401) });
      }
    }
  });
});

function withKey(test: request.Test, key?: string): request.Test {
  return key ? test.set('X-API-Key', key) : test;
}
