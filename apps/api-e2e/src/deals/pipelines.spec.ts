import { addMember, api, errorShape, registerUser } from '../support/client';
import { createClient } from '../support/crm';
import {
  badFields,
  companyUrl,
  createDeal,
  defaultPipeline,
  history,
  listPipelines,
  stageNamed,
} from './deals-support';

describe('pipelines and stages', () => {
  it('gives a new company the default pipeline «Воронка продаж» with its six stages', async () => {
    const owner = await registerUser();
    const pipelines = await listPipelines(owner);
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]).toMatchObject({ name: 'Воронка продаж', position: 0 });
    expect(pipelines[0].stages.map((s) => [s.name, s.position, s.probability, s.kind, s.dealCount])).toEqual([
      ['Новая', 0, 10, 'open', 0],
      ['Квалификация', 1, 20, 'open', 0],
      ['Предложение', 2, 50, 'open', 0],
      ['Переговоры', 3, 80, 'open', 0],
      ['Выиграна', 4, 100, 'won', 0],
      ['Проиграна', 5, 0, 'lost', 0],
    ]);
    const one = await api()
      .get(`${companyUrl(owner)}/pipelines/${pipelines[0].id}`)
      .set(owner.auth)
      .expect(200);
    expect(one.body).toEqual(pipelines[0]);
  });

  it('lets owners and admins create, rename, reorder and delete pipelines; a member gets 403', async () => {
    const owner = await registerUser();
    const admin = await registerUser(null);
    const member = await registerUser(null);
    await addMember(owner, admin, 'admin');
    await addMember(owner, member, 'member');
    const url = `${companyUrl(owner)}/pipelines`;
    const body = {
      name: 'Опт',
      stages: [
        { name: 'Заявка', probability: 10 },
        { name: 'Оплачено', probability: 100, kind: 'won' },
      ],
    };
    const forbidden = await api().post(url).set(member.auth).send(body).expect(403);
    expect(forbidden.body).toEqual(errorShape(403, 'role_required'));
    const created = await api().post(url).set(admin.auth).send(body).expect(201);
    expect(created.body).toMatchObject({ name: 'Опт', position: 1 });
    expect(created.body.stages.map((s: { name: string; kind: string }) => `${s.name}:${s.kind}`)).toEqual([
      'Заявка:open',
      'Оплачено:won',
    ]);
    const id = created.body.id;
    await api().post(url).set(owner.auth).send({ name: 'опт' }).expect(409);
    await api().patch(`${url}/${id}`).set(member.auth).send({ name: 'Розница' }).expect(403);
    await api().delete(`${url}/${id}`).set(member.auth).expect(403);
    const renamed = await api()
      .patch(`${url}/${id}`)
      .set(owner.auth)
      .send({ name: 'Розница', position: 0 })
      .expect(200);
    expect(renamed.body).toMatchObject({ id, name: 'Розница', position: 0 });
    expect((await listPipelines(owner)).map((p) => p.name)).toEqual(['Розница', 'Воронка продаж']);
    // A member reads them all the same.
    const asMember = await api().get(url).set(member.auth).expect(200);
    expect(asMember.body.map((p: { name: string }) => p.name)).toEqual(['Розница', 'Воронка продаж']);
    await api().delete(`${url}/${id}`).set(admin.auth).expect(204);
    await api().get(`${url}/${id}`).set(owner.auth).expect(404);
    expect((await listPipelines(owner)).map((p) => [p.name, p.position])).toEqual([['Воронка продаж', 0]]);
  });

  it('refuses bad pipelines and stages with 400 naming each field', async () => {
    const owner = await registerUser();
    const url = `${companyUrl(owner)}/pipelines`;
    const bad = await api()
      .post(url)
      .set(owner.auth)
      .send({ name: '', stages: [{ name: 'A', probability: 101, kind: 'maybe' }] })
      .expect(400);
    expect(bad.body).toEqual(errorShape(400, 'validation_failed'));
    expect(badFields(bad.body)).toEqual(['name', 'stages.0.kind', 'stages.0.probability']);
    const onlyWon = await api()
      .post(url)
      .set(owner.auth)
      .send({ name: 'X', stages: [{ name: 'A', probability: 100, kind: 'won' }] })
      .expect(400);
    expect(badFields(onlyWon.body)).toEqual(['stages']);
    const twice = await api()
      .post(url)
      .set(owner.auth)
      .send({
        name: 'X',
        stages: [
          { name: 'A', probability: 1 },
          { name: 'a', probability: 2 },
        ],
      })
      .expect(400);
    expect(badFields(twice.body)).toEqual(['stages.1.name']);
    const pipeline = await defaultPipeline(owner);
    const stage = await api()
      .post(`${url}/${pipeline.id}/stages`)
      .set(owner.auth)
      .send({ name: 'Новая', probability: -1, position: 'x' })
      .expect(400);
    expect(badFields(stage.body)).toEqual(['position', 'probability']);
    await api()
      .post(`${url}/${pipeline.id}/stages`)
      .set(owner.auth)
      .send({ name: 'новая', probability: 5 })
      .expect(409);
    const won = await api()
      .post(`${url}/${pipeline.id}/stages`)
      .set(owner.auth)
      .send({ name: 'Оплачено', probability: 100, kind: 'won' })
      .expect(409);
    expect(won.body).toEqual(errorShape(409, 'stage_kind_taken'));
  });

  it('adds, renames, re-weighs and moves stages; renaming keeps the deals and their history', async () => {
    const owner = await registerUser();
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const client = await createClient(owner, { name: 'Клиент' });
    const pipeline = await defaultPipeline(owner);
    const url = `${companyUrl(owner)}/pipelines/${pipeline.id}/stages`;
    const offer = stageNamed(pipeline, 'Предложение');
    const deal = await createDeal(owner, client.id, { stageId: offer.id });

    await api().post(url).set(member.auth).send({ name: 'Счёт', probability: 60 }).expect(403);
    const added = await api().post(url).set(owner.auth).send({ name: 'Счёт', probability: 60 }).expect(201);
    // Without a position it goes after the last open stage, before won and lost.
    expect(added.body.stages.map((s: { name: string }) => s.name)).toEqual([
      'Новая',
      'Квалификация',
      'Предложение',
      'Переговоры',
      'Счёт',
      'Выиграна',
      'Проиграна',
    ]);
    await api().patch(`${url}/${offer.id}`).set(member.auth).send({ name: 'КП' }).expect(403);
    const renamed = await api()
      .patch(`${url}/${offer.id}`)
      .set(owner.auth)
      .send({ name: 'КП отправлено', probability: 55, position: 0 })
      .expect(200);
    expect(renamed.body.stages[0]).toMatchObject({ id: offer.id, name: 'КП отправлено', probability: 55, position: 0 });
    expect(renamed.body.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const got = await api()
      .get(`${companyUrl(owner)}/deals/${deal.id}`)
      .set(owner.auth)
      .expect(200);
    expect(got.body).toMatchObject({ stageId: offer.id, stageName: 'КП отправлено', probability: 55 });
    expect(await history(owner, deal.id)).toEqual([
      { fromStageId: null, toStageId: offer.id, userId: owner.id, at: expect.any(String) },
    ]);
  });

  it('deletes a stage with deals only with ?moveTo, recording each move; a pipeline with deals stays (409)', async () => {
    const owner = await registerUser();
    const client = await createClient(owner, { name: 'Клиент' });
    const pipeline = await defaultPipeline(owner);
    const pipelineUrl = `${companyUrl(owner)}/pipelines/${pipeline.id}`;
    const qualification = stageNamed(pipeline, 'Квалификация');
    const negotiation = stageNamed(pipeline, 'Переговоры');
    const lost = stageNamed(pipeline, 'Проиграна');
    const deals = [
      await createDeal(owner, client.id, { stageId: qualification.id, amount: '100.00' }),
      await createDeal(owner, client.id, { stageId: qualification.id, amount: '250.50' }),
    ];
    const stats = stageNamed(await defaultPipeline(owner), 'Квалификация');
    expect(stats).toMatchObject({ dealCount: 2, totals: [{ currency: 'RUB', amount: '350.50' }] });

    const conflict = await api().delete(`${pipelineUrl}/stages/${qualification.id}`).set(owner.auth).expect(409);
    expect(conflict.body).toEqual(errorShape(409, 'stage_has_deals'));
    const toLost = await api()
      .delete(`${pipelineUrl}/stages/${qualification.id}?moveTo=${lost.id}`)
      .set(owner.auth)
      .expect(400);
    expect(badFields(toLost.body)).toEqual(['moveTo']);
    const other = await api()
      .post(`${companyUrl(owner)}/pipelines`)
      .set(owner.auth)
      .send({ name: 'Другая' })
      .expect(201);
    const foreign = await api()
      .delete(`${pipelineUrl}/stages/${qualification.id}?moveTo=${other.body.stages[0].id}`)
      .set(owner.auth)
      .expect(400);
    expect(badFields(foreign.body)).toEqual(['moveTo']);
    await api().delete(`${pipelineUrl}/stages/${qualification.id}?moveTo=not-a-uuid`).set(owner.auth).expect(400);

    await api()
      .delete(`${pipelineUrl}/stages/${qualification.id}?moveTo=${negotiation.id}`)
      .set(owner.auth)
      .expect(204);
    const after = await defaultPipeline(owner);
    expect(after.stages.map((s) => s.name)).not.toContain('Квалификация');
    expect(after.stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
    expect(stageNamed(after, 'Переговоры').dealCount).toBe(2);
    for (const deal of deals) {
      const got = await api()
        .get(`${companyUrl(owner)}/deals/${deal.id}`)
        .set(owner.auth)
        .expect(200);
      expect(got.body).toMatchObject({ stageId: negotiation.id, probability: 80 });
      expect((await history(owner, deal.id)).map((h) => [h.fromStageId, h.toStageId])).toEqual([
        [null, qualification.id],
        [qualification.id, negotiation.id],
      ]);
    }

    const hasDeals = await api().delete(pipelineUrl).set(owner.auth).expect(409);
    expect(hasDeals.body).toEqual(errorShape(409, 'pipeline_has_deals'));
    // The last open stage of a pipeline stays.
    const [first, ...rest] = other.body.stages.filter((s: { kind: string }) => s.kind === 'open');
    for (const stage of rest)
      await api()
        .delete(`${companyUrl(owner)}/pipelines/${other.body.id}/stages/${stage.id}`)
        .set(owner.auth)
        .expect(204);
    const last = await api()
      .delete(`${companyUrl(owner)}/pipelines/${other.body.id}/stages/${first.id}`)
      .set(owner.auth)
      .expect(409);
    expect(last.body).toEqual(errorShape(409, 'last_open_stage'));
    await api()
      .delete(`${companyUrl(owner)}/pipelines/${other.body.id}`)
      .set(owner.auth)
      .expect(204);
    // The company keeps one pipeline at least.
    for (const deal of deals)
      await api()
        .delete(`${companyUrl(owner)}/deals/${deal.id}`)
        .set(owner.auth)
        .expect(204);
    await api().delete(pipelineUrl).set(owner.auth).expect(409);
  });

  it('answers 404 for an unknown or malformed pipeline or stage id', async () => {
    const owner = await registerUser();
    const pipeline = await defaultPipeline(owner);
    const url = `${companyUrl(owner)}/pipelines`;
    expect((await api().get(`${url}/not-a-uuid`).set(owner.auth).expect(404)).body).toEqual(
      errorShape(404, 'pipeline_not_found'),
    );
    await api().get(`${url}/6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11`).set(owner.auth).expect(404);
    const missingStage = await api()
      .patch(`${url}/${pipeline.id}/stages/6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11`)
      .set(owner.auth)
      .send({ name: 'X' })
      .expect(404);
    expect(missingStage.body).toEqual(errorShape(404, 'stage_not_found'));
    // A stage of another pipeline of the same company is not a stage of this one.
    const other = await api().post(url).set(owner.auth).send({ name: 'Другая' }).expect(201);
    await api()
      .patch(`${url}/${pipeline.id}/stages/${other.body.stages[0].id}`)
      .set(owner.auth)
      .send({ name: 'X' })
      .expect(404);
  });
});
