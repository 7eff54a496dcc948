/** An API key without its secret. */
export class ApiKeyResponse {
  id!: string;
  /** @example "Интернет-магазин" */
  name!: string;
  /** The first characters of the key, enough to recognise it. @example "crm_live_3fA9" */
  prefix!: string;
  /** @example "2026-11-20T10:15:00.000Z" */
  createdAt!: string;
  /** Updated at most once a minute. @example "2026-11-20T12:01:00.000Z" */
  lastUsedAt!: string | null;
  revokedAt!: string | null;
}

/** A key with its full secret: answer of create and rotate, shown once. */
export class CreatedApiKeyResponse {
  id!: string;
  /** @example "Интернет-магазин" */
  name!: string;
  /** @example "crm_live_3fA9" */
  prefix!: string;
  /** The full secret for the `X-API-Key` header. @example "crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU" */
  key!: string;
}

export class RevealedApiKeyResponse {
  /** @example "crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU" */
  key!: string;
}
