import { addMember, api, errorShape, registerUser } from '../support/client';
import { createClient } from '../support/crm';
import { badFields, companyUrl, createDeal } from './deals-support';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('tasks', () => {
  it('creates tasks on a deal (its client too), on a client and standalone; assignee defaults to the caller', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id, { title: 'Сделка' });
    const url = `${companyUrl(owner)}/tasks`;
    const due = '2026-12-03T15:00:00+03:00';
    const onDeal = await api()
      .post(url)
      .set(member.auth)
      .send({ title: 'Отправить КП', type: 'email', dueAt: due, dealId: deal.id })
      .expect(201);
    expect(onDeal.body).toEqual({
      id: expect.any(String),
      title: 'Отправить КП',
      type: 'email',
      dueAt: '2026-12-03T12:00:00.000Z',
      overdue: expect.any(Boolean),
      assigneeId: member.id,
      assigneeName: member.login,
      dealId: deal.id,
      dealTitle: 'Сделка',
      clientId: client.id,
      clientName: 'Клиент',
      done: false,
      doneAt: null,
      createdBy: member.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await api().get(`${url}/${onDeal.body.id}`).set(owner.auth).expect(200)).body).toEqual(onDeal.body);
    const onClient = await api()
      .post(url)
      .set(owner.auth)
      .send({ title: 'Позвонить', type: 'call', dueAt: due, clientId: client.id, assigneeId: member.id, done: true })
      .expect(201);
    expect(onClient.body).toMatchObject({ dealId: null, clientId: client.id, done: true, doneAt: expect.any(String) });
    const alone = await api().post(url).set(owner.auth).send({ title: 'Разобрать почту', type: 'todo', dueAt: due });
    expect(alone.status).toBe(201);
    expect(alone.body).toMatchObject({ dealId: null, clientId: null, assigneeId: owner.id });
  });

  it('refuses bad tasks with 400 naming each field', async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const client = await createClient(owner);
    const otherClient = await createClient(owner);
    const deal = await createDeal(owner, client.id);
    const foreignDeal = await createDeal(other, (await createClient(other)).id);
    const url = `${companyUrl(owner)}/tasks`;
    const bad = await api()
      .post(url)
      .set(owner.auth)
      .send({ title: '', type: 'fax', dueAt: 'tomorrow', done: 'maybe' })
      .expect(400);
    expect(bad.body).toEqual(errorShape(400, 'validation_failed'));
    expect(badFields(bad.body)).toEqual(['done', 'dueAt', 'title', 'type']);
    const base = { title: 'Задача', type: 'todo', dueAt: '2026-12-03T15:00:00Z' };
    const cases: [Record<string, unknown>, string][] = [
      [{ dealId: foreignDeal.id }, 'dealId'],
      [{ assigneeId: other.id }, 'assigneeId'],
      [{ clientId: (await createClient(other)).id }, 'clientId'],
      [{ dealId: deal.id, clientId: otherClient.id }, 'clientId'],
    ];
    for (const [fields, field] of cases) {
      const res = await api()
        .post(url)
        .set(owner.auth)
        .send({ ...base, ...fields })
        .expect(400);
      expect(badFields(res.body)).toEqual([field]);
    }
  });

  it('marks done and undone, changes and deletes a task; unknown ids are 404', async () => {
    const owner = await registerUser();
    const url = `${companyUrl(owner)}/tasks`;
    const task = await api()
      .post(url)
      .set(owner.auth)
      .send({ title: 'Задача', type: 'todo', dueAt: '2026-12-03T15:00:00Z' })
      .expect(201);
    const done = await api().patch(`${url}/${task.body.id}`).set(owner.auth).send({ done: true }).expect(200);
    expect(done.body).toMatchObject({ done: true, doneAt: expect.any(String), overdue: false });
    const again = await api().patch(`${url}/${task.body.id}`).set(owner.auth).send({ title: 'Другая' }).expect(200);
    expect(again.body).toMatchObject({ title: 'Другая', done: true, doneAt: done.body.doneAt });
    const undone = await api().patch(`${url}/${task.body.id}`).set(owner.auth).send({ done: false }).expect(200);
    expect(undone.body).toMatchObject({ done: false, doneAt: null });
    expect(
      badFields((await api().patch(`${url}/${task.body.id}`).set(owner.auth).send({ type: null }).expect(400)).body),
    ).toEqual(['type']);
    await api().delete(`${url}/${task.body.id}`).set(owner.auth).expect(204);
    expect((await api().get(`${url}/${task.body.id}`).set(owner.auth).expect(404)).body).toEqual(
      errorShape(404, 'task_not_found'),
    );
    await api().delete(`${url}/${task.body.id}`).set(owner.auth).expect(404);
    await api().patch(`${url}/not-a-uuid`).set(owner.auth).send({ done: true }).expect(404);
  });

  it('lists overdue first, filters by assignee, due (company time zone), done, deal and client', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    // Far east of UTC: «today» differs from the UTC day for hours every day.
    await api()
      .patch(`/api/companies/${owner.companyId}`)
      .set(owner.auth)
      .send({ timeZone: 'Pacific/Kiritimati' })
      .expect(200);
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id);
    const url = `${companyUrl(owner)}/tasks`;
    const now = Date.now();
    const zone = 'Pacific/Kiritimati';
    const localDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(ms));
    const create = async (title: string, dueMs: number, extra: Record<string, unknown> = {}) =>
      (
        await api()
          .post(url)
          .set(owner.auth)
          .send({ title, type: 'todo', dueAt: new Date(dueMs).toISOString(), ...extra })
          .expect(201)
      ).body as { id: string; title: string };
    const old = await create('Просрочена давно', now - 3 * DAY);
    const recent = await create('Просрочена час назад', now - HOUR, { dealId: deal.id });
    const doneLate = await create('Сделана', now - 2 * DAY, { done: true });
    const soon = await create('Скоро', now + 10 * DAY, { assigneeId: member.id });
    const later = await create('Позже', now + 40 * DAY, { clientId: client.id });
    const titles = async (query = '') =>
      (await api().get(`${url}?${query}`).set(owner.auth).expect(200)).body.items.map(
        (t: { title: string }) => t.title,
      );

    expect(await titles()).toEqual([old.title, recent.title, soon.title, later.title, doneLate.title]);
    expect(await titles('due=overdue')).toEqual([old.title, recent.title]);
    expect(await titles('done=true')).toEqual([doneLate.title]);
    expect(await titles('done=false&pageSize=1&page=2')).toEqual([recent.title]);
    expect(await titles(`assigneeId=${member.id}`)).toEqual([soon.title]);
    expect(await titles(`dealId=${deal.id}`)).toEqual([recent.title]);
    expect(await titles(`clientId=${client.id}`)).toEqual([recent.title, later.title]);
    expect(await titles('q=скоро')).toEqual([soon.title]);
    // «today» and «week» (Monday to Sunday) in the company's zone, computed here from the zone's calendar.
    const all = [old, recent, soon, later, doneLate];
    const dueOf = new Map<string, number>([
      [old.id, now - 3 * DAY],
      [recent.id, now - HOUR],
      [doneLate.id, now - 2 * DAY],
      [soon.id, now + 10 * DAY],
      [later.id, now + 40 * DAY],
    ]);
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(new Date(now)),
    );
    const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY;
    const mondayNumber = dayNumber(localDay(now)) - weekday;
    const expected = (inside: (day: number) => boolean) =>
      all.filter((t) => inside(dayNumber(localDay(dueOf.get(t.id) as number)))).map((t) => t.title);
    expect(await titles('due=today')).toEqual(expected((day) => day === dayNumber(localDay(now))));
    expect(await titles('due=week')).toEqual(expected((day) => day >= mondayNumber && day < mondayNumber + 7));
    const bad = await api().get(`${url}?due=yesterday&done=perhaps&assigneeId=me`).set(owner.auth).expect(400);
    expect(badFields(bad.body)).toEqual(['assigneeId', 'done', 'due']);
  });
});
