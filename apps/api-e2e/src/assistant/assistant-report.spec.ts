import { addMember, api, registerUser, type TestUser } from '../support/client';
import { createClient, createSale } from '../support/crm';
import { reportsUrl, waitForReport } from '../reports/reports-support';

/** The assistant proposes a report (`build_report`); it is built only when its user confirms it. */
describe('assistant: reports proposed and built on confirmation', () => {
  let owner: TestUser;
  let member: TestUser;
  const url = (path: string, who: TestUser = owner) => `/api/companies/${who.companyId}/assistant/${path}`;
  const chat = (message: string, who: TestUser = owner) =>
    api().post(url('chat', who)).set(who.auth).send({ message }).expect(200);
  const reportIds = async () => {
    const res = await api().get(reportsUrl(owner)).set(owner.auth).expect(200);
    return res.body.items.map((r: { id: string }) => r.id) as string[];
  };

  beforeAll(async () => {
    owner = await registerUser('ООО Отчёты ассистента');
    const joined = await registerUser(null);
    await addMember(owner, joined, 'member');
    member = { ...joined, companyId: owner.companyId };
    const client = await createClient(owner, { name: 'Ольга Отчётная', email: 'olga@example.com' });
    for (const [soldAt, amount] of [
      ['2025-02-10T10:00:00Z', '1200.00'],
      ['2025-07-15T10:00:00Z', '800.50'],
    ])
      await createSale(owner, client.id, { amount, currency: 'RUB', soldAt });
  }, 60_000);

  it('proposes a sales report for 2025, builds it only when its user confirms, once', async () => {
    const res = await chat('Сделай отчёт по продажам за 2025');
    expect(res.body.toolCalls).toEqual([
      expect.objectContaining({ name: 'build_report', outcome: 'ok', label: expect.stringContaining('2025') }),
    ]);
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        kind: 'create_report',
        clientId: null,
        status: 'proposed',
        resultId: null,
        payload: expect.objectContaining({ type: 'sales-overview', from: '2025-01-01', to: '2025-12-31' }),
      }),
    ]);
    expect(res.body.answer).toContain('Подтвердите');
    const action = res.body.actions[0];
    // Nothing is built before the confirmation.
    expect(await reportIds()).toEqual([]);

    // Another user of the same company, and another company's user, get 404 for it.
    await api()
      .post(url(`actions/${action.id}/confirm`))
      .set(member.auth)
      .expect(404);
    await api()
      .post(url(`actions/${action.id}/cancel`))
      .set(member.auth)
      .expect(404);
    const stranger = await registerUser('ООО Чужая');
    await api()
      .post(url(`actions/${action.id}/confirm`, stranger))
      .set(stranger.auth)
      .expect(404);
    await api()
      .post(url(`actions/${action.id}/confirm`))
      .set(stranger.auth)
      .expect(404);
    expect(await reportIds()).toEqual([]);

    const confirmed = await api()
      .post(url(`actions/${action.id}/confirm`))
      .set(owner.auth)
      .expect(200);
    expect(confirmed.body).toMatchObject({ kind: 'create_report', status: 'confirmed', resultId: expect.any(String) });
    const reportId = confirmed.body.resultId as string;
    expect(await reportIds()).toEqual([reportId]);
    const report = await waitForReport(owner, reportId);
    expect(report).toMatchObject({
      id: reportId,
      type: 'sales-overview',
      status: 'ready',
      title: action.payload.title,
    });
    expect(JSON.stringify(report)).toContain('2025-12-31');

    await api()
      .post(url(`actions/${action.id}/confirm`))
      .set(owner.auth)
      .expect(409);
    expect(await reportIds()).toEqual([reportId]);
    const conv = await api()
      .get(url(`conversations/${res.body.conversationId}`))
      .set(owner.auth)
      .expect(200);
    expect(conv.body.messages[1].actions).toEqual([
      expect.objectContaining({ id: action.id, kind: 'create_report', status: 'confirmed', resultId: reportId }),
    ]);
  });

  it('understands English and the report type; a cancelled proposal builds nothing', async () => {
    const before = await reportIds();
    const res = await chat('Build a sales report for last quarter');
    const today = new Date();
    const q = Math.floor(today.getUTCMonth() / 3) - 1;
    const year = q < 0 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
    const first = ((q + 4) % 4) * 3 + 1;
    const last = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
    expect(res.body.actions[0]).toMatchObject({
      kind: 'create_report',
      payload: { type: 'sales-overview', from: `${year}-${String(first).padStart(2, '0')}-01`, to: last },
    });
    expect(res.body.answer).toContain('Confirm');

    const trends = await chat('Build a sales trends report for Q3 2025');
    expect(trends.body.actions[0].payload).toMatchObject({
      type: 'sales-trends',
      from: '2025-07-01',
      to: '2025-09-30',
    });
    const cancelled = await api()
      .post(url(`actions/${trends.body.actions[0].id}/cancel`))
      .set(owner.auth)
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', resultId: null });
    await api()
      .post(url(`actions/${trends.body.actions[0].id}/confirm`))
      .set(owner.auth)
      .expect(409);
    expect(await reportIds()).toEqual(before);

    // The member's own proposal is the member's to confirm; the report is theirs.
    const mine = await chat('Отчёт с рекомендациями к продажам за 2025 год', member);
    expect(mine.body.actions[0].payload.type).toBe('sales-recommendations');
    await api()
      .post(url(`actions/${mine.body.actions[0].id}/confirm`))
      .set(owner.auth)
      .expect(404);
    const done = await api()
      .post(url(`actions/${mine.body.actions[0].id}/confirm`, member))
      .set(member.auth)
      .expect(200);
    const own = await api()
      .get(reportsUrl(member, `/${done.body.resultId}`))
      .set(member.auth)
      .expect(200);
    expect(own.body.type).toBe('sales-recommendations');
  });
});
