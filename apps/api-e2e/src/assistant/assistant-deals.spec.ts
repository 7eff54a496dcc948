import { addMember, api, registerUser, type TestUser } from '../support/client';
import { createClient } from '../support/crm';
import { dbQuery } from './db';

interface Body {
  answer: string;
  conversationId: string;
  toolCalls: { name: string; args: Record<string, unknown>; outcome: string }[];
  records: { kind: string; id: string; label: string }[];
  tables: {
    title: string;
    columns: string[];
    rows: { cells: string[]; link?: { kind: string; id: string } | null }[];
    footer?: string[] | null;
  }[];
  actions: {
    id: string;
    kind: string;
    clientId: string | null;
    status: string;
    resultId: string | null;
    payload: Record<string, unknown>;
  }[];
}

const url = (who: TestUser, path: string, companyId = who.companyId) => `/api/companies/${companyId}/${path}`;

/** A company with a client and deals in its default pipeline; «Новая» has a median stay of 2 days and one deal over it. */
async function companyWithDeals(name: string, clientName: string, titles: string[]) {
  const owner = await registerUser(name);
  await api().patch(url(owner, '')).set(owner.auth).send({ timeZone: 'UTC' }).expect(200);
  const client = await createClient(owner, {
    name: clientName,
    email: `${Math.random().toString(36).slice(2)}@example.com`,
  });
  const [pipeline] = (await api().get(url(owner, 'pipelines')).set(owner.auth).expect(200)).body;
  const stage = (n: string) => pipeline.stages.find((s: { name: string }) => s.name === n).id as string;
  const deals: { id: string; title: string }[] = [];
  for (const [i, title] of titles.entries()) {
    const res = await api()
      .post(url(owner, 'deals'))
      .set(owner.auth)
      .send({ title, clientId: client.id, amount: `${(i + 1) * 1000}.00`, currency: 'RUB', stageId: stage('Новая') })
      .expect(201);
    deals.push({ id: res.body.id, title });
  }
  // The first deal left «Новая» after 2 days; the second is in it for 9 days (stuck), the rest are new.
  await api()
    .post(url(owner, `deals/${deals[0].id}/move`))
    .set(owner.auth)
    .send({ stageId: stage('Квалификация') })
    .expect(200);
  await dbQuery(
    `UPDATE deal_stage_changes SET at = now() - make_interval(days => CASE WHEN from_stage_id IS NULL THEN 5 ELSE 3 END)
      WHERE company_id = $1 AND deal_id = $2`,
    [owner.companyId, deals[0].id],
  );
  await dbQuery(`UPDATE deals SET stage_entered_at = now() - interval '3 days' WHERE company_id = $1 AND id = $2`, [
    owner.companyId,
    deals[0].id,
  ]);
  await dbQuery(
    `UPDATE deal_stage_changes SET at = now() - interval '9 days' WHERE company_id = $1 AND deal_id = $2;`,
    [owner.companyId, deals[1].id],
  );
  await dbQuery(`UPDATE deals SET stage_entered_at = now() - interval '9 days' WHERE company_id = $1 AND id = $2`, [
    owner.companyId,
    deals[1].id,
  ]);
  return { owner, client, deals };
}

/** The assistant's deal tools on a real database: tenancy, the offline answers, and a task proposed and confirmed. */
describe('assistant: deals and tasks', () => {
  let a: Awaited<ReturnType<typeof companyWithDeals>>;
  let b: Awaited<ReturnType<typeof companyWithDeals>>;
  let member: TestUser;
  const chat = (message: string, who: TestUser = a.owner, locale?: 'ru' | 'en') =>
    api()
      .post(url(who, 'assistant/chat'))
      .set(who.auth)
      .send({ message, ...(locale ? { locale } : {}) })
      .expect(200) as Promise<{ body: Body }>;

  beforeAll(async () => {
    a = await companyWithDeals('ООО Сделки А', 'Ольга Тестова', ['Сделка А-1', 'Сделка А-2', 'Сделка А-3']);
    b = await companyWithDeals('ООО Сделки Б', 'Пётр Чужой', ['Чужая сделка Б-1', 'Чужая сделка Б-2']);
    const joined = await registerUser(null);
    await addMember(a.owner, joined, 'member');
    member = { ...joined, companyId: a.owner.companyId };
  }, 120_000);

  const leaksB = (body: Body) => {
    const text = JSON.stringify(body);
    return b.deals.some((d) => text.includes(d.id) || text.includes(d.title)) || text.includes(b.client.id);
  };

  it('stuck deals: the company’s own deal over its stage’s median, linked, never another company’s', async () => {
    for (const [q, head] of [
      ['Какие сделки зависли?', 'Зависших сделок: 1'],
      ['Which deals are stuck?', 'Stuck deals: 1'],
    ]) {
      const res = await chat(q);
      expect(res.body.toolCalls).toEqual([expect.objectContaining({ name: 'stuck_deals', outcome: 'ok' })]);
      expect(res.body.answer).toContain(head);
      expect(res.body.answer).toContain('Сделка А-2');
      expect(res.body.records).toEqual([{ kind: 'deal', id: a.deals[1].id, label: 'Сделка А-2' }]);
      expect(res.body.tables[0].rows).toEqual([
        expect.objectContaining({ link: { kind: 'deal', id: a.deals[1].id, label: 'Сделка А-2' } }),
      ]);
      expect(leaksB(res.body)).toBe(false);
    }
    // Company B sees its own stuck deal only.
    const other = await chat('Which deals are stuck?', b.owner);
    expect(other.body.records).toEqual([{ kind: 'deal', id: b.deals[1].id, label: 'Чужая сделка Б-2' }]);
  });

  it('pipeline summary and find deals count the company’s deals only; the tables are kept with the message', async () => {
    const summary = await chat('Сводка по воронке');
    // A's open deals: 1 000 (Квалификация, 20 %), 2 000 and 3 000 (Новая, 10 %).
    expect(summary.body.answer).toMatch(/Открытых сделок в воронке: 3 на 6\s000,00\s₽/u);
    expect(summary.body.answer).toContain('закрытых сделок среди них пока нет');
    expect(summary.body.answer).toMatch(/700,00\s₽/u);
    expect(summary.body.tables[0].rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['Новая', '2'],
      ['Квалификация', '1'],
      ['Предложение', '0'],
      ['Переговоры', '0'],
    ]);
    expect(summary.body.tables[0].footer).toEqual([
      'Итого',
      '3',
      expect.stringMatching(/^6\s000,00\s₽$/u),
      expect.stringMatching(/^700,00\s₽$/u),
    ]);
    const stored = await api()
      .get(url(a.owner, `assistant/conversations/${summary.body.conversationId}`))
      .set(a.owner.auth)
      .expect(200);
    expect(stored.body.messages[1].tables).toEqual(summary.body.tables);

    const found = await chat('Show open deals of Ольга Тестова', a.owner, 'en');
    expect(found.body.toolCalls[0]).toMatchObject({
      name: 'find_deals',
      args: { status: 'open', client: 'Ольга Тестова' },
    });
    expect(found.body.records.map((r) => r.id).sort()).toEqual(a.deals.map((d) => d.id).sort());
    expect(found.body.answer).toContain('Found 3 deals');
    for (const body of [summary.body, found.body]) expect(leaksB(body)).toBe(false);

    // Another company's client is not found by name.
    const foreign = await chat('Сделки клиента Пётр Чужой');
    expect(foreign.body.answer).toContain('не нашёл');
    expect(foreign.body.records).toEqual([]);
    expect(leaksB(foreign.body)).toBe(false);
  });

  it('proposes a task, creates it only when its user confirms, through the tasks service, once', async () => {
    const tasksOf = async (who: TestUser) =>
      (await api().get(url(who, 'tasks')).set(who.auth).query({ pageSize: 200 }).expect(200)).body.items as {
        id: string;
      }[];
    const res = await chat('Поставь задачу позвонить клиенту Ольга Тестова завтра в 15:30');
    expect(res.body.toolCalls.map((c) => c.name)).toEqual(['find_clients', 'propose_task']);
    const [action] = res.body.actions;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(action).toMatchObject({
      kind: 'create_task',
      status: 'proposed',
      clientId: a.client.id,
      resultId: null,
      payload: { title: 'Позвонить клиенту Ольга Тестова', type: 'call', dueAt: `${tomorrow}T15:30:00.000Z` },
    });
    expect(res.body.answer).toContain('Подтвердите');
    expect(await tasksOf(a.owner)).toEqual([]);

    // Another user of the company, and another company, get 404; nothing is created.
    for (const [who, companyId] of [
      [member, a.owner.companyId],
      [b.owner, b.owner.companyId],
      [b.owner, a.owner.companyId],
    ] as const) {
      await api()
        .post(url(who, `assistant/actions/${action.id}/confirm`, companyId))
        .set(who.auth)
        .expect(404);
    }
    expect(await tasksOf(a.owner)).toEqual([]);

    const confirmed = await api()
      .post(url(a.owner, `assistant/actions/${action.id}/confirm`))
      .set(a.owner.auth)
      .expect(200);
    expect(confirmed.body).toMatchObject({ kind: 'create_task', status: 'confirmed', resultId: expect.any(String) });
    const task = await api()
      .get(url(a.owner, `tasks/${confirmed.body.resultId}`))
      .set(a.owner.auth)
      .expect(200);
    expect(task.body).toMatchObject({
      title: 'Позвонить клиенту Ольга Тестова',
      type: 'call',
      dueAt: `${tomorrow}T15:30:00.000Z`,
      clientId: a.client.id,
      assigneeId: a.owner.id,
      createdBy: a.owner.id,
      done: false,
    });
    await api()
      .post(url(a.owner, `assistant/actions/${action.id}/confirm`))
      .set(a.owner.auth)
      .expect(409);
    expect((await tasksOf(a.owner)).map((t) => t.id)).toEqual([confirmed.body.resultId]);
    // Company B's task list is untouched.
    expect(await tasksOf(b.owner)).toEqual([]);

    // English, and a cancelled proposal creates nothing.
    const en = await chat('Create a task to call Ольга Тестова tomorrow', a.owner, 'en');
    expect(en.body.actions[0]).toMatchObject({
      kind: 'create_task',
      payload: { type: 'call', dueAt: `${tomorrow}T10:00:00.000Z` },
    });
    expect(en.body.answer).toContain('Confirm');
    await api()
      .post(url(a.owner, `assistant/actions/${en.body.actions[0].id}/cancel`))
      .set(a.owner.auth)
      .expect(200);
    expect((await tasksOf(a.owner)).map((t) => t.id)).toEqual([confirmed.body.resultId]);
  });
});
