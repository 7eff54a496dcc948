import { randomBytes } from 'node:crypto';
import request from 'supertest';

export const apiUrl = (): string => {
  const url = process.env['E2E_API_URL'];
  if (!url) throw new Error('E2E_API_URL is not set: the global setup did not run');
  return url;
};

/** A supertest client of the running API. */
export const api = () => request(apiUrl());

export const uniqueLogin = (prefix = 'user') => `${prefix}.${randomBytes(5).toString('hex')}`;

export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  login: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** The company created at registration, when one was asked for. */
  companyId: string;
  auth: { Authorization: string };
}

/** Registers a user, with a company of its own unless `companyName` is null. */
export async function registerUser(companyName: string | null = 'ООО Тест'): Promise<TestUser> {
  const login = uniqueLogin();
  const res = await api()
    .post('/api/auth/register')
    .send({ login, password: PASSWORD, ...(companyName ? { companyName } : {}) })
    .expect(201);
  return {
    id: res.body.user.id,
    login,
    password: PASSWORD,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    companyId: res.body.company?.id ?? '',
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** Adds `user` to `owner`'s company with `role`: the owner invites, the user accepts. */
export async function addMember(owner: TestUser, user: TestUser, role: 'owner' | 'admin' | 'member'): Promise<void> {
  const invited = await api()
    .post(`/api/companies/${owner.companyId}/members`)
    .set(owner.auth)
    .send({ login: user.login, role })
    .expect(201);
  await api().post(`/api/me/invitations/${invited.body.id}/accept`).set(user.auth).expect(200);
}

/** The contract's error shape. */
export const errorShape = (statusCode: number, code?: string) =>
  expect.objectContaining({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
    code: code ?? expect.any(String),
  });
