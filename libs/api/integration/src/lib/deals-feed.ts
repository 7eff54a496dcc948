import { Injectable } from '@nestjs/common';
import {
  type CompanyScope,
  encodeCursor,
  feedHorizon,
  feedWindow,
  queryRows,
  SqlParams,
  TenantDatabase,
} from '@crm/api/core';
import {
  DEFAULT_FEED_LIMIT,
  type DealFeedResponse,
  type FeedQueryDto,
  type IntegrationDealResponse,
} from '@crm/shared/contracts';
import { DEAL_COLUMNS, type DealRow, DEALS_JOINED, toDealResponse } from '@crm/api/deals';

/** A deal with what the integration API adds: its client's external id and its pipeline's name. */
interface DealFeedRow extends DealRow {
  pipelineName: string;
  changeXid: string;
}

const COLUMNS = `${DEAL_COLUMNS}, p.name AS "pipelineName"`;

const FROM = `${DEALS_JOINED}
  JOIN pipelines p ON p.company_id = d.company_id AND p.id = d.pipeline_id`;

function toIntegrationDeal(row: DealFeedRow): IntegrationDealResponse {
  return { ...toDealResponse(row), clientExternalId: row.clientExternalId, pipelineName: row.pipelineName };
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
      const window = feedWindow('d', query.cursor, (v) => p.add(v), await feedHorizon(m, scope));
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
