import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { fixture, upload, waitForImport } from '../imports/imports-support';
import { addMember, api, errorShape, registerUser, type TestUser } from '../support/client';
import {
  clientItem,
  companyWithKey,
  createApiKey,
  createClient,
  createSale,
  pushClients,
  pushSales,
  readFeed,
  saleItem,
} from '../support/crm';
import { RESOURCE_FIXTURES } from './resource-fixtures';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];
const IMPORT_FILE = 'ok/clients-windows-1251-semicolon.csv';

/**
 * The kind of a path id: the segment before it and its name (`clients/{clientId}`), so a new
 * resource that names its id `{id}` is a new kind, not mistaken for an API key.
 */
const kindOf = (path: string, name: string): string => {
  const segments = path.split('/');
  return `${segments[segments.indexOf(`{${name}}`) - 1]}/{${name}}`;
};
const idParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => n !== 'companyId');
const fill = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? values[kindOf(path, name)]);

/** A response as text, whatever its content type (JSON, CSV, a file). */
const textOf = (res: Response): string =>
  res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body ?? null));

/** Request-body fields that carry another resource's id, and the path-id kind they name. */
const BODY_IDS: Record<string, string> = {
  clientId: 'clients/{clientId}',
  dealId: 'deals/{dealId}',
  stageId: 'stages/{stageId}',
};
/** Query parameters that carry an id (the victim's values are tried in the attacker's company), and their kind. */
const QUERY_IDS: Record<string, string> = {
  clientId: 'clients/{clientId}',
  externalId: 'externalId',
  dealId: 'deals/{dealId}',
  pipelineId: 'pipelines/{pipelineId}',
  stageId: 'stages/{stageId}',
  saleId: 'sales/{saleId}',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The attacker is the OWNER of its own company and asks that company (and its own API key) for the
 * victim's clients, sales, notes, keys, members, invitations, import jobs... by id. Unlike
 * isolation.spec.ts (the victim's companyId, which the guard turns away before any query), every
 * request here passes the guard: only the services' own company filters (and the row-level
 * security under them) stand between the attacker and the victim's rows. Each route with an id in
 * its path is taken from the OpenAPI document, so a new route is attacked as soon as it is
 * documented, and a new kind of id fails the test until its victim and attacker values are added
 * below. The same request with the attacker's own ids must succeed: the 404 comes from ownership,
 * not from a body or state the route would refuse anyway.
 */
describe('tenant isolation: the attacker’s own company with the victim’s ids', () => {
  let doc: Json;
  let victim: TestUser & { apiKey: { id: string; key: string } };
  let attacker: TestUser & { apiKey: { id: string; key: string } };
  let member: TestUser;
  let invitee: TestUser;
  let victimIds: Record<string, string[]>;
  let victimExternalIds: string[];
  let secrets: string[];
  let attackerClientId: string;
  /** The attacker's own resource of each kind that bodies name by id (`BODY_IDS`). */
  let attackerBodyIds: Record<string, string>;
  /** The attacker pipeline made last: a stage in a path is a stage of the pipeline before it. */
  let attackerPipelineId: string;
  /** The mapping an upload of IMPORT_FILE suggests (the same for the victim's and the attacker's job). */
  let importMapping: Json;
  const marker = randomUUID().slice(0, 8);

  const operations = () =>
    Object.entries(doc['paths'] as Json).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({
        method,
        path,
        op: { ...item[method], __name: `${method.toUpperCase()} ${path}` } as Json,
      })),
    );

  /** The caller of a route: an API key for /api/v1, the user's token otherwise. */
  const as = (path: string, user: TestUser & { apiKey?: { key: string } }) =>
    path.startsWith('/api/v1/') ? { 'X-API-Key': user.apiKey?.key ?? '' } : user.auth;

  /**
   * Bodies for routes whose documented example does not fit a real resource: the import mapping's
   * example names the columns of a clients AND a sales file at once (it is assembled from the field
   * examples), which no single file has.
   */
  const BODY_OVERRIDES: Record<string, () => unknown> = {
    'POST /api/companies/{companyId}/imports/{importId}/preview': () => ({ mapping: importMapping }),
    'POST /api/companies/{companyId}/imports/{importId}/run': () => ({ mapping: importMapping }),
    // The examples name a member of the example company; an empty list is valid for any company.
    'POST /api/companies/{companyId}/reports/{id}/share': () => ({ userIds: [], company: true }),
    'PUT /api/companies/{companyId}/reports/{id}/schedule': () => ({
      frequency: 'weekly',
      weekday: 1,
      time: '09:00',
      recipients: [],
    }),
  };

  /** Required query parameters of routes with ids in their paths. */
  const QUERIES: Record<string, string> = { '/api/companies/{companyId}/reports/{id}/export': '?format=csv' };

  /**
   * The documented example body, with id fields set to the attacker's own resources and a fresh
   * `externalId` (the example's would collide with the previous request's).
   */
  function exampleBody(op: Json, idFields: Record<string, string> = {}): unknown {
    const override = BODY_OVERRIDES[op['__name']];
    if (override) return override();
    const example = op['requestBody']?.content?.['application/json']?.example;
    if (example === undefined || Array.isArray(example) || typeof example !== 'object') return example;
    const body: Json = { ...example };
    for (const [field, value] of Object.entries(body)) {
      if (field in BODY_IDS) body[field] = idFields[field] ?? attackerBodyIds[BODY_IDS[field]];
      else if (field === 'externalId' && typeof value === 'string') body[field] = `X-${randomUUID()}`;
      else if (typeof value === 'string' && UUID.test(value))
        throw new Error(`The example body has an id field "${field}": add it to BODY_IDS`);
    }
    return body;
  }

  const send = (method: Method, url: string, headers: Record<string, string>, body: unknown) => {
    const req = api()[method](url).set(headers);
    return body === undefined ? req : req.send(body as object);
  };

  /** A ready report of `user`'s company. */
  async function readyReport(user: TestUser, title: string): Promise<string> {
    const res = await api()
      .post(`/api/companies/${user.companyId}/reports`)
      .set(user.auth)
      .send({ type: 'sales-overview', from: '2026-11-01', to: '2026-11-30', title })
      .expect(201);
    for (let tries = 0; ; tries++) {
      const got = await api().get(`/api/companies/${user.companyId}/reports/${res.body.id}`).set(user.auth).expect(200);
      if (got.body.status !== 'running') return res.body.id;
      if (tries > 300) throw new Error('report still running');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** Asks `user`'s assistant; returns the answer's body. */
  async function ask(user: TestUser, message: string): Promise<{ conversationId: string; actions: { id: string }[] }> {
    return (
      await api().post(`/api/companies/${user.companyId}/assistant/chat`).set(user.auth).send({ message }).expect(200)
    ).body;
  }

  /** A fresh resource of the attacker for each kind of id (the positive control). */
  const own: Record<string, (path: string) => Promise<string>> = {
    'reports/{id}': async (path) => {
      const id = await readyReport(attacker, 'Attacker report');
      if (path.endsWith('/schedule'))
        await api()
          .put(`/api/companies/${attacker.companyId}/reports/${id}/schedule`)
          .set(attacker.auth)
          .send({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [] })
          .expect(200);
      return id;
    },
    'conversations/{id}': async () => (await ask(attacker, 'Выручка за 2025 год')).conversationId,
    'actions/{actionId}': async () => {
      const answer = await ask(attacker, 'Добавь заметку клиенту Attacker client: перезвонить в понедельник');
      if (!answer.actions[0]) throw new Error('the assistant proposed no action');
      return answer.actions[0].id;
    },
    'clients/{clientId}': async () => (await createClient(attacker, { name: 'Attacker client' })).id,
    'pipelines/{pipelineId}': async () => {
      const res = await api()
        .post(`/api/companies/${attacker.companyId}/pipelines`)
        .set(attacker.auth)
        .send({
          name: `Attacker pipeline ${randomUUID()}`,
          stages: [
            { name: 'A1', probability: 10 },
            { name: 'A2', probability: 50 },
          ],
        })
        .expect(201);
      attackerPipelineId = res.body.id;
      return attackerPipelineId;
    },
    'stages/{stageId}': async () => {
      const name = `Attacker stage ${randomUUID()}`;
      const res = await api()
        .post(`/api/companies/${attacker.companyId}/pipelines/${attackerPipelineId}/stages`)
        .set(attacker.auth)
        .send({ name, probability: 30 })
        .expect(201);
      return res.body.stages.find((s: { name: string }) => s.name === name).id;
    },
    'deals/{dealId}': async () =>
      (
        await api()
          .post(`/api/companies/${attacker.companyId}/deals`)
          .set(attacker.auth)
          .send({ title: 'Attacker deal', clientId: attackerClientId, amount: '100.00', currency: 'RUB' })
          .expect(201)
      ).body.id,
    'tasks/{taskId}': async () =>
      (
        await api()
          .post(`/api/companies/${attacker.companyId}/tasks`)
          .set(attacker.auth)
          .send({ title: 'Attacker task', type: 'todo', dueAt: '2026-12-03T15:00:00Z' })
          .expect(201)
      ).body.id,
    'sales/{saleId}': async () => (await createSale(attacker, attackerClientId)).id,
    'api-keys/{id}': async () => (await createApiKey(attacker, 'Attacker key')).id,
    'members/{userId}': async () => {
      const user = await registerUser(null);
      await addMember(attacker, user, 'member');
      return user.id;
    },
    'invitations/{invitationId}': async (path) => {
      // /api/me/invitations/...: an invitation addressed to the attacker; otherwise one the attacker sent.
      const [inviter, login] = path.startsWith('/api/me/')
        ? [await registerUser('Inviter'), attacker.login]
        : [attacker, (await registerUser(null)).login];
      const res = await api()
        .post(`/api/companies/${inviter.companyId}/members`)
        .set(inviter.auth)
        .send({ login, role: 'member' })
        .expect(201);
      return res.body.id;
    },
    // Generated resources (nx g @crm/tools:resource): one fresh record each.
    ...Object.fromEntries(
      Object.entries(RESOURCE_FIXTURES).map(([kind, make]) => [kind, () => make(attacker, 'Attacker record')]),
    ),
    'imports/{importId}': async (path) => {
      const job = (await upload(attacker, 'clients', fixture(IMPORT_FILE), 'clients.csv').expect(201)).body;
      await waitForImport(attacker, job.id);
      if (path.endsWith('/rejected') || path.endsWith('/cancel'))
        await api()
          .post(`/api/companies/${attacker.companyId}/imports/${job.id}/run`)
          .set(attacker.auth)
          .send({ mapping: importMapping })
          .expect(202);
      if (path.endsWith('/rejected')) await waitForImport(attacker, job.id);
      return job.id;
    },
  };

  /** Everything the victim and its people see through the web API: must not change. */
  async function victimView(): Promise<Record<string, string>> {
    const view: Record<string, string> = {};
    const values = Object.fromEntries(Object.entries(victimIds).map(([kind, ids]) => [kind, ids[0]]));
    for (const { method, path } of operations()) {
      if (method !== 'get' || !path.startsWith('/api/companies/{companyId}')) continue;
      const res = await api()
        .get(fill(path, { companyId: victim.companyId, ...values }))
        .set(victim.auth);
      view[path] = `${res.status} ${textOf(res)}`;
    }
    for (const user of [victim, member, invitee])
      for (const path of ['/api/me', '/api/me/invitations']) {
        const res = await api().get(path).set(user.auth);
        view[`${user.login} ${path}`] = `${res.status} ${textOf(res)}`;
      }
    return view;
  }

  beforeAll(async () => {
    doc = (await api().get('/api/docs-json').expect(200)).body;
    victim = await companyWithKey(`Victim ${marker}`);
    await pushClients(victim.apiKey.key, [clientItem(`VC-${marker}`, { name: `Victim client ${marker}` })]).expect(200);
    await pushSales(victim.apiKey.key, [saleItem(`VS-${marker}`, `VC-${marker}`)]).expect(200);
    const [client] = (await readFeed<{ id: string }>(victim.apiKey.key, 'clients')).items;
    const [sale] = (await readFeed<{ id: string }>(victim.apiKey.key, 'sales')).items;
    const companyUrl = `/api/companies/${victim.companyId}`;
    await api()
      .post(`${companyUrl}/clients/${client.id}/notes`)
      .set(victim.auth)
      .send({ text: `Victim note ${marker}` })
      .expect(201);
    await api()
      .post(`${companyUrl}/clients/${client.id}/interactions`)
      .set(victim.auth)
      .send({ type: 'call', occurredAt: '2026-11-20T10:15:00+03:00', summary: `Victim call ${marker}` })
      .expect(201);
    member = await registerUser(null);
    await addMember(victim, member, 'member');
    invitee = await registerUser(null);
    const invitation = await api()
      .post(`${companyUrl}/members`)
      .set(victim.auth)
      .send({ login: invitee.login, role: 'admin' })
      .expect(201);
    // The victim's key was used above: its lastUsedAt is written within seconds (in the background);
    // wait for it so that the views before and after the attack compare what the attack could change.
    for (let tries = 0; ; tries++) {
      const keys = await api().get(`${companyUrl}/api-keys`).set(victim.auth).expect(200);
      if (keys.body[0].lastUsedAt !== null) break;
      if (tries > 100) throw new Error('lastUsedAt of the victim’s key was never written');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const job = (await upload(victim, 'clients', fixture(IMPORT_FILE), 'victim.csv').expect(201)).body;
    await waitForImport(victim, job.id);
    importMapping = job.suggestedMapping;

    const [victimPipeline] = (await api().get(`${companyUrl}/pipelines`).set(victim.auth).expect(200)).body;
    const victimDeal = await api()
      .post(`${companyUrl}/deals`)
      .set(victim.auth)
      .send({ title: `Victim deal ${marker}`, clientId: client.id, amount: '100.00', currency: 'RUB' })
      .expect(201);
    const victimTask = await api()
      .post(`${companyUrl}/tasks`)
      .set(victim.auth)
      .send({ title: `Victim task ${marker}`, type: 'call', dueAt: '2026-12-03T15:00:00Z', dealId: victimDeal.body.id })
      .expect(201);
    await api()
      .post(`${companyUrl}/deals/${victimDeal.body.id}/notes`)
      .set(victim.auth)
      .send({ text: `Victim deal note ${marker}` })
      .expect(201);
    await api()
      .post(`${companyUrl}/deals/${victimDeal.body.id}/interactions`)
      .set(victim.auth)
      .send({ type: 'meeting', occurredAt: '2026-11-21T10:15:00+03:00', summary: `Victim deal call ${marker}` })
      .expect(201);

    const victimConversation = await ask(victim, 'Выручка за 2025 год');
    const victimAction = await ask(victim, `Добавь заметку клиенту Victim client ${marker}: перезвонить`);
    if (!victimAction.actions[0]) throw new Error('the assistant proposed no action for the victim');
    victimIds = {
      'reports/{id}': [await readyReport(victim, `Victim report ${marker}`)],
      'conversations/{id}': [victimConversation.conversationId],
      'actions/{actionId}': [victimAction.actions[0].id],
      'clients/{clientId}': [client.id],
      'sales/{saleId}': [sale.id],
      'api-keys/{id}': [victim.apiKey.id],
      'members/{userId}': [member.id, victim.id],
      'invitations/{invitationId}': [invitation.body.id],
      'imports/{importId}': [job.id],
      'pipelines/{pipelineId}': [victimPipeline.id],
      'stages/{stageId}': [victimPipeline.stages[1].id],
      'deals/{dealId}': [victimDeal.body.id],
      'tasks/{taskId}': [victimTask.body.id],
    };
    for (const [kind, make] of Object.entries(RESOURCE_FIXTURES))
      victimIds[kind] = [await make(victim, `Victim record ${marker}`)];
    victimExternalIds = [`VC-${marker}`, `VS-${marker}`];
    secrets = [
      victim.companyId,
      ...Object.values(victimIds).flat(),
      ...victimExternalIds,
      `Victim ${marker}`,
      `Victim client ${marker}`,
      `Victim note ${marker}`,
      `Victim call ${marker}`,
      `Victim deal ${marker}`,
      `Victim task ${marker}`,
      `Victim deal note ${marker}`,
      `Victim deal call ${marker}`,
      `Victim record ${marker}`,
      member.login,
      invitee.login,
      victim.apiKey.key,
    ];

    attacker = await companyWithKey(`Attacker ${marker}`);
    await pushClients(attacker.apiKey.key, [clientItem(`AC-${marker}`, { name: 'Attacker client' })]).expect(200);
    attackerClientId = (await readFeed<{ id: string }>(attacker.apiKey.key, 'clients')).items[0].id;
    const [attackerPipeline] = (
      await api().get(`/api/companies/${attacker.companyId}/pipelines`).set(attacker.auth).expect(200)
    ).body;
    attackerBodyIds = {
      'clients/{clientId}': attackerClientId,
      // A stage of the default pipeline, where the attacker's deals are: a move there is answered.
      'stages/{stageId}': attackerPipeline.stages[1].id,
      'deals/{dealId}': await own['deals/{dealId}']('/deals/{dealId}'),
    };
  });

  it('answers 404 on every route with an id in its path, every method, and changes nothing of the victim', async () => {
    const before = await victimView();
    const routes = operations().filter(({ path }) => idParams(path).length > 0);
    const kinds = new Set(routes.flatMap(({ path }) => idParams(path).map((name) => kindOf(path, name))));
    // Every id kind in the document has victim values and an attacker factory: a new kind fails here.
    expect([...kinds].filter((kind) => !victimIds[kind] || !own[kind])).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    // The deal's notes and interactions are among them (the victim's deal has both).
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(
        ['get', 'post'].flatMap((method) =>
          ['notes', 'interactions'].map((kind) => `${method} /api/companies/{companyId}/deals/{dealId}/${kind}`),
        ),
      ),
    );

    const failures: string[] = [];
    for (const { method, path, op } of routes) {
      const name = `${method.toUpperCase()} ${path}`;
      const body = exampleBody(op);
      // Every combination of the victim's ids for the path's id parameters.
      let combos: Record<string, string>[] = [{}];
      for (const param of idParams(path))
        combos = combos.flatMap((c) => victimIds[kindOf(path, param)].map((id) => ({ ...c, [param]: id })));
      for (const ids of combos) {
        const url = fill(path, { companyId: attacker.companyId, ...ids }) + (QUERIES[path] ?? '');
        const res = await send(method, url, as(path, attacker), body);
        const leaked = secrets.filter((s) => textOf(res).includes(s));
        if (res.status !== 404 || leaked.length > 0)
          failures.push(
            `${name} ${JSON.stringify(ids)}: ${res.status} ${leaked.join(',')} ${textOf(res).slice(0, 200)}`,
          );
        else expect(res.body).toEqual(errorShape(404));
      }
      // Positive control: the same request with the attacker's own fresh resources is answered.
      const ownIds: Record<string, string> = {};
      for (const param of idParams(path)) ownIds[param] = await own[kindOf(path, param)](path);
      const control = await send(
        method,
        fill(path, { companyId: attacker.companyId, ...ownIds }) + (QUERIES[path] ?? ''),
        as(path, attacker),
        body,
      );
      // A small import may finish before its cancel arrives: «not running» (409) is the route finding it too.
      const answered =
        control.status < 300 ||
        (path.endsWith('/cancel') && control.status === 409 && control.body?.code === 'import_not_running');
      if (!answered) failures.push(`control ${name}: ${control.status} ${textOf(control).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await victimView()).toEqual(before);
  });

  it('never links or shows the victim’s ids passed in bodies and query strings', async () => {
    const before = await victimView();
    const failures: string[] = [];
    const tried: string[] = [];
    const victimOf = (field: string) => victimIds[BODY_IDS[field]][0];
    for (const { method, path, op } of operations()) {
      const example = op['requestBody']?.content?.['application/json']?.example as Json | undefined;
      const fields = Object.keys(example ?? {}).filter((f) => f in BODY_IDS);
      const attackerPath = async () => {
        const ids: Record<string, string> = { companyId: attacker.companyId };
        for (const param of idParams(path)) ids[param] = await own[kindOf(path, param)](path);
        return fill(path, ids);
      };
      for (const field of fields) {
        tried.push(`${method} ${path} body.${field}`);
        const res = await send(
          method,
          await attackerPath(),
          as(path, attacker),
          exampleBody(op, { [field]: victimOf(field) }),
        );
        const leaked = secrets.filter((s) => textOf(res).includes(s));
        if (![400, 404].includes(res.status) || leaked.length > 0)
          failures.push(`${method.toUpperCase()} ${path} body.${field}: ${res.status} ${leaked.join(',')}`);
        const control = await send(method, await attackerPath(), as(path, attacker), exampleBody(op));
        if (control.status >= 300) failures.push(`control ${method} ${path}: ${control.status} ${textOf(control)}`);
      }
      const queryIds = ((method === 'get' ? op['parameters'] : undefined) ?? ([] as Json[]))
        .filter((p: Json) => p['in'] === 'query' && p['name'] in QUERY_IDS)
        .map((p: Json) => p['name'] as string);
      for (const param of queryIds) {
        const values = param === 'externalId' ? victimExternalIds : [victimIds[QUERY_IDS[param]][0]];
        for (const value of values) {
          tried.push(`GET ${path}?${param}`);
          const res = await api()
            .get(await attackerPath())
            .set(as(path, attacker))
            .query({ [param]: value });
          const leaked = secrets.filter((s) => textOf(res).includes(s));
          const items = (res.body as Json | undefined)?.['items'];
          if (res.status >= 500 || leaked.length > 0 || (Array.isArray(items) && items.length > 0))
            failures.push(`GET ${path}?${param}=${value}: ${res.status} ${leaked.join(',')}`);
        }
      }
    }
    // A sale of the attacker's key that names the victim's client by externalId is a failed item.
    const sale = await pushSales(attacker.apiKey.key, [saleItem(`AS-${marker}`, `VC-${marker}`)]).expect(200);
    expect(sale.body).toMatchObject({ created: 0, failed: [expect.objectContaining({ index: 0 })] });
    expect(failures).toEqual([]);
    expect(tried).toEqual(
      expect.arrayContaining([
        'post /api/companies/{companyId}/sales body.clientId',
        'patch /api/companies/{companyId}/sales/{saleId} body.clientId',
        'GET /api/companies/{companyId}/sales?clientId',
        'GET /api/v1/clients?externalId',
        'GET /api/v1/sales?externalId',
        'post /api/companies/{companyId}/deals body.clientId',
        'post /api/companies/{companyId}/deals/{dealId}/move body.stageId',
        'post /api/companies/{companyId}/tasks body.dealId',
        'post /api/companies/{companyId}/tasks body.clientId',
        'GET /api/companies/{companyId}/deals?pipelineId',
        'GET /api/companies/{companyId}/deals?stageId',
        'GET /api/companies/{companyId}/tasks?dealId',
      ]),
    );
    expect(await victimView()).toEqual(before);
  });
});
