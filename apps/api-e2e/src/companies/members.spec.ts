import { addMember, api, errorShape, registerUser } from '../support/client';

describe('company members', () => {
  it('lists members with their roles, owners first', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const res = await api().get(`/api/companies/${owner.companyId}/members`).set(owner.auth).expect(200);
    expect(res.body).toEqual([
      { userId: owner.id, login: owner.login, role: 'owner' },
      { userId: member.id, login: member.login, role: 'member' },
    ]);
  });

  it('answers 409 for a login that is already a member, 400 for a bad role', async () => {
    const owner = await registerUser();
    const base = `/api/companies/${owner.companyId}/members`;
    const dup = await api().post(base).set(owner.auth).send({ login: owner.login, role: 'member' }).expect(409);
    expect(dup.body).toEqual(errorShape(409, 'already_member'));
    const bad = await api().post(base).set(owner.auth).send({ login: owner.login, role: 'boss' }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.details).toEqual([{ field: 'role', messages: [expect.any(String)], codes: ['isIn'] }]);
  });

  it('lets only owners and admins manage members', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    const other = await registerUser(null);
    await addMember(owner, member, 'member');
    const base = `/api/companies/${owner.companyId}/members`;
    await api().post(base).set(member.auth).send({ login: other.login, role: 'member' }).expect(403);
    await api().patch(`${base}/${owner.id}`).set(member.auth).send({ role: 'member' }).expect(403);
    await api().delete(`${base}/${owner.id}`).set(member.auth).expect(403);
  });

  it('lets an admin add members but not grant or touch the owner role', async () => {
    const owner = await registerUser();
    const admin = await registerUser(null);
    const newcomer = await registerUser(null);
    await addMember(owner, admin, 'admin');
    const base = `/api/companies/${owner.companyId}/members`;
    await api().post(base).set(admin.auth).send({ login: newcomer.login, role: 'owner' }).expect(403);
    const invited = await api().post(base).set(admin.auth).send({ login: newcomer.login, role: 'member' }).expect(201);
    await api().post(`/api/me/invitations/${invited.body.id}/accept`).set(newcomer.auth).expect(200);
    await api().patch(`${base}/${owner.id}`).set(admin.auth).send({ role: 'member' }).expect(403);
    await api().patch(`${base}/${newcomer.id}`).set(admin.auth).send({ role: 'admin' }).expect(200);
  });

  it('changes a role and removes a member; the removed user loses access', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const base = `/api/companies/${owner.companyId}/members`;
    const res = await api().patch(`${base}/${member.id}`).set(owner.auth).send({ role: 'admin' }).expect(200);
    expect(res.body).toEqual({ userId: member.id, login: member.login, role: 'admin' });
    await api().delete(`${base}/${member.id}`).set(owner.auth).expect(204);
    await api().get(`/api/companies/${owner.companyId}`).set(member.auth).expect(404);
  });

  it('keeps at least one owner: the last owner can be neither demoted nor removed (409)', async () => {
    const owner = await registerUser();
    const base = `/api/companies/${owner.companyId}/members`;
    const demote = await api().patch(`${base}/${owner.id}`).set(owner.auth).send({ role: 'admin' }).expect(409);
    expect(demote.body).toEqual(errorShape(409, 'last_owner'));
    await api().delete(`${base}/${owner.id}`).set(owner.auth).expect(409);

    const second = await registerUser(null);
    await addMember(owner, second, 'owner');
    await api().patch(`${base}/${owner.id}`).set(owner.auth).send({ role: 'admin' }).expect(200);
  });

  it('answers 404 for a member id that is not in the company', async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const base = `/api/companies/${owner.companyId}/members`;
    await api().patch(`${base}/${stranger.id}`).set(owner.auth).send({ role: 'admin' }).expect(404);
    await api().delete(`${base}/not-a-uuid`).set(owner.auth).expect(404);
  });
});
