import { Injectable } from '@nestjs/common';
import {
  type CompanyScope,
  encodeCursor,
  feedHorizon,
  feedWindow,
  iso,
  queryRows,
  SqlParams,
  TenantDatabase,
} from '@crm/api/core';
import {
  DEFAULT_FEED_LIMIT,
  type DealFeedResponse,
  type DealStatus,
  type FeedQueryDto,
  formatMoney,
  type IntegrationDealResponse,
} from '@crm/shared/contracts';

interface DealFeedRow {
  id: string;
  externalId: string | null;
  title: string;
  clientId: string;
  clientName: string | null;
  clientExternalId: string | null;
  amount: string;
  currency: string;
  pipelineId: string;
  pipelineName: string;
  stageId: string;
  stageName: string;
  ownerId: string | null;
  ownerName: string | null;
  expectedCloseDate: string | null;
  probability: number;
  probabilityOverridden: boolean;
  status: DealStatus;
  lostReason: string | null;
  saleId: string | null;
  source: string | null;
  nextStepTitle: string | null;
  nextStepDueAt: Date | null;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  changeXid: string;
}

const COLUMNS = `
  d.id, d.external_id AS "externalId", d.title, d.client_id AS "clientId", coalesce(c.name, c.email) AS "clientName",
  c.external_id AS "clientExternalId", d.amount::text AS amount, trim(d.currency) AS currency,
  d.pipeline_id AS "pipelineId", p.name AS "pipelineName", d.stage_id AS "stageId", s.name AS "stageName",
  d.owner_id AS "ownerId", u.login AS "ownerName", d.expected_close_date::text AS "expectedCloseDate",
  coalesce(d.probability, s.probability)::int AS probability, d.probability IS NOT NULL AS "probabilityOverridden",
  d.status, d.lost_reason AS "lostReason", d.sale_id AS "saleId", d.source,
  d.next_step_title AS "nextStepTitle", d.next_step_due_at AS "nextStepDueAt", d.stage_entered_at AS "stageEnteredAt",
  d.closed_at AS "closedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

const FROM = `
  deals d
  JOIN clients c ON c.company_id = d.company_id AND c.id = d.client_id
  JOIN pipelines p ON p.company_id = d.company_id AND p.id = d.pipeline_id
  JOIN pipeline_stages s ON s.company_id = d.company_id AND s.id = d.stage_id
  LEFT JOIN users u ON u.id = d.owner_id`;

function toIntegrationDeal(row: DealFeedRow): IntegrationDealResponse {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    clientId: row.clientId,
    clientName: row.clientName,
    clientExternalId: row.clientExternalId,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    pipelineId: row.pipelineId,
    pipelineName: row.pipelineName,
    stageId: row.stageId,
    stageName: row.stageName,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    expectedCloseDate: row.expectedCloseDate,
    probability: row.probability,
    probabilityOverridden: row.probabilityOverridden,
    status: row.status,
    lostReason: row.lostReason,
    saleId: row.saleId,
    source: row.source,
    nextStep:
      row.nextStepTitle !== null && row.nextStepDueAt !== null
        ? { title: row.nextStepTitle, dueAt: iso(row.nextStepDueAt) as string }
        : null,
    stageEnteredAt: iso(row.stageEnteredAt) as string,
    closedAt: iso(row.closedAt),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

/**
 * The integration feed of deals (`GET /api/v1/deals`): deals in the order they were last written,
 * by writing transaction (ADR 0004, as the clients and sales feeds): only rows of transactions below
 * the company's horizon, so a deal that commits later always lands after a cursor already returned.
 */
@Injectable()
export class DealsFeed {
  constructor(private readonly tenantDb: TenantDatabase) {}

  async page(scope: CompanyScope, query: FeedQueryDto): Promise<DealFeedResponse> {
    const limit = query.limit ?? DEFAULT_FEED_LIMIT;
    const p = new SqlParams();
    const where = [`d.company_id = ${p.add(scope.companyId)}`];
    if (query.externalId !== undefined) where.push(`d.external_id = ${p.add(query.externalId)}`);
    if (query.updatedSince) where.push(`d.updated_at >= ${p.add(query.updatedSince)}::timestamptz`);
    const rows = await this.tenantDb.run(scope, async (m) => {
      const window = feedWindow('d', query.cursor, (v) => p.add(v), await feedHorizon(m, scope.companyId));
      return queryRows<DealFeedRow>(
        m,
        `SELECT ${COLUMNS}, ${window.position} FROM ${FROM}
          WHERE ${[...where, ...window.where].join(' AND ')} ORDER BY ${window.orderBy} LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toIntegrationDeal),
      nextCursor: rows.length > limit && last ? encodeCursor({ changeXid: last.changeXid, id: last.id }) : null,
    };
  }
}
