import { DataSource } from 'typeorm';
import { api } from '../support/client';
import { clientItem, companyWithKey, pushClients } from '../support/crm';

/** Helpers of the deals integration specs. */

export const pushDeals = (key: string, items: unknown[]) =>
  api().post('/api/v1/deals/batch').set('X-API-Key', key).send({ items });

export const dealItem = (externalId: string, clientExternalId: string, fields: Record<string, unknown> = {}) => ({
  externalId,
  clientExternalId,
  title: `Сделка ${externalId}`,
  amount: '1000.00',
  currency: 'RUB',
  ...fields,
});

export interface FeedDeal {
  id: string;
  externalId: string;
  clientExternalId: string;
  title: string;
  amount: string;
  currency: string;
  pipelineId: string;
  pipelineName: string;
  stageId: string;
  stageName: string;
  status: string;
  lostReason: string | null;
  expectedCloseDate: string | null;
  probability: number;
  closedAt: string | null;
}

/** A company with an API key and clients of these externalIds. */
export async function companyWithClients(...externalIds: string[]) {
  const company = await companyWithKey();
  await pushClients(
    company.apiKey.key,
    externalIds.map((id) => clientItem(id, { name: `Клиент ${id}` })),
  ).expect(200);
  return company;
}

/** A direct connection to the e2e database (as the schema specs use), for what no route shows. */
export async function database(): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
  await ds.initialize();
  return ds;
}

/** The stage history of a company's deal by externalId, oldest first, as stage names. */
export async function history(ds: DataSource, companyId: string, externalId: string) {
  return (await ds.query(
    `SELECT fs.name AS "from", ts.name AS "to", c.user_id AS "userId"
       FROM deal_stage_changes c
       JOIN deals d ON d.company_id = c.company_id AND d.id = c.deal_id
       LEFT JOIN pipeline_stages fs ON fs.company_id = c.company_id AND fs.id = c.from_stage_id
       JOIN pipeline_stages ts ON ts.company_id = c.company_id AND ts.id = c.to_stage_id
      WHERE c.company_id = $1 AND d.external_id = $2 ORDER BY c.at, c.id`,
    [companyId, externalId],
  )) as { from: string | null; to: string; userId: string | null }[];
}
