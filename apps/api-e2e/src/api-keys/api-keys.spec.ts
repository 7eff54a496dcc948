import { addMember, api, errorShape, registerUser, type TestUser } from '../support/client';

async function createKey(owner: TestUser, name = 'Shop') {
  const res = await api().post(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).send({ name }).expect(201);
  return res.body as { id: string; name: string; prefix: string; key: string };
}

const useKey = (key: string) => api().get('/api/v1/company').set('X-API-Key', key);

describe('API keys (web API)', () => {
  it('creates a key shown once in full, lists it without the secret', async () => {
    const owner = await registerUser();
    const created = await createKey(owner, 'Интернет-магазин');
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Интернет-магазин',
      prefix: expect.any(String),
      key: expect.any(String),
    });
    // 40 characters of a 62-letter alphabet after the prefix: more than 128 random bits.
    expect(created.key).toMatch(/^crm_[A-Za-z0-9]{40}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const list = await api().get(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).expect(200);
    expect(list.body).toEqual([
      {
        id: created.id,
        name: 'Интернет-магазин',
        prefix: created.prefix,
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
  });

  it('lets the owner reveal the full key again', async () => {
    const owner = await registerUser();
    const created = await createKey(owner);
    const res = await api()
      .get(`/api/companies/${owner.companyId}/api-keys/${created.id}/reveal`)
      .set(owner.auth)
      .expect(200);
    expect(res.body).toEqual({ key: created.key });
  });

  it('lets a member see keys but not reveal, create, rotate or revoke them (403)', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const created = await createKey(owner);
    const base = `/api/companies/${owner.companyId}/api-keys`;
    const list = await api().get(base).set(member.auth).expect(200);
    expect(list.body).toHaveLength(1);
    const reveal = await api().get(`${base}/${created.id}/reveal`).set(member.auth).expect(403);
    expect(reveal.body).toEqual(errorShape(403));
    await api().post(base).set(member.auth).send({ name: 'Mine' }).expect(403);
    await api().post(`${base}/${created.id}/rotate`).set(member.auth).expect(403);
    await api().delete(`${base}/${created.id}`).set(member.auth).expect(403);
  });

  it('lets an admin reveal keys', async () => {
    const owner = await registerUser();
    const admin = await registerUser(null);
    await addMember(owner, admin, 'admin');
    const created = await createKey(owner);
    const res = await api()
      .get(`/api/companies/${owner.companyId}/api-keys/${created.id}/reveal`)
      .set(admin.auth)
      .expect(200);
    expect(res.body.key).toBe(created.key);
  });

  it('refuses a key without a name with 400', async () => {
    const owner = await registerUser();
    const res = await api()
      .post(`/api/companies/${owner.companyId}/api-keys`)
      .set(owner.auth)
      .send({ name: '' })
      .expect(400);
    expect(res.body.details[0].field).toBe('name');
  });

  it("answers 404 for another company's key id, even to an owner", async () => {
    const a = await registerUser();
    const b = await registerUser();
    const keyOfB = await createKey(b);
    const base = `/api/companies/${a.companyId}/api-keys/${keyOfB.id}`;
    await api().get(`${base}/reveal`).set(a.auth).expect(404);
    await api().post(`${base}/rotate`).set(a.auth).expect(404);
    await api().delete(base).set(a.auth).expect(404);
    await useKey(keyOfB.key).expect(200);
  });
});

describe('API keys (integration API)', () => {
  it('authenticates X-API-Key and resolves the key’s company', async () => {
    const owner = await registerUser('Магазин');
    const created = await createKey(owner);
    const res = await useKey(created.key).expect(200);
    expect(res.body).toEqual({ id: owner.companyId, name: 'Магазин', baseCurrency: 'RUB', timeZone: 'UTC' });
  });

  it('refuses a missing, unknown or JWT credential with 401', async () => {
    const owner = await registerUser();
    const missing = await api().get('/api/v1/company').expect(401);
    expect(missing.body).toEqual(errorShape(401));
    await useKey('crm_' + 'A'.repeat(40)).expect(401);
    await api().get('/api/v1/company').set(owner.auth).expect(401);
  });

  it('stops a revoked key at once (401); revoking twice is fine', async () => {
    const owner = await registerUser();
    const created = await createKey(owner);
    await useKey(created.key).expect(200);
    await api().delete(`/api/companies/${owner.companyId}/api-keys/${created.id}`).set(owner.auth).expect(204);
    await useKey(created.key).expect(401);
    await api().delete(`/api/companies/${owner.companyId}/api-keys/${created.id}`).set(owner.auth).expect(204);
    const list = await api().get(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).expect(200);
    expect(list.body[0].revokedAt).toEqual(expect.any(String));
    await api().get(`/api/companies/${owner.companyId}/api-keys/${created.id}/reveal`).set(owner.auth).expect(409);
  });

  it('rotates: the new key works, the rotated-away key is refused at once (401)', async () => {
    const owner = await registerUser();
    const old = await createKey(owner, 'Billing');
    const res = await api()
      .post(`/api/companies/${owner.companyId}/api-keys/${old.id}/rotate`)
      .set(owner.auth)
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Billing',
      prefix: expect.any(String),
      key: expect.any(String),
    });
    expect(res.body.key).not.toBe(old.key);
    await useKey(old.key).expect(401);
    await useKey(res.body.key).expect(200);
    await api().post(`/api/companies/${owner.companyId}/api-keys/${old.id}/rotate`).set(owner.auth).expect(409);
  });

  it('records when a key was last used, without a write per request', async () => {
    const owner = await registerUser();
    const created = await createKey(owner);
    for (let i = 0; i < 5; i++) await useKey(created.key).expect(200);
    const deadline = Date.now() + 15_000;
    let lastUsedAt: string | null = null;
    while (!lastUsedAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const list = await api().get(`/api/companies/${owner.companyId}/api-keys`).set(owner.auth).expect(200);
      lastUsedAt = list.body[0].lastUsedAt;
    }
    expect(lastUsedAt).not.toBeNull();
    expect(Math.abs(Date.parse(lastUsedAt as string) - Date.now())).toBeLessThan(60_000);
  });
});
