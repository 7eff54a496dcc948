import { api, errorShape, PASSWORD, registerUser, uniqueLogin } from '../support/client';

describe('POST /api/auth/register', () => {
  it('creates the user and, with companyName, a company it owns', async () => {
    const login = uniqueLogin('anna');
    const res = await api()
      .post('/api/auth/register')
      .send({ login, password: PASSWORD, companyName: 'ООО «Ромашка»' })
      .expect(201);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: expect.any(String), login },
      company: { id: expect.any(String), name: 'ООО «Ромашка»' },
    });
    const me = await api().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({
      id: res.body.user.id,
      login,
      companies: [{ id: res.body.company.id, name: 'ООО «Ромашка»', role: 'owner' }],
    });
  });

  it('creates no company without companyName', async () => {
    const res = await api().post('/api/auth/register').send({ login: uniqueLogin(), password: PASSWORD }).expect(201);
    expect(res.body.company).toBeUndefined();
    const me = await api().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.companies).toEqual([]);
  });

  it('accepts Cyrillic logins and refuses a taken login in any case with 409', async () => {
    const login = uniqueLogin('мария');
    await api().post('/api/auth/register').send({ login, password: PASSWORD }).expect(201);
    const res = await api()
      .post('/api/auth/register')
      .send({ login: login.toUpperCase(), password: PASSWORD })
      .expect(409);
    expect(res.body).toEqual(errorShape(409));
  });

  it.each([
    ['a too short login', { login: 'ab', password: PASSWORD }, ['login']],
    ['a login with spaces', { login: 'anna petrova', password: PASSWORD }, ['login']],
    ['a short password', { login: uniqueLogin(), password: 'short' }, ['password']],
    ['missing fields', {}, ['login', 'password']],
    ['wrong types', { login: 42, password: ['x'] }, ['login', 'password']],
    ['an unknown field', { login: uniqueLogin(), password: PASSWORD, admin: true }, ['admin']],
    ['an empty company name', { login: uniqueLogin(), password: PASSWORD, companyName: '' }, ['companyName']],
  ])('refuses %s with 400 naming each bad field', async (_, body, fields) => {
    const res = await api().post('/api/auth/register').send(body).expect(400);
    expect(res.body).toEqual(errorShape(400));
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([...fields].sort());
  });

  it('refuses a body that is not JSON, or not an object, with 400', async () => {
    const broken = await api()
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"login":')
      .expect(400);
    expect(broken.body).toEqual(errorShape(400));
    const array = await api().post('/api/auth/register').send([1, 2]).expect(400);
    expect(array.body).toEqual(errorShape(400));
  });
});

describe('POST /api/auth/login', () => {
  it('answers 200 with a token pair and the user, without a company', async () => {
    const user = await registerUser();
    const res = await api().post('/api/auth/login').send({ login: user.login, password: PASSWORD }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: user.id, login: user.login },
    });
    await api().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('logs in whatever the case of the login', async () => {
    const user = await registerUser();
    await api().post('/api/auth/login').send({ login: user.login.toUpperCase(), password: PASSWORD }).expect(200);
  });

  it('answers a wrong password and an unknown login with the same 401', async () => {
    const user = await registerUser();
    const wrongPassword = await api()
      .post('/api/auth/login')
      .send({ login: user.login, password: 'not-the-password' })
      .expect(401);
    const unknownLogin = await api()
      .post('/api/auth/login')
      .send({ login: uniqueLogin('ghost'), password: PASSWORD })
      .expect(401);
    expect(wrongPassword.body).toEqual(errorShape(401));
    expect(unknownLogin.body).toEqual(wrongPassword.body);
  });

  it('makes a login wait after repeated failures (429 with Retry-After), even with the right password', async () => {
    const user = await registerUser();
    for (let i = 0; i < 5; i++) {
      await api()
        .post('/api/auth/login')
        .send({ login: user.login, password: `wrong-password-${i}` })
        .expect(401);
    }
    const blocked = await api().post('/api/auth/login').send({ login: user.login, password: PASSWORD }).expect(429);
    expect(blocked.body).toEqual(errorShape(429));
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('refuses junk with 400', async () => {
    await api()
      .post('/api/auth/login')
      .send({ login: 'x'.repeat(500), password: PASSWORD })
      .expect(400);
    await api().post('/api/auth/login').send({ login: 'anna' }).expect(400);
  });
});

describe('POST /api/auth/refresh and /logout', () => {
  it('rotates: the new pair works and the old refresh token is refused', async () => {
    const user = await registerUser();
    const res = await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: user.id, login: user.login },
    });
    expect(res.body.refreshToken).not.toEqual(user.refreshToken);
    await api().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    const reuse = await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(reuse.body).toEqual(errorShape(401));
  });

  it('revokes the whole session when an old refresh token is replayed (theft detection)', async () => {
    const user = await registerUser();
    const first = await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
  });

  it('refuses an unknown refresh token with 401 and a malformed one with 400', async () => {
    await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: 12 }).expect(400);
  });

  it('logout answers 204 and ends the session', async () => {
    const user = await registerUser();
    await api().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await api().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
  });
});

describe('GET /api/me', () => {
  it('needs a valid access token', async () => {
    const none = await api().get('/api/me').expect(401);
    expect(none.body).toEqual(errorShape(401));
    await api().get('/api/me').set('Authorization', 'Bearer not.a.token').expect(401);
    await api().get('/api/me').set('Authorization', 'Basic YW5uYTpwYXNz').expect(401);
  });

  it('lists every company of a user in several companies', async () => {
    const user = await registerUser('Первая');
    const second = await api().post('/api/companies').set(user.auth).send({ name: 'Вторая' }).expect(201);
    const me = await api().get('/api/me').set(user.auth).expect(200);
    expect(me.body.companies).toEqual([
      { id: user.companyId, name: 'Первая', role: 'owner' },
      { id: second.body.id, name: 'Вторая', role: 'owner' },
    ]);
  });
});
