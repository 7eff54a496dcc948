import { addMember, api, errorShape, registerUser } from '../support/client';
import { createClient } from '../support/crm';
import {
  badFields,
  companyUrl,
  createDeal,
  defaultPipeline,
  history,
  moveDeal,
  stageNamed,
  type Pipeline,
} from './deals-support';

describe('deals (web API)', () => {
  it('opens a deal in the first stage, owned by the caller, with the stage’s probability', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Мария', externalId: 'C-1' });
    const pipeline = await defaultPipeline(owner);
    const res = await api()
      .post(`${companyUrl(owner)}/deals`)
      .set(owner.auth)
      .send({
        title: 'Поставка свечей',
        clientId: client.id,
        amount: 1500.5,
        currency: 'RUB',
        expectedCloseDate: '2026-12-31',
        source: 'Сайт',
        nextStep: { title: 'Позвонить', dueAt: '2026-12-05T12:00:00+03:00' },
        externalId: 'D-1',
      })
      .expect(201);
    const first = stageNamed(pipeline, 'Новая');
    const expected = {
      id: expect.any(String),
      externalId: 'D-1',
      title: 'Поставка свечей',
      clientId: client.id,
      clientName: 'Мария',
      amount: '1500.50',
      currency: 'RUB',
      pipelineId: pipeline.id,
      stageId: first.id,
      stageName: 'Новая',
      ownerId: owner.id,
      ownerName: owner.login,
      expectedCloseDate: '2026-12-31',
      probability: 10,
      probabilityOverridden: false,
      status: 'open',
      lostReason: null,
      saleId: null,
      source: 'Сайт',
      nextStep: { title: 'Позвонить', dueAt: '2026-12-05T09:00:00.000Z' },
      stageEnteredAt: expect.any(String),
      closedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    };
    expect(res.body).toEqual(expected);
    expect(
      (
        await api()
          .get(`${companyUrl(owner)}/deals/${res.body.id}`)
          .set(owner.auth)
          .expect(200)
      ).body,
    ).toEqual(expected);
    expect(await history(owner, res.body.id)).toEqual([
      { fromStageId: null, toStageId: first.id, userId: owner.id, at: res.body.stageEnteredAt },
    ]);
    const taken = await api()
      .post(`${companyUrl(owner)}/deals`)
      .set(owner.auth)
      .send({ title: 'Другая', clientId: client.id, amount: '1', currency: 'RUB', externalId: 'D-1' })
      .expect(409);
    expect(taken.body).toEqual(errorShape(409, 'deal_external_id_taken'));
  });

  it('refuses bad input with 400 naming each field', async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const client = await createClient(owner);
    const foreignClient = await createClient(other);
    const url = `${companyUrl(owner)}/deals`;
    const bad = await api()
      .post(url)
      .set(owner.auth)
      .send({
        title: '',
        clientId: 'x',
        amount: '10.123',
        currency: 'RUB',
        probability: 120,
        expectedCloseDate: '2026-02-30',
        nextStep: { title: 'Позвонить' },
      })
      .expect(400);
    expect(bad.body).toEqual(errorShape(400, 'validation_failed'));
    expect(badFields(bad.body)).toEqual([
      'amount',
      'clientId',
      'expectedCloseDate',
      'nextStep.dueAt',
      'probability',
      'title',
    ]);
    const base = { title: 'Сделка', clientId: client.id, amount: '10', currency: 'RUB' };
    const cases: [Record<string, unknown>, string][] = [
      [{ clientId: foreignClient.id }, 'clientId'],
      [{ ownerId: other.id }, 'ownerId'],
      [{ stageId: stageNamed(await defaultPipeline(other), 'Новая').id }, 'stageId'],
      [{ stageId: stageNamed(await defaultPipeline(owner), 'Проиграна').id }, 'stageId'],
      [{ pipelineId: (await defaultPipeline(other)).id }, 'pipelineId'],
      [{ unknown: 1 }, 'unknown'],
    ];
    for (const [fields, field] of cases) {
      const res = await api()
        .post(url)
        .set(owner.auth)
        .send({ ...base, ...fields })
        .expect(400);
      expect(badFields(res.body)).toEqual([field]);
    }
    const deal = await createDeal(owner, client.id, { amount: '10.50' });
    const patch = await api()
      .patch(`${url}/${deal.id}`)
      .set(owner.auth)
      .send({ currency: 'JPY', title: null })
      .expect(400);
    expect(badFields(patch.body)).toEqual(['title']);
    const jpy = await api().patch(`${url}/${deal.id}`).set(owner.auth).send({ currency: 'JPY' }).expect(400);
    expect(badFields(jpy.body)).toEqual(['currency']);
    const reason = await api().patch(`${url}/${deal.id}`).set(owner.auth).send({ lostReason: 'Дорого' }).expect(400);
    expect(badFields(reason.body)).toEqual(['lostReason']);
  });

  it('changes a deal: owner, probability override and back to the stage default, next step cleared', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const client = await createClient(owner, { name: 'Клиент' });
    const deal = await createDeal(owner, client.id, { nextStep: { title: 'Звонок', dueAt: '2026-12-01T10:00:00Z' } });
    const url = `${companyUrl(owner)}/deals/${deal.id}`;
    const changed = await api()
      .patch(url)
      .set(member.auth)
      .send({ ownerId: member.id, probability: 35, amount: '2000', nextStep: null, expectedCloseDate: '2027-01-15' })
      .expect(200);
    expect(changed.body).toMatchObject({
      ownerId: member.id,
      ownerName: member.login,
      probability: 35,
      probabilityOverridden: true,
      amount: '2000.00',
      nextStep: null,
      expectedCloseDate: '2027-01-15',
    });
    const back = await api()
      .patch(url)
      .set(owner.auth)
      .send({ probability: null, expectedCloseDate: null })
      .expect(200);
    expect(back.body).toMatchObject({ probability: 10, probabilityOverridden: false, expectedCloseDate: null });
    // A move takes the new stage's probability even after an override.
    await api().patch(url).set(owner.auth).send({ probability: 99 }).expect(200);
    const pipeline = await defaultPipeline(owner);
    const moved = await moveDeal(owner, deal.id, { stageId: stageNamed(pipeline, 'Переговоры').id }).expect(200);
    expect(moved.body).toMatchObject({ probability: 80, probabilityOverridden: false });
  });

  it('moves through the stages: lost needs a reason, another pipeline’s stage is 400, each move is history', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const pipeline = await defaultPipeline(owner);
    const deal = await createDeal(owner, client.id);
    const lost = stageNamed(pipeline, 'Проиграна');
    const noReason = await moveDeal(owner, deal.id, { stageId: lost.id }).expect(400);
    expect(noReason.body).toEqual(errorShape(400, 'validation_failed'));
    expect(badFields(noReason.body)).toEqual(['lostReason']);
    const other = await api()
      .post(`${companyUrl(owner)}/pipelines`)
      .set(owner.auth)
      .send({ name: 'Другая' })
      .expect(201);
    const foreign = await moveDeal(owner, deal.id, { stageId: other.body.stages[1].id }).expect(400);
    expect(badFields(foreign.body)).toEqual(['stageId']);
    const stranger = await registerUser();
    const strangerStage = stageNamed(await defaultPipeline(stranger), 'Квалификация');
    expect(badFields((await moveDeal(owner, deal.id, { stageId: strangerStage.id }).expect(400)).body)).toEqual([
      'stageId',
    ]);
    expect(badFields((await moveDeal(owner, deal.id, { stageId: 'x', createSale: 'yes' }).expect(400)).body)).toEqual([
      'createSale',
      'stageId',
    ]);
    const notWon = await moveDeal(owner, deal.id, {
      stageId: stageNamed(pipeline, 'Квалификация').id,
      createSale: true,
    }).expect(400);
    expect(badFields(notWon.body)).toEqual(['createSale']);
    expect(await history(owner, deal.id)).toHaveLength(1);

    const closed = await moveDeal(owner, deal.id, { stageId: lost.id, lostReason: 'Выбрали конкурента' }).expect(200);
    expect(closed.body).toMatchObject({
      stageId: lost.id,
      status: 'lost',
      lostReason: 'Выбрали конкурента',
      probability: 0,
      closedAt: expect.any(String),
    });
    const reopened = await moveDeal(owner, deal.id, { stageId: stageNamed(pipeline, 'Переговоры').id }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', lostReason: null, closedAt: null, probability: 80 });
    // Moving to the stage it is in records nothing.
    await moveDeal(owner, deal.id, { stageId: stageNamed(pipeline, 'Переговоры').id }).expect(200);
    expect((await history(owner, deal.id)).map((h) => [h.fromStageId, h.toStageId])).toEqual([
      [null, stageNamed(pipeline, 'Новая').id],
      [stageNamed(pipeline, 'Новая').id, lost.id],
      [lost.id, stageNamed(pipeline, 'Переговоры').id],
    ]);
    expect(
      (
        await api()
          .get(`${companyUrl(owner)}/deals?status=lost`)
          .set(owner.auth)
          .expect(200)
      ).body.total,
    ).toBe(0);
  });

  it('wins a deal with createSale: the linked sale appears in GET /sales, in the same transaction', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Покупатель' });
    const pipeline = await defaultPipeline(owner);
    const deal = await createDeal(owner, client.id, { amount: '12345.60', currency: 'EUR' });
    const won = await moveDeal(owner, deal.id, {
      stageId: stageNamed(pipeline, 'Выиграна').id,
      createSale: true,
    }).expect(200);
    expect(won.body).toMatchObject({ status: 'won', probability: 100, saleId: expect.any(String) });
    // Linked both ways: the sale finds its deal.
    const bySale = await api()
      .get(`${companyUrl(owner)}/deals?saleId=${won.body.saleId}`)
      .set(owner.auth)
      .expect(200);
    expect(bySale.body.items.map((d: { id: string }) => d.id)).toEqual([deal.id]);
    const sales = await api()
      .get(`${companyUrl(owner)}/sales`)
      .set(owner.auth)
      .expect(200);
    expect(sales.body.items).toEqual([
      expect.objectContaining({
        id: won.body.saleId,
        clientId: client.id,
        amount: '12345.60',
        currency: 'EUR',
        status: 'paid',
        kind: 'sale',
      }),
    ]);
    // Winning again (after reopening) keeps the one linked sale.
    await moveDeal(owner, deal.id, { stageId: stageNamed(pipeline, 'Переговоры').id }).expect(200);
    const again = await moveDeal(owner, deal.id, {
      stageId: stageNamed(pipeline, 'Выиграна').id,
      createSale: true,
    }).expect(200);
    expect(again.body.saleId).toBe(won.body.saleId);
    expect(
      (
        await api()
          .get(`${companyUrl(owner)}/sales`)
          .set(owner.auth)
          .expect(200)
      ).body.total,
    ).toBe(1);
    // Without createSale a won deal has no sale.
    const plain = await createDeal(owner, client.id);
    const plainWon = await moveDeal(owner, plain.id, { stageId: stageNamed(pipeline, 'Выиграна').id }).expect(200);
    expect(plainWon.body).toMatchObject({ status: 'won', saleId: null });
    expect(
      (
        await api()
          .get(`${companyUrl(owner)}/sales`)
          .set(owner.auth)
          .expect(200)
      ).body.total,
    ).toBe(1);
  });

  it('keeps one consistent history when one deal is moved concurrently', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const pipeline: Pipeline = await defaultPipeline(owner);
    const deal = await createDeal(owner, client.id);
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    const targets = Array.from({ length: 12 }, (_, i) => open[(i % (open.length - 1)) + 1]);
    const answers = await Promise.all(targets.map((stage) => moveDeal(owner, deal.id, { stageId: stage.id })));
    expect(answers.map((a) => a.status)).toEqual(targets.map(() => 200));
    const changes = await history(owner, deal.id);
    const final = (
      await api()
        .get(`${companyUrl(owner)}/deals/${deal.id}`)
        .set(owner.auth)
        .expect(200)
    ).body;
    expect(changes[0]).toMatchObject({ fromStageId: null, toStageId: open[0].id });
    for (let i = 1; i < changes.length; i++) {
      expect(changes[i].fromStageId).toBe(changes[i - 1].toStageId);
      expect(changes[i].fromStageId).not.toBe(changes[i].toStageId);
      expect(Date.parse(changes[i].at)).toBeGreaterThanOrEqual(Date.parse(changes[i - 1].at));
    }
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes[changes.length - 1].toStageId).toBe(final.stageId);
    expect(final.stageEnteredAt).toBe(changes[changes.length - 1].at);
    // Each answer saw the deal in the stage it asked for.
    expect(answers.map((a) => a.body.stageId)).toEqual(targets.map((s) => s.id));
  });

  it('lists with filters, search, sort and paging, and a client’s deals', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const anna = await createClient(owner, { name: 'Анна Смирнова' });
    const boris = await createClient(owner, { name: 'Борис' });
    const pipeline = await defaultPipeline(owner);
    const proposal = stageNamed(pipeline, 'Предложение');
    const a = await createDeal(owner, anna.id, {
      title: 'Свечи оптом',
      amount: '500',
      expectedCloseDate: '2026-12-10',
    });
    const b = await createDeal(owner, boris.id, {
      title: 'Подсвечники',
      amount: '1500',
      stageId: proposal.id,
      ownerId: member.id,
      expectedCloseDate: '2027-01-20',
    });
    const c = await createDeal(owner, anna.id, { title: 'Ёлочные игрушки', amount: '50', currency: 'USD' });
    const ids = async (query: string) =>
      (
        await api()
          .get(`${companyUrl(owner)}/deals?${query}`)
          .set(owner.auth)
          .expect(200)
      ).body.items.map((d: { id: string }) => d.id);
    expect(await ids('sort=amount')).toEqual([c.id, a.id, b.id]);
    expect(await ids('sort=-amount&currency=RUB')).toEqual([b.id, a.id]);
    expect(await ids(`clientId=${anna.id}&sort=title`)).toEqual([c.id, a.id]);
    expect(await ids(`stageId=${proposal.id}`)).toEqual([b.id]);
    expect(await ids(`ownerId=${member.id}`)).toEqual([b.id]);
    expect(await ids(`pipelineId=${pipeline.id}&sort=createdAt`)).toEqual([a.id, b.id, c.id]);
    expect((await ids('q=смирнова')).sort()).toEqual([a.id, c.id].sort());
    expect(await ids('q=елочные')).toEqual([c.id]);
    expect(await ids('expectedFrom=2026-12-01&expectedTo=2026-12-31')).toEqual([a.id]);
    expect(await ids('amountMin=100&amountMax=1000')).toEqual([a.id]);
    expect(await ids('status=open&sort=createdAt&pageSize=2&page=2')).toEqual([c.id]);
    // The board's order and its closed columns' window: deals that entered their stage since a day.
    expect(await ids(`pipelineId=${pipeline.id}&sort=-stageEnteredAt`)).toEqual([c.id, b.id, a.id]);
    await moveDeal(owner, a.id, { stageId: stageNamed(pipeline, 'Выиграна').id }).expect(200);
    const won = `stageId=${stageNamed(pipeline, 'Выиграна').id}`;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(await ids(`${won}&enteredFrom=${day(-2)}`)).toEqual([a.id]);
    expect(await ids(`${won}&enteredFrom=${day(2)}`)).toEqual([]);
    expect(await ids(`pipelineId=${pipeline.id}&sort=-stageEnteredAt`)).toEqual([a.id, c.id, b.id]);
    const page = await api()
      .get(`${companyUrl(owner)}/deals?pageSize=2`)
      .set(owner.auth)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    // Without a search the count reads the deals alone; with one it joins the client: the same count.
    const searched = await api()
      .get(`${companyUrl(owner)}/deals?pageSize=1&q=а`)
      .set(owner.auth)
      .expect(200);
    expect(searched.body.total).toBe(2); // Анна Смирнова’s two deals
    const bad = await api()
      .get(`${companyUrl(owner)}/deals?sort=owner&status=x&amountMin=-1&ownerId=1&enteredFrom=yesterday`)
      .set(owner.auth)
      .expect(400);
    expect(badFields(bad.body)).toEqual(['amountMin', 'enteredFrom', 'ownerId', 'sort', 'status']);
    const forClient = await api()
      .get(`${companyUrl(owner)}/clients/${boris.id}/deals`)
      .set(owner.auth)
      .expect(200);
    expect(forClient.body.items.map((d: { id: string }) => d.id)).toEqual([b.id]);
    await api()
      .get(`${companyUrl(owner)}/clients/${'0'.repeat(8)}-0000-4000-8000-000000000000/deals`)
      .set(owner.auth)
      .expect(404);
  });

  it('deletes a deal with its history; the sale it became stays; unknown ids are 404', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const pipeline = await defaultPipeline(owner);
    const deal = await createDeal(owner, client.id);
    const won = await moveDeal(owner, deal.id, {
      stageId: stageNamed(pipeline, 'Выиграна').id,
      createSale: true,
    }).expect(200);
    await api()
      .delete(`${companyUrl(owner)}/deals/${deal.id}`)
      .set(owner.auth)
      .expect(204);
    for (const path of ['', '/history'])
      expect(
        (
          await api()
            .get(`${companyUrl(owner)}/deals/${deal.id}${path}`)
            .set(owner.auth)
            .expect(404)
        ).body,
      ).toEqual(errorShape(404, 'deal_not_found'));
    await api()
      .delete(`${companyUrl(owner)}/deals/${deal.id}`)
      .set(owner.auth)
      .expect(404);
    await api()
      .get(`${companyUrl(owner)}/deals/not-a-uuid`)
      .set(owner.auth)
      .expect(404);
    await moveDeal(owner, deal.id, { stageId: stageNamed(pipeline, 'Новая').id }).expect(404);
    await api()
      .get(`${companyUrl(owner)}/sales/${won.body.saleId}`)
      .set(owner.auth)
      .expect(200);
    // Deleting the sale unlinks it from a deal.
    const second = await createDeal(owner, client.id);
    const secondWon = await moveDeal(owner, second.id, {
      stageId: stageNamed(pipeline, 'Выиграна').id,
      createSale: true,
    }).expect(200);
    await api()
      .delete(`${companyUrl(owner)}/sales/${secondWon.body.saleId}`)
      .set(owner.auth)
      .expect(204);
    const unlinked = await api()
      .get(`${companyUrl(owner)}/deals/${second.id}`)
      .set(owner.auth)
      .expect(200);
    expect(unlinked.body).toMatchObject({ status: 'won', saleId: null });
  });
});
