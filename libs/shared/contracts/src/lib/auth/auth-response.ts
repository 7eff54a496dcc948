export class AuthUser {
  /** @example "6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11" */
  id!: string;
  /** @example "anna.petrova" */
  login!: string;
}

export class AuthCompany {
  /** @example "0b8f2f5e-5c7e-4f3e-9a3e-2b1d9b8f7c6a" */
  id!: string;
  /** @example "ООО Ромашка" */
  name!: string;
}

/** Answer of register, login and refresh. */
export class AuthResponse {
  /** Short-lived JWT for `Authorization: Bearer …`. */
  accessToken!: string;
  /** Opaque token for `POST /api/auth/refresh`; it works once (rotation). */
  refreshToken!: string;
  user!: AuthUser;
  /** Present when `register` created a company. */
  company?: AuthCompany;
}
