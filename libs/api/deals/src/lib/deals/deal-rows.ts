import { type CompanyScope, iso, queryRows } from '@crm/api/core';
import { type DealResponse, type DealStatus, formatMoney } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

/** Deals with their client, stage and owner; `d`, `c`, `s`, `u`. */
export const DEALS_JOINED = `deals d
  JOIN clients c ON c.company_id = d.company_id AND c.id = d.client_id
  JOIN pipeline_stages s ON s.company_id = d.company_id AND s.id = d.stage_id
  LEFT JOIN users u ON u.id = d.owner_id`;

/** The columns of {@link DealRow} over {@link DEALS_JOINED}. */
export const DEAL_COLUMNS = `d.id, d.external_id AS "externalId", d.title, d.client_id AS "clientId",
  coalesce(c.name, c.email) AS "clientName", c.external_id AS "clientExternalId", d.amount::text AS amount, d.currency,
  d.pipeline_id AS "pipelineId", d.stage_id AS "stageId", s.name AS "stageName", s.probability AS "stageProbability",
  d.owner_id AS "ownerId", u.login AS "ownerName", to_char(d.expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate",
  d.probability, d.status, d.lost_reason AS "lostReason", d.sale_id AS "saleId", d.source,
  d.next_step_title AS "nextStepTitle", d.next_step_due_at AS "nextStepDueAt", d.stage_entered_at AS "stageEnteredAt",
  d.closed_at AS "closedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/** The columns the deal search (`q`) looks in. */
export const DEAL_SEARCH_COLUMNS = ['d.title', 'd.external_id', 'c.name', 'c.email'] as const;

export interface DealRow {
  id: string;
  externalId: string | null;
  title: string;
  clientId: string;
  clientName: string | null;
  clientExternalId: string | null;
  amount: string;
  currency: string;
  pipelineId: string;
  stageId: string;
  stageName: string;
  stageProbability: number;
  ownerId: string | null;
  ownerName: string | null;
  expectedCloseDate: string | null;
  probability: number | null;
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
}

export function toDealResponse(row: DealRow): DealResponse {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    clientId: row.clientId,
    clientName: row.clientName,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stageName: row.stageName,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    expectedCloseDate: row.expectedCloseDate,
    probability: row.probability ?? row.stageProbability,
    probabilityOverridden: row.probability !== null,
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

/** One deal of the company with its client, stage and owner, or null. */
export async function findDeal(m: EntityManager, scope: CompanyScope, id: string): Promise<DealRow | null> {
  const [row] = await queryRows<DealRow>(
    m,
    `SELECT ${DEAL_COLUMNS} FROM ${DEALS_JOINED} WHERE d.company_id = $1 AND d.id = $2`,
    [scope.companyId, id],
  );
  return row ?? null;
}
