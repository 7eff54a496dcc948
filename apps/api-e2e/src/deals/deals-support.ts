import { api, type TestUser } from '../support/client';

export interface Stage {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  dealCount: number;
  totals: { currency: string; amount: string }[];
}

export interface Pipeline {
  id: string;
  name: string;
  position: number;
  stages: Stage[];
}

export const companyUrl = (user: TestUser) => `/api/companies/${user.companyId}`;

export async function listPipelines(user: TestUser): Promise<Pipeline[]> {
  return (
    await api()
      .get(`${companyUrl(user)}/pipelines`)
      .set(user.auth)
      .expect(200)
  ).body;
}

/** The company's first pipeline (the default one for a new company). */
export async function defaultPipeline(user: TestUser): Promise<Pipeline> {
  return (await listPipelines(user))[0];
}

/** The stage of `pipeline` named `name`. */
export function stageNamed(pipeline: Pipeline, name: string): Stage {
  const stage = pipeline.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage ${name} in ${pipeline.name}`);
  return stage;
}

export async function createDeal(user: TestUser, clientId: string, body: Record<string, unknown> = {}) {
  const res = await api()
    .post(`${companyUrl(user)}/deals`)
    .set(user.auth)
    .send({ title: 'Сделка', clientId, amount: '1000.00', currency: 'RUB', ...body })
    .expect(201);
  return res.body as { id: string; stageId: string; pipelineId: string; status: string };
}

export const moveDeal = (user: TestUser, dealId: string, body: Record<string, unknown>) =>
  api()
    .post(`${companyUrl(user)}/deals/${dealId}/move`)
    .set(user.auth)
    .send(body);

export async function history(user: TestUser, dealId: string) {
  return (
    await api()
      .get(`${companyUrl(user)}/deals/${dealId}/history`)
      .set(user.auth)
      .expect(200)
  ).body as {
    fromStageId: string | null;
    toStageId: string;
    userId: string | null;
    at: string;
  }[];
}

/** The fields named in a 400's `details`. */
export const badFields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field).sort();
