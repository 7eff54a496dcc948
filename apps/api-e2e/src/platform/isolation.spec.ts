import { randomUUID } from 'node:crypto';
import { api, registerUser } from '../support/client';
import { clientItem, companyWithKey, pushClients, pushSales, readFeed, saleItem } from '../support/crm';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];
const DENIED = [401, 403, 404];

/**
 * Walks every route of the OpenAPI document that acts for a company (`{companyId}`) or with an API
 * key (`/api/v1/`), as another company's user and with another company's key, filling path
 * parameters with the victim's real ids. New routes are covered as soon as they are documented.
 * The guard turns these away before any query runs; cross-id-isolation.spec.ts attacks the services'
 * own company filters (the attacker's company with the victim's ids).
 */
describe('tenant isolation across the whole API', () => {
  it('never lets another company’s user or key reach a company’s data', async () => {
    const victim = await companyWithKey(`Victim ${randomUUID()}`);
    const marker = randomUUID().slice(0, 8);
    await pushClients(victim.apiKey.key, [clientItem(`VC-${marker}`, { name: `Victim client ${marker}` })]).expect(200);
    await pushSales(victim.apiKey.key, [saleItem(`VS-${marker}`, `VC-${marker}`)]).expect(200);
    const [client] = (await readFeed<{ id: string }>(victim.apiKey.key, 'clients')).items;
    const [sale] = (await readFeed<{ id: string }>(victim.apiKey.key, 'sales')).items;
    const companyUrl = `/api/companies/${victim.companyId}`;
    await api().post(`${companyUrl}/clients/${client.id}/notes`).set(victim.auth).send({ text: 'secret' }).expect(201);
    await api()
      .put(`${companyUrl}/exchange-rates`)
      .set(victim.auth)
      .send({ rates: [{ currency: 'USD', rate: '90', validFrom: '2026-01-01' }] })
      .expect(200);

    const attacker = await companyWithKey('Attacker');
    const attackerWithoutCompany = await registerUser(null);
    const params: Record<string, string> = {
      companyId: victim.companyId,
      clientId: client.id,
      saleId: sale.id,
      userId: victim.id,
      id: victim.apiKey.id,
    };
    // What only the victim's data contains (the attack bodies reuse the victim's client externalId on purpose).
    const secrets = [victim.companyId, client.id, sale.id, victim.apiKey.id, `Victim client ${marker}`, `VS-${marker}`];

    const doc = (await api().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, unknown>>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{companyId}') || path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => METHODS.filter((m) => ops[m]).map((method) => ({ method, path })));
    expect(routes.length).toBeGreaterThanOrEqual(30);

    const failures: string[] = [];
    for (const { method, path } of routes) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
      const body = {
        items: [clientItem(`VC-${marker}`, { name: 'overwritten' })],
        name: 'overwritten',
        text: 'x',
        rates: [],
      };
      const callers = [
        { who: 'user of another company', set: attacker.auth },
        { who: 'user without a company', set: attackerWithoutCompany.auth },
        { who: 'API key of another company', set: { 'X-API-Key': attacker.apiKey.key } },
      ];
      for (const caller of callers) {
        const res = await api()
          [method](url)
          .set(caller.set)
          .send(method === 'get' || method === 'delete' ? undefined : body);
        const leaked = secrets.filter((s) => (res.text ?? '').includes(s));
        const allowed =
          DENIED.includes(res.status) ||
          (path.startsWith('/api/v1/') && caller.set === callers[2].set && res.status < 500 && leaked.length === 0);
        if (!allowed || leaked.length > 0)
          failures.push(`${method.toUpperCase()} ${path} as ${caller.who}: ${res.status} ${leaked.join(',')}`);
      }
    }
    expect(failures).toEqual([]);

    // Nothing of the victim changed, and the victim still sees everything.
    const clients = await readFeed<{ name: string }>(victim.apiKey.key, 'clients');
    expect(clients.items.map((c) => c.name)).toEqual([`Victim client ${marker}`]);
    expect((await readFeed(victim.apiKey.key, 'sales')).items).toHaveLength(1);
    await api().get(`${companyUrl}/sales/${sale.id}`).set(victim.auth).expect(200);
    const notes = await api().get(`${companyUrl}/clients/${client.id}/notes`).set(victim.auth).expect(200);
    expect(notes.body).toHaveLength(1);
    const keys = await api().get(`${companyUrl}/api-keys`).set(victim.auth).expect(200);
    expect(keys.body.every((k: { revokedAt: string | null }) => k.revokedAt === null)).toBe(true);
  });
});
