import { addMember, api, errorShape, registerUser } from '../support/client';

describe('companies', () => {
  it('POST /api/companies creates a company owned by the caller', async () => {
    const user = await registerUser(null);
    const res = await api().post('/api/companies').set(user.auth).send({ name: 'ИП Иванов' }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'ИП Иванов' });
    const list = await api().get('/api/companies').set(user.auth).expect(200);
    expect(list.body).toEqual([{ id: res.body.id, name: 'ИП Иванов', role: 'owner' }]);
  });

  it('GET /api/companies/:companyId shows the defaults RUB and UTC', async () => {
    const user = await registerUser('Defaults');
    const res = await api().get(`/api/companies/${user.companyId}`).set(user.auth).expect(200);
    expect(res.body).toEqual({ id: user.companyId, name: 'Defaults', baseCurrency: 'RUB', timeZone: 'UTC' });
  });

  it('PATCH lets the owner change name, currency and time zone and keeps omitted fields', async () => {
    const user = await registerUser('Old name');
    await api()
      .patch(`/api/companies/${user.companyId}`)
      .set(user.auth)
      .send({ timeZone: 'Europe/Moscow' })
      .expect(200);
    const res = await api()
      .patch(`/api/companies/${user.companyId}`)
      .set(user.auth)
      .send({ name: 'New name', baseCurrency: 'EUR' })
      .expect(200);
    expect(res.body).toEqual({ id: user.companyId, name: 'New name', baseCurrency: 'EUR', timeZone: 'Europe/Moscow' });
  });

  it('PATCH refuses an unknown currency or time zone with 400', async () => {
    const user = await registerUser();
    const res = await api()
      .patch(`/api/companies/${user.companyId}`)
      .set(user.auth)
      .send({ baseCurrency: 'XYZ', timeZone: 'Mars/Base' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['baseCurrency', 'timeZone']);
  });

  it('PATCH is refused to a member with 403', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const res = await api()
      .patch(`/api/companies/${owner.companyId}`)
      .set(member.auth)
      .send({ name: 'Mine now' })
      .expect(403);
    expect(res.body).toEqual(errorShape(403));
  });

  it("gives another company's user 404 on every company route, before looking at the body", async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const base = `/api/companies/${owner.companyId}`;
    await api().get(base).set(stranger.auth).expect(404);
    await api().patch(base).set(stranger.auth).send({ bogus: true }).expect(404);
    await api().get(`${base}/members`).set(stranger.auth).expect(404);
    await api().post(`${base}/members`).set(stranger.auth).send({}).expect(404);
    await api().get(`${base}/api-keys`).set(stranger.auth).expect(404);
    await api().post(`${base}/api-keys`).set(stranger.auth).send({ name: 'x' }).expect(404);
  });

  it('answers 404 for a malformed or unknown company id and 401 without a token', async () => {
    const user = await registerUser();
    await api().get('/api/companies/not-a-uuid').set(user.auth).expect(404);
    await api().get('/api/companies/00000000-0000-4000-8000-000000000000').set(user.auth).expect(404);
    await api().get(`/api/companies/${user.companyId}`).expect(401);
  });
});
