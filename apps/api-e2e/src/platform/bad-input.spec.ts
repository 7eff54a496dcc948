import { Client } from 'pg';
import { api, errorShape, registerUser, type TestUser } from '../support/client';
import { createApiKey, createClient, createSale } from '../support/crm';

/** Issue 9 §5: bad input answers 4xx with the contract's error shape, never 500 or a dropped connection. */

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('bad input', () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await registerUser('ООО Ввод');
  });

  describe('deeply nested JSON', () => {
    it('is refused with 400 before validation, on public and authenticated routes alike', async () => {
      const login = await api()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deepJson(2000))
        .expect(400);
      expect(login.body).toEqual(errorShape(400));
      expect(login.body.message).toMatch(/nest/i);

      const patch = await api()
        .patch(`/api/companies/${owner.companyId}`)
        .set(owner.auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":${deepObject(2000)}}`)
        .expect(400);
      expect(patch.body).toEqual(errorShape(400));

      const key = await createApiKey(owner);
      await api()
        .post('/api/v1/clients/batch')
        .set('X-API-Key', key.key)
        .set('Content-Type', 'application/json')
        .send(`{"items":[{"externalId":"C-1","attributes":${deepObject(5000)}}]}`)
        .expect(400);
    });

    it('still accepts ordinary nesting (a sale with items, client attributes a few levels deep)', async () => {
      const client = await createClient(owner, {
        name: 'Вложенный',
        attributes: { a: { b: { c: { d: [1, [2, [3]]] } } } },
      });
      await createSale(owner, client.id, { items: [{ name: 'Мёд', quantity: '1', unitPrice: '100.00' }] });
    });
  });

  describe('explicit null on fields that cannot be null', () => {
    it.each([['name'], ['baseCurrency'], ['timeZone']])(
      'PATCH company {%s: null} is a 400 naming the field',
      async (field) => {
        const res = await api()
          .patch(`/api/companies/${owner.companyId}`)
          .set(owner.auth)
          .send({ [field]: null })
          .expect(400);
        expect(res.body).toEqual(errorShape(400));
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      },
    );

    it.each([['currency'], ['amount'], ['soldAt'], ['status'], ['clientId'], ['items']])(
      'PATCH sale {%s: null} is a 400 naming the field and changes nothing',
      async (field) => {
        const client = await createClient(owner, { name: 'Нулевой' });
        const sale = await createSale(owner, client.id);
        const url = `/api/companies/${owner.companyId}/sales/${sale.id}`;
        const before = (await api().get(url).set(owner.auth).expect(200)).body;
        const res = await api()
          .patch(url)
          .set(owner.auth)
          .send({ [field]: null })
          .expect(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
        expect((await api().get(url).set(owner.auth).expect(200)).body).toEqual(before);
      },
    );

    it('keeps null where it means "clear": a sale externalId, client fields', async () => {
      const client = await createClient(owner, { name: 'Очистка', email: 'a@b.ru', externalId: 'C-CLR' });
      const sale = await createSale(owner, client.id, { externalId: 'S-CLR' });
      const patched = await api()
        .patch(`/api/companies/${owner.companyId}/sales/${sale.id}`)
        .set(owner.auth)
        .send({ externalId: null })
        .expect(200);
      expect(patched.body.externalId).toBeNull();
      const cleared = await api()
        .patch(`/api/companies/${owner.companyId}/clients/${client.id}`)
        .set(owner.auth)
        .send({ email: null, externalId: null })
        .expect(200);
      expect([cleared.body.email, cleared.body.externalId]).toEqual([null, null]);
    });
  });

  describe('NUL characters', () => {
    it('are refused with 400 in company names, API key names and the registration company name', async () => {
      const nul = 'ООО \u0000Ноль';
      const responses = [
        await api().post('/api/companies').set(owner.auth).send({ name: nul }),
        await api().patch(`/api/companies/${owner.companyId}`).set(owner.auth).send({ name: nul }),
        await api().post(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).send({ name: nul }),
        await api()
          .post('/api/auth/register')
          .send({ login: `nul.${Date.now()}`, password: 'correct-horse-battery', companyName: nul }),
      ];
      for (const res of responses) {
        expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: errorShape(400) });
        expect(res.body.details?.[0]?.field).toEqual(expect.any(String));
      }
    });

    it.each([
      ['clients', 'q'],
      ['clients', 'activity'],
      ['sales', 'q'],
    ])('export %s?%s=%00 answers 400 instead of dropping the connection', async (resource, param) => {
      const res = await api()
        .get(`/api/companies/${owner.companyId}/exports/${resource}?format=csv&${param}=a%00b`)
        .set(owner.auth);
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: errorShape(400) });
    });
  });

  describe('bodies that are not JSON', () => {
    it('POST clients with text/plain is a 415 and creates nothing', async () => {
      const user = await registerUser('ООО Текст');
      const res = await api()
        .post(`/api/companies/${user.companyId}/clients`)
        .set(user.auth)
        .set('Content-Type', 'text/plain')
        .send('{"name":"Текст"}')
        .expect(415);
      expect(res.body).toEqual(errorShape(415));
      const list = await api().get(`/api/companies/${user.companyId}/clients`).set(user.auth).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('form and multipart bodies on JSON routes are a 415 too; JSON with a charset is fine', async () => {
      await api()
        .post('/api/auth/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('login=a&password=b')
        .expect(415);
      await api().post(`/api/companies/${owner.companyId}/clients`).set(owner.auth).field('name', 'Форма').expect(415);
      await api()
        .post(`/api/companies/${owner.companyId}/clients`)
        .set(owner.auth)
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ name: 'Кодировка' }))
        .expect(201);
    });

    it('a POST without a body still works (logout-like routes, key rotation)', async () => {
      const key = await createApiKey(owner);
      await api().post(`/api/companies/${owner.companyId}/api-keys/${key.id}/rotate`).set(owner.auth).expect(201);
    });
  });

  describe('tokens', () => {
    it('of a user that no longer exists answer 401, not 500', async () => {
      const ghost = await registerUser(null);
      await sql('DELETE FROM refresh_tokens WHERE user_id = $1', [ghost.id]).catch(() => undefined);
      await sql('DELETE FROM users WHERE id = $1', [ghost.id]);
      const created = await api().post('/api/companies').set(ghost.auth).send({ name: 'ООО Призрак' });
      expect({ status: created.status, body: created.body }).toEqual({ status: 401, body: errorShape(401) });
      await api().get('/api/me').set(ghost.auth).expect(401);
      await api().get('/api/companies').set(ghost.auth).expect(401);
    });
  });
});
