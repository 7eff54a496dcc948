import { createCrmClient } from './crm-client';

/** A fetch that records the requests and answers `body` with `status`. */
function fakeFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch, requests };
}

describe('createCrmClient', () => {
  it('sends a batch to the documented path under the base URL with the API key', async () => {
    const answer = { created: 1, updated: 0, unchanged: 0, failed: [] };
    const { fetch, requests } = fakeFetch(200, answer);
    const client = createCrmClient({ baseUrl: 'https://crm.example.com/', apiKey: 'crm_secret', fetch });

    const { data, error } = await client.POST('/api/v1/clients/batch', {
      body: { items: [{ externalId: 'C-1', name: 'Иван Петров' }] },
    });

    expect(error).toBeUndefined();
    expect(data).toEqual(answer);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('https://crm.example.com/api/v1/clients/batch');
    expect(requests[0].headers.get('X-API-Key')).toBe('crm_secret');
    expect(requests[0].headers.get('Authorization')).toBeNull();
    expect(await requests[0].json()).toEqual({ items: [{ externalId: 'C-1', name: 'Иван Петров' }] });
  });

  it('fills path and query parameters and reads the bearer token before every request', async () => {
    const { fetch, requests } = fakeFetch(200, { items: [], total: 0, page: 1, pageSize: 50 });
    let token = 'first';
    const client = createCrmClient({ baseUrl: 'http://localhost:3000', accessToken: () => token, fetch });
    const params = { path: { companyId: 'c1' }, query: { page: 2, q: 'Иван' } };

    await client.GET('/api/companies/{companyId}/clients', { params });
    token = 'second';
    await client.GET('/api/companies/{companyId}/clients', { params });

    expect(requests[0].url).toBe(
      `http://localhost:3000/api/companies/c1/clients?page=2&q=${encodeURIComponent('Иван')}`,
    );
    expect(requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer first', 'Bearer second']);
  });

  it('gives the error body of a documented error status in `error`', async () => {
    const problem = { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key', code: 'UNAUTHORIZED' };
    const { fetch } = fakeFetch(401, problem);
    const client = createCrmClient({ baseUrl: 'http://localhost:3000', apiKey: 'wrong', fetch });

    const { data, error, response } = await client.GET('/api/v1/company');

    expect(data).toBeUndefined();
    expect(error).toEqual(problem);
    expect(response.status).toBe(401);
  });

  it('rejects at compile time what the document does not allow', () => {
    const client = createCrmClient({ baseUrl: 'http://localhost:3000', fetch: fakeFetch(200, {}).fetch });
    // These calls are never made: the expectations are the @ts-expect-error lines, checked by ts-jest.
    const never = () => [
      // @ts-expect-error an undocumented path
      client.GET('/api/v1/customers'),
      // @ts-expect-error a batch item without its required externalId
      client.POST('/api/v1/clients/batch', { body: { items: [{ name: 'no id' }] } }),
      // @ts-expect-error the company route needs its companyId
      client.GET('/api/companies/{companyId}/clients', { params: { path: {} } }),
    ];
    expect(typeof never).toBe('function');
  });
});
