import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './openapi';

/** The API's paths and schemas, as the OpenAPI document describes them. */
export type CrmPaths = paths;
export type CrmSchemas = components['schemas'];
/** A client whose every call is checked against the API's paths, parameters and bodies. */
export type CrmClient = Client<paths>;

export interface CrmClientOptions {
  /** Where the API answers, without `/api` (the document's paths carry it): `https://crm.example.com`. */
  baseUrl: string;
  /** An API key of the company (`X-API-Key`): what the integration API (`/api/v1/*`) takes. */
  apiKey?: string;
  /** A user's access token (`Authorization: Bearer`), or a function read before every request. */
  accessToken?: string | (() => string | undefined);
  /** Another fetch (tests, proxies, timeouts); the global one by default. */
  fetch?: ClientOptions['fetch'];
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * A typed client of the CRM API on openapi-fetch: `client.POST('/api/v1/clients/batch', { body })`
 * answers `{ data, error, response }`, with `data` typed by the status the document gives.
 */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers['X-API-Key'] = options.apiKey;
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const token = options.accessToken;
  if (token !== undefined)
    client.use({
      onRequest({ request }) {
        const value = typeof token === 'function' ? token() : token;
        if (value) request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    });
  return client;
}
