import { api, errorShape, registerUser, type TestUser, uniqueLogin } from '../support/client';

const membersOf = (owner: TestUser) => `/api/companies/${owner.companyId}/members`;
const invitationsOf = (owner: TestUser) => `/api/companies/${owner.companyId}/invitations`;

async function invite(owner: TestUser, login: string, role = 'member') {
  return (await api().post(membersOf(owner)).set(owner.auth).send({ login, role }).expect(201)).body as {
    id: string;
    login: string;
    role: string;
    createdAt: string;
    expiresAt: string;
  };
}

const pendingOf = async (user: TestUser) =>
  (await api().get('/api/me/invitations').set(user.auth).expect(200)).body as {
    id: string;
    company: { id: string; name: string };
    role: string;
  }[];

describe('company invitations', () => {
  it('invites a login: the user is not a member until accepting, then the company appears in /me', async () => {
    const owner = await registerUser('ООО «Приглашение»');
    const colleague = await registerUser(null);
    const invitation = await invite(owner, colleague.login.toUpperCase(), 'admin');
    expect(invitation).toEqual({
      id: expect.any(String),
      userId: null,
      login: colleague.login.toUpperCase(),
      role: 'admin',
      status: 'pending',
      invitedBy: owner.login,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });

    const members = await api().get(membersOf(owner)).set(owner.auth).expect(200);
    expect(members.body.map((m: { login: string }) => m.login)).toEqual([owner.login]);
    await api().get(`/api/companies/${owner.companyId}`).set(colleague.auth).expect(404);
    const pending = await api().get(invitationsOf(owner)).set(owner.auth).expect(200);
    expect(pending.body).toEqual([invitation]);

    expect(await pendingOf(colleague)).toEqual([
      {
        id: invitation.id,
        company: { id: owner.companyId, name: 'ООО «Приглашение»' },
        role: 'admin',
        invitedBy: owner.login,
        createdAt: invitation.createdAt,
        expiresAt: invitation.expiresAt,
      },
    ]);
    const accepted = await api().post(`/api/me/invitations/${invitation.id}/accept`).set(colleague.auth).expect(200);
    expect(accepted.body).toEqual({ id: owner.companyId, name: 'ООО «Приглашение»', role: 'admin' });

    const me = await api().get('/api/me').set(colleague.auth).expect(200);
    expect(me.body.companies).toEqual([{ id: owner.companyId, name: 'ООО «Приглашение»', role: 'admin' }]);
    expect(await pendingOf(colleague)).toEqual([]);
    expect((await api().get(invitationsOf(owner)).set(owner.auth).expect(200)).body).toEqual([]);
    // Used up: a second accept finds nothing.
    await api().post(`/api/me/invitations/${invitation.id}/accept`).set(colleague.auth).expect(404);
  });

  it('answers a login nobody has exactly as a registered one: the answer reveals nothing', async () => {
    const owner = await registerUser();
    const registered = await registerUser(null);
    const ghost = uniqueLogin();
    const a = await api().post(membersOf(owner)).set(owner.auth).send({ login: registered.login, role: 'member' });
    const b = await api().post(membersOf(owner)).set(owner.auth).send({ login: ghost, role: 'member' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const shape = (body: Record<string, unknown>) => ({ ...body, id: 'x', login: 'x', createdAt: 'x', expiresAt: 'x' });
    expect(shape(a.body)).toEqual(shape(b.body));
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
    expect(b.body).toMatchObject({ login: ghost, status: 'pending', userId: null });
  });

  it('waits for a login registered later, and only that login sees it', async () => {
    const owner = await registerUser();
    const login = uniqueLogin();
    const invitation = await invite(owner, login);
    const res = await api().post('/api/auth/register').send({ login, password: 'correct-horse-battery' }).expect(201);
    const auth = { Authorization: `Bearer ${res.body.accessToken}` };
    const mine = await api().get('/api/me/invitations').set(auth).expect(200);
    expect(mine.body.map((i: { id: string }) => i.id)).toEqual([invitation.id]);
  });

  it("does not let another user, or another company's user, see, accept or decline an invitation", async () => {
    const owner = await registerUser('A');
    const invitee = await registerUser(null);
    const stranger = await registerUser('B');
    const invitation = await invite(owner, invitee.login);

    expect(await pendingOf(stranger)).toEqual([]);
    const accept = await api().post(`/api/me/invitations/${invitation.id}/accept`).set(stranger.auth).expect(404);
    expect(accept.body).toEqual(errorShape(404, 'invitation_not_found'));
    await api().post(`/api/me/invitations/${invitation.id}/decline`).set(stranger.auth).expect(404);
    // The owner who invited cannot accept on the invitee's behalf either.
    await api().post(`/api/me/invitations/${invitation.id}/accept`).set(owner.auth).expect(404);
    await api().get(`/api/companies/${owner.companyId}`).set(stranger.auth).expect(404);

    // Another company's owner neither lists nor withdraws it.
    await api().get(invitationsOf(owner)).set(stranger.auth).expect(404);
    await api()
      .delete(`${invitationsOf(owner)}/${invitation.id}`)
      .set(stranger.auth)
      .expect(404);
    await api()
      .delete(`${invitationsOf(stranger)}/${invitation.id}`)
      .set(stranger.auth)
      .expect(404);
    expect((await pendingOf(invitee)).map((i) => i.id)).toEqual([invitation.id]);
  });

  it('declines: the invitation is gone and the user never becomes a member', async () => {
    const owner = await registerUser();
    const invitee = await registerUser(null);
    const invitation = await invite(owner, invitee.login);
    await api().post(`/api/me/invitations/${invitation.id}/decline`).set(invitee.auth).expect(204);
    expect(await pendingOf(invitee)).toEqual([]);
    await api().post(`/api/me/invitations/${invitation.id}/accept`).set(invitee.auth).expect(404);
    const me = await api().get('/api/me').set(invitee.auth).expect(200);
    expect(me.body.companies).toEqual([]);
  });

  it('withdraws an invitation: the invitee can no longer accept it', async () => {
    const owner = await registerUser();
    const invitee = await registerUser(null);
    const invitation = await invite(owner, invitee.login);
    await api()
      .delete(`${invitationsOf(owner)}/${invitation.id}`)
      .set(owner.auth)
      .expect(204);
    await api().post(`/api/me/invitations/${invitation.id}/accept`).set(invitee.auth).expect(404);
    await api()
      .delete(`${invitationsOf(owner)}/${invitation.id}`)
      .set(owner.auth)
      .expect(404);
    await api()
      .delete(`${invitationsOf(owner)}/not-a-uuid`)
      .set(owner.auth)
      .expect(404);
  });

  it('inviting the same login again renews one invitation with the new role', async () => {
    const owner = await registerUser();
    const invitee = await registerUser(null);
    const first = await invite(owner, invitee.login, 'member');
    const second = await invite(owner, invitee.login.toUpperCase(), 'admin');
    expect(second.id).toBe(first.id);
    expect((await pendingOf(invitee)).map((i) => i.role)).toEqual(['admin']);
  });

  it('lets only owners and admins invite, list and withdraw; admins never for the owner role', async () => {
    const owner = await registerUser();
    const admin = await registerUser(null);
    const member = await registerUser(null);
    for (const [user, role] of [
      [admin, 'admin'],
      [member, 'member'],
    ] as const) {
      const invitation = await invite(owner, user.login, role);
      await api().post(`/api/me/invitations/${invitation.id}/accept`).set(user.auth).expect(200);
    }
    const forOwner = await invite(owner, uniqueLogin(), 'owner');

    const denied = await api().post(membersOf(owner)).set(member.auth).send({ login: uniqueLogin(), role: 'member' });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('role_required');
    await api().get(invitationsOf(owner)).set(member.auth).expect(403);
    await api()
      .delete(`${invitationsOf(owner)}/${forOwner.id}`)
      .set(member.auth)
      .expect(403);

    const ownerRole = await api().post(membersOf(owner)).set(admin.auth).send({ login: uniqueLogin(), role: 'owner' });
    expect(ownerRole.status).toBe(403);
    expect(ownerRole.body.code).toBe('owner_only');
    await api()
      .delete(`${invitationsOf(owner)}/${forOwner.id}`)
      .set(admin.auth)
      .expect(403);
    await api().post(membersOf(owner)).set(admin.auth).send({ login: uniqueLogin(), role: 'member' }).expect(201);
    await api().get(invitationsOf(owner)).set(admin.auth).expect(200);
  });
});
