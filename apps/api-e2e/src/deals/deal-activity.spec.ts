import { addMember, api, errorShape, registerUser } from '../support/client';
import { createClient } from '../support/crm';
import { badFields, companyUrl, createDeal } from './deals-support';

describe('deal notes and interactions', () => {
  it('writes them on the deal; they are the deal client’s too, with the deal’s id and title', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id, { title: 'Поставка свечей' });
    const other = await createDeal(owner, client.id, { title: 'Другая сделка' });
    const dealUrl = `${companyUrl(owner)}/deals/${deal.id}`;
    const clientUrl = `${companyUrl(owner)}/clients/${client.id}`;

    const note = await api().post(`${dealUrl}/notes`).set(member.auth).send({ text: 'Просят скидку 5 %' }).expect(201);
    expect(note.body).toEqual({
      id: expect.any(String),
      clientId: client.id,
      dealId: deal.id,
      dealTitle: 'Поставка свечей',
      text: 'Просят скидку 5 %',
      author: { id: member.id, login: member.login },
      createdAt: expect.any(String),
    });
    const call = await api()
      .post(`${dealUrl}/interactions`)
      .set(owner.auth)
      .send({ type: 'meeting', occurredAt: '2026-11-25T12:00:00+03:00', summary: 'Встреча в офисе клиента' })
      .expect(201);
    expect(call.body).toEqual({
      id: expect.any(String),
      clientId: client.id,
      dealId: deal.id,
      dealTitle: 'Поставка свечей',
      type: 'meeting',
      occurredAt: '2026-11-25T09:00:00.000Z',
      summary: 'Встреча в офисе клиента',
      author: { id: owner.id, login: owner.login },
      createdAt: expect.any(String),
    });
    // The client's interactions move its lastInteractionAt forward, never back.
    expect((await api().get(clientUrl).set(owner.auth).expect(200)).body.lastInteractionAt).toBe(
      '2026-11-25T09:00:00.000Z',
    );
    const earlier = await api()
      .post(`${dealUrl}/interactions`)
      .set(owner.auth)
      .send({ type: 'call', occurredAt: '2026-11-01T10:00:00Z', summary: 'Первый звонок' })
      .expect(201);
    expect((await api().get(clientUrl).set(owner.auth).expect(200)).body.lastInteractionAt).toBe(
      '2026-11-25T09:00:00.000Z',
    );

    // The client's own entries and those of its deals, on the client's timeline.
    const own = await api().post(`${clientUrl}/notes`).set(owner.auth).send({ text: 'Своя заметка' }).expect(201);
    expect(own.body).toMatchObject({ dealId: null, dealTitle: null });
    const clientNotes = (await api().get(`${clientUrl}/notes`).set(owner.auth).expect(200)).body;
    expect(clientNotes).toEqual([own.body, note.body]);
    const clientCalls = (await api().get(`${clientUrl}/interactions`).set(member.auth).expect(200)).body;
    expect(clientCalls).toEqual([call.body, earlier.body]);

    // The deal's timeline: its own entries only, newest (or most recent) first.
    expect((await api().get(`${dealUrl}/notes`).set(owner.auth).expect(200)).body).toEqual([note.body]);
    expect((await api().get(`${dealUrl}/interactions`).set(owner.auth).expect(200)).body).toEqual([
      call.body,
      earlier.body,
    ]);
    const otherUrl = `${companyUrl(owner)}/deals/${other.id}`;
    expect((await api().get(`${otherUrl}/notes`).set(owner.auth).expect(200)).body).toEqual([]);
    expect((await api().get(`${otherUrl}/interactions`).set(owner.auth).expect(200)).body).toEqual([]);
  });

  it('answers 404 for another company’s deal, an unknown one and a malformed id, and writes nothing', async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id);
    const url = (companyId: string, dealId: string) => `/api/companies/${companyId}/deals/${dealId}`;
    const bodies = {
      notes: { text: 'Чужая заметка' },
      interactions: { type: 'call', occurredAt: '2026-11-20T10:00:00Z', summary: 'Чужой звонок' },
    };
    for (const dealId of [deal.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'])
      for (const kind of ['notes', 'interactions'] as const) {
        const list = await api()
          .get(`${url(stranger.companyId, dealId)}/${kind}`)
          .set(stranger.auth)
          .expect(404);
        expect(list.body).toEqual(errorShape(404));
        const write = await api()
          .post(`${url(stranger.companyId, dealId)}/${kind}`)
          .set(stranger.auth)
          .send(bodies[kind])
          .expect(404);
        expect(write.body).toEqual(errorShape(404));
      }
    // The owner's company with the stranger's token: the guard turns it away.
    await api()
      .post(`${url(owner.companyId, deal.id)}/notes`)
      .set(stranger.auth)
      .send(bodies.notes)
      .expect(404);
    for (const kind of ['notes', 'interactions'] as const) {
      expect(
        (
          await api()
            .get(`${url(owner.companyId, deal.id)}/${kind}`)
            .set(owner.auth)
            .expect(200)
        ).body,
      ).toEqual([]);
      expect(
        (
          await api()
            .get(`${companyUrl(owner)}/clients/${client.id}/${kind}`)
            .set(owner.auth)
            .expect(200)
        ).body,
      ).toEqual([]);
    }
    expect(
      (
        await api()
          .get(`${companyUrl(owner)}/clients/${client.id}`)
          .set(owner.auth)
      ).body.lastInteractionAt,
    ).toBe(null);
  });

  it('refuses bad notes and interactions with 400 naming each field', async () => {
    const owner = await registerUser();
    const client = await createClient(owner);
    const deal = await createDeal(owner, client.id);
    const dealUrl = `${companyUrl(owner)}/deals/${deal.id}`;
    const cases: [string, unknown, string[]][] = [
      ['notes', { text: '' }, ['text']],
      ['notes', { text: 'x'.repeat(10_001) }, ['text']],
      ['notes', {}, ['text']],
      ['interactions', { type: 'fax', occurredAt: 'now', summary: '' }, ['occurredAt', 'summary', 'type']],
      ['interactions', { type: 'call', occurredAt: '2026-11-20T10:00:00Z' }, ['summary']],
    ];
    for (const [kind, body, fields] of cases) {
      const res = await api()
        .post(`${dealUrl}/${kind}`)
        .set(owner.auth)
        .send(body as object)
        .expect(400);
      expect(res.body).toEqual(errorShape(400, 'validation_failed'));
      expect(badFields(res.body)).toEqual(fields);
    }
    expect((await api().get(`${dealUrl}/notes`).set(owner.auth).expect(200)).body).toEqual([]);
    expect((await api().get(`${dealUrl}/interactions`).set(owner.auth).expect(200)).body).toEqual([]);
  });

  it('keeps the entries on the client when the deal is deleted, without the deal', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id, { title: 'Удаляемая' });
    const dealUrl = `${companyUrl(owner)}/deals/${deal.id}`;
    const clientUrl = `${companyUrl(owner)}/clients/${client.id}`;
    const note = (await api().post(`${dealUrl}/notes`).set(owner.auth).send({ text: 'Важно' }).expect(201)).body;
    const call = (
      await api()
        .post(`${dealUrl}/interactions`)
        .set(owner.auth)
        .send({ type: 'call', occurredAt: '2026-11-20T10:00:00Z', summary: 'Звонок' })
        .expect(201)
    ).body;
    await api().delete(dealUrl).set(owner.auth).expect(204);
    expect((await api().get(`${clientUrl}/notes`).set(owner.auth).expect(200)).body).toEqual([
      { ...note, dealId: null, dealTitle: null },
    ]);
    expect((await api().get(`${clientUrl}/interactions`).set(owner.auth).expect(200)).body).toEqual([
      { ...call, dealId: null, dealTitle: null },
    ]);
    expect((await api().get(clientUrl).set(owner.auth).expect(200)).body.lastInteractionAt).toBe(
      '2026-11-20T10:00:00.000Z',
    );
    await api().get(`${dealUrl}/notes`).set(owner.auth).expect(404);
    await api()
      .post(`${dealUrl}/interactions`)
      .set(owner.auth)
      .send({ type: 'call', occurredAt: '2026-11-21T10:00:00Z', summary: 'Ещё звонок' })
      .expect(404);
  });

  it('writes on the deal’s current client; earlier entries stay with the client they were written about', async () => {
    const owner = await registerUser();
    const first = await createClient(owner, { name: 'Первый' });
    const second = await createClient(owner, { name: 'Второй' });
    const deal = await createDeal(owner, first.id);
    const dealUrl = `${companyUrl(owner)}/deals/${deal.id}`;
    const before = (await api().post(`${dealUrl}/notes`).set(owner.auth).send({ text: 'До' }).expect(201)).body;
    await api().patch(dealUrl).set(owner.auth).send({ clientId: second.id }).expect(200);
    const after = (await api().post(`${dealUrl}/notes`).set(owner.auth).send({ text: 'После' }).expect(201)).body;
    expect(after.clientId).toBe(second.id);
    expect((await api().get(`${dealUrl}/notes`).set(owner.auth).expect(200)).body).toEqual([after, before]);
    const notesOf = async (clientId: string) =>
      (
        await api()
          .get(`${companyUrl(owner)}/clients/${clientId}/notes`)
          .set(owner.auth)
          .expect(200)
      ).body;
    expect(await notesOf(first.id)).toEqual([before]);
    expect(await notesOf(second.id)).toEqual([after]);
  });
});
