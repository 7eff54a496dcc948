import { Injectable } from '@nestjs/common';
import { ClientsService } from '@crm/api/clients';
import {
  type CompanyScope,
  companyWritesLockName,
  containsAny,
  containsPattern,
  InvalidInputException,
  queryRows,
  SqlParams,
  TenantDatabase,
  withUniqueConflicts,
} from '@crm/api/core';
import { SalesService } from '@crm/api/sales';
import {
  type CreateDealDto,
  DEFAULT_PAGE_SIZE,
  type DealPageResponse,
  type DealResponse,
  type DealSortField,
  type DealStageChangeResponse,
  type ListDealsQueryDto,
  type MoveDealDto,
  parseMoney,
  type StageKind,
  toDecimalString,
  type UpdateDealDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { dealNotFound } from '../ids';
import { assertClient, assertMember, invalidField } from '../members';
import { DEAL_COLUMNS, DEAL_SEARCH_COLUMNS, DEALS_JOINED, type DealRow, findDeal, toDealResponse } from './deal-rows';

const EXTERNAL_ID_KEY = 'deals_company_external_key';

const SORT_COLUMNS: Record<DealSortField, string> = {
  createdAt: 'd.created_at',
  updatedAt: 'd.updated_at',
  amount: 'd.amount',
  expectedCloseDate: 'd.expected_close_date',
  title: `lower(translate(d.title, 'ёЁ', 'еЕ'))`,
  stageEnteredAt: 'd.stage_entered_at',
};

interface StageRef {
  id: string;
  pipelineId: string;
  kind: StageKind;
}

/**
 * Deals of one company for the web API. Every write takes the company's write lock first (deals
 * are in the integration change feed, ADR 0004), and every stage change — creation included — is
 * recorded in `deal_stage_changes`. A move locks the deal row (`FOR UPDATE`): concurrent moves of
 * one deal run one after the other, so its history is one chain, each change starting where the
 * previous one ended.
 */
@Injectable()
export class DealsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly clients: ClientsService,
    private readonly sales: SalesService,
  ) {}

  list(scope: CompanyScope, query: ListDealsQueryDto): Promise<DealPageResponse> {
    return this.tenantDb.run(scope, (m) => this.page(m, scope, query));
  }

  /** The deals of a client; 404 for another company's client. */
  listForClient(scope: CompanyScope, clientId: string, query: ListDealsQueryDto): Promise<DealPageResponse> {
    return this.tenantDb.run(scope, async (m) => {
      await this.clients.get(scope, clientId, m);
      return this.page(m, scope, Object.assign(query, { clientId }));
    });
  }

  async get(scope: CompanyScope, id: string, m?: EntityManager): Promise<DealResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, id, tx));
    const row = await findDeal(m, scope, id);
    if (!row) throw dealNotFound();
    return toDealResponse(row);
  }

  /** The company's deals with these ids, in one query (ids of no deal of the company are left out). */
  getMany(scope: CompanyScope, ids: readonly string[]): Promise<DealResponse[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tenantDb.run(scope, async (m) =>
      (
        await queryRows<DealRow>(
          m,
          `SELECT ${DEAL_COLUMNS} FROM ${DEALS_JOINED} WHERE d.company_id = $1 AND d.id = ANY($2::uuid[])`,
          [scope.companyId, [...ids]],
        )
      ).map(toDealResponse),
    );
  }

  /** A new deal in the given (or the first) pipeline and stage, owned by the caller unless said otherwise. */
  create(scope: CompanyScope, dto: CreateDealDto): Promise<DealResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        await assertClient(m, scope, dto.clientId);
        const stage = await this.initialStage(m, scope, dto.pipelineId, dto.stageId);
        const ownerId = dto.ownerId ?? scope.userId ?? null;
        if (dto.ownerId !== undefined) await assertMember(m, scope, dto.ownerId, 'ownerId');
        const [{ id }] = await this.unique(() =>
          queryRows<{ id: string }>(
            m,
            `WITH deal AS (
               INSERT INTO deals (company_id, external_id, title, client_id, amount, currency, pipeline_id, stage_id,
                                  owner_id, expected_close_date, probability, source, status, next_step_title,
                                  next_step_due_at, created_by, stage_entered_at, closed_at)
               VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10::date, $11, $12, $13, $14, $15::timestamptz,
                       $16, clock_timestamp(), CASE WHEN $13 = 'open' THEN NULL ELSE clock_timestamp() END)
               RETURNING id, pipeline_id, stage_id, stage_entered_at)
             INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, user_id, at)
             SELECT $1, deal.id, deal.pipeline_id, NULL, deal.stage_id, $16, deal.stage_entered_at FROM deal
             RETURNING deal_id AS id`,
            [
              scope.companyId,
              dto.externalId ?? null,
              dto.title,
              dto.clientId,
              toDecimalString(dto.amount),
              dto.currency,
              stage.pipelineId,
              stage.id,
              ownerId,
              dto.expectedCloseDate ?? null,
              dto.probability ?? null,
              dto.source ?? null,
              stage.kind,
              dto.nextStep?.title ?? null,
              dto.nextStep?.dueAt ?? null,
              scope.userId ?? null,
            ],
          ),
        );
        return this.get(scope, id, m);
      },
      this.writes(scope),
    );
  }

  /** Changes the given fields; the stage changes only by {@link move}. */
  update(scope: CompanyScope, id: string, dto: UpdateDealDto): Promise<DealResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        const before = await this.lock(m, scope, id);
        const currency = dto.currency ?? before.currency;
        const amount = dto.amount ?? before.amount;
        const parsed = parseMoney(toDecimalString(amount) ?? amount, currency);
        if (!parsed.ok) invalidField(dto.amount !== undefined ? 'amount' : 'currency', `amount ${parsed.error}`);
        if (dto.clientId !== undefined) await assertClient(m, scope, dto.clientId);
        if (dto.ownerId !== undefined) await assertMember(m, scope, dto.ownerId, 'ownerId');
        if (dto.lostReason !== undefined && before.status !== 'lost')
          invalidField('lostReason', 'lostReason is only for a lost deal');
        const p = new SqlParams();
        const sets: string[] = [];
        if (dto.title !== undefined) sets.push(`title = ${p.add(dto.title)}`);
        if (dto.clientId !== undefined) sets.push(`client_id = ${p.add(dto.clientId)}::uuid`);
        if (dto.amount !== undefined) sets.push(`amount = ${p.add(toDecimalString(dto.amount))}::numeric`);
        if (dto.currency !== undefined) sets.push(`currency = ${p.add(dto.currency)}`);
        if (dto.ownerId !== undefined) sets.push(`owner_id = ${p.add(dto.ownerId)}::uuid`);
        if (dto.expectedCloseDate !== undefined)
          sets.push(`expected_close_date = ${p.add(dto.expectedCloseDate)}::date`);
        if (dto.probability !== undefined) sets.push(`probability = ${p.add(dto.probability)}::smallint`);
        if (dto.source !== undefined) sets.push(`source = ${p.add(dto.source)}`);
        if (dto.lostReason !== undefined) sets.push(`lost_reason = ${p.add(dto.lostReason)}`);
        if (dto.externalId !== undefined) sets.push(`external_id = ${p.add(dto.externalId)}`);
        if (dto.nextStep !== undefined) {
          sets.push(`next_step_title = ${p.add(dto.nextStep?.title ?? null)}`);
          sets.push(`next_step_due_at = ${p.add(dto.nextStep?.dueAt ?? null)}::timestamptz`);
        }
        if (sets.length > 0) {
          await this.unique(() =>
            m.query(
              `UPDATE deals SET ${sets.join(', ')} WHERE company_id = ${p.add(scope.companyId)} AND id = ${p.add(id)}`,
              p.values,
            ),
          );
        }
        return this.get(scope, id, m);
      },
      this.writes(scope),
    );
  }

  async remove(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(
      scope,
      async (m) => {
        await this.lock(m, scope, id);
        await m.query(`DELETE FROM deals WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
      },
      this.writes(scope),
    );
  }

  /**
   * Moves the deal to another stage of its pipeline and records the change. A lost stage needs a
   * reason; a won stage with `createSale` creates the sale the deal became (in this transaction)
   * and links it. Moving to the stage it is in changes nothing (no history row) except the reason.
   */
  move(scope: CompanyScope, id: string, dto: MoveDealDto): Promise<DealResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        const deal = await this.lock(m, scope, id);
        const stage = await this.stage(m, scope, dto.stageId);
        if (!stage || stage.pipelineId !== deal.pipelineId)
          invalidField('stageId', "stageId is not a stage of the deal's pipeline");
        if (stage.kind === 'lost' && !dto.lostReason)
          invalidField('lostReason', 'lostReason is required to move a deal to a lost stage');
        if (dto.createSale && stage.kind !== 'won') invalidField('createSale', 'createSale is only for a won stage');
        if (stage.id === deal.stageId) {
          if (stage.kind === 'lost' && dto.lostReason !== deal.lostReason)
            await m.query(`UPDATE deals SET lost_reason = $3 WHERE company_id = $1 AND id = $2`, [
              scope.companyId,
              id,
              dto.lostReason,
            ]);
        } else {
          let saleId = deal.saleId;
          if (stage.kind === 'won' && dto.createSale && !saleId) {
            const sale = await this.sales.create(
              scope,
              {
                clientId: deal.clientId,
                amount: deal.amount,
                currency: deal.currency,
                soldAt: new Date().toISOString(),
                status: 'paid',
              },
              m,
            );
            saleId = sale.id;
          }
          await m.query(
            `WITH moved AS (
               UPDATE deals d
                  SET stage_id = $3, status = $4, probability = NULL, stage_entered_at = clock_timestamp(),
                      lost_reason = CASE WHEN $4 = 'lost' THEN $5 END, sale_id = $6::uuid,
                      closed_at = CASE WHEN $4 = 'open' THEN NULL ELSE clock_timestamp() END
                WHERE d.company_id = $1 AND d.id = $2
               RETURNING d.id, d.pipeline_id, d.stage_entered_at)
             INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, user_id, at)
             SELECT $1, moved.id, moved.pipeline_id, $7::uuid, $3, $8::uuid, moved.stage_entered_at FROM moved`,
            [
              scope.companyId,
              id,
              stage.id,
              stage.kind,
              dto.lostReason ?? null,
              saleId,
              deal.stageId,
              scope.userId ?? null,
            ],
          );
        }
        return this.get(scope, id, m);
      },
      this.writes(scope),
    );
  }

  /** The deal's stage changes, oldest first (the first is its creation, from `null`). */
  history(scope: CompanyScope, id: string): Promise<DealStageChangeResponse[]> {
    return this.tenantDb.run(scope, async (m) => {
      const [deal] = await queryRows(m, `SELECT 1 FROM deals WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
      if (!deal) throw dealNotFound();
      const rows = await queryRows<{ fromStageId: string | null; toStageId: string; userId: string | null; at: Date }>(
        m,
        `SELECT from_stage_id AS "fromStageId", to_stage_id AS "toStageId", user_id AS "userId", at
           FROM deal_stage_changes WHERE company_id = $1 AND deal_id = $2 ORDER BY at, id`,
        [scope.companyId, id],
      );
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    });
  }

  private async page(m: EntityManager, scope: CompanyScope, query: ListDealsQueryDto): Promise<DealPageResponse> {
    const p = new SqlParams();
    const where = [`d.company_id = ${p.add(scope.companyId)}`];
    if (query.q) where.push(containsAny(DEAL_SEARCH_COLUMNS, p.add(containsPattern(query.q))));
    if (query.pipelineId) where.push(`d.pipeline_id = ${p.add(query.pipelineId)}::uuid`);
    if (query.stageId) where.push(`d.stage_id = ${p.add(query.stageId)}::uuid`);
    if (query.ownerId) where.push(`d.owner_id = ${p.add(query.ownerId)}::uuid`);
    if (query.clientId) where.push(`d.client_id = ${p.add(query.clientId)}::uuid`);
    if (query.saleId) where.push(`d.sale_id = ${p.add(query.saleId)}::uuid`);
    if (query.status) where.push(`d.status = ${p.add(query.status)}`);
    if (query.currency) where.push(`d.currency = ${p.add(query.currency)}`);
    if (query.expectedFrom) where.push(`d.expected_close_date >= ${p.add(query.expectedFrom)}::date`);
    if (query.expectedTo) where.push(`d.expected_close_date <= ${p.add(query.expectedTo)}::date`);
    if (query.enteredFrom) {
      // The day's start in the company's zone, as a value: the planner then estimates the range from the
      // column's statistics (a closed column's recent deals are few) and scans the board's index.
      const [{ since }] = await queryRows<{ since: Date }>(
        m,
        `SELECT ($1::date::timestamp AT TIME ZONE time_zone) AS since FROM companies WHERE id = $2`,
        [query.enteredFrom, scope.companyId],
      );
      where.push(`d.stage_entered_at >= ${p.add(since)}::timestamptz`);
    }
    if (query.amountMin !== undefined) where.push(`d.amount >= ${p.add(toDecimalString(query.amountMin))}::numeric`);
    if (query.amountMax !== undefined) where.push(`d.amount <= ${p.add(toDecimalString(query.amountMax))}::numeric`);
    const sort = query.sort ?? '-updatedAt';
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as DealSortField];
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    // Every deal has its client and stage (foreign keys), so the count reads the deals alone unless the
    // search looks at the client: a board column of 600,000 closed deals is counted from one index.
    const [{ total }] = await queryRows<{ total: number }>(
      m,
      `SELECT count(*)::int AS total FROM ${query.q ? DEALS_JOINED : 'deals d'} WHERE ${where.join(' AND ')}`,
      p.values,
    );
    const rows = await queryRows<DealRow>(
      m,
      `SELECT ${DEAL_COLUMNS} FROM ${DEALS_JOINED} WHERE ${where.join(' AND ')}
        ORDER BY ${column} ${direction} NULLS LAST, d.id ${direction}
        LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
      p.values,
    );
    return { items: rows.map(toDealResponse), total, page, pageSize };
  }

  /** The stage a new deal starts in: the given one (of the given or first pipeline), else the first open one. */
  private async initialStage(
    m: EntityManager,
    scope: CompanyScope,
    pipelineId: string | undefined,
    stageId: string | undefined,
  ): Promise<StageRef> {
    if (stageId !== undefined) {
      const stage = await this.stage(m, scope, stageId);
      if (!stage || (pipelineId !== undefined && stage.pipelineId !== pipelineId))
        invalidField('stageId', pipelineId ? 'stageId is not a stage of the pipeline' : 'stageId is not a stage');
      if (stage.kind === 'lost')
        invalidField('stageId', 'a deal starts in an open or won stage; move it to a lost stage with a reason');
      return stage;
    }
    const [stage] = await queryRows<StageRef>(
      m,
      `SELECT s.id, s.pipeline_id AS "pipelineId", s.kind
         FROM pipeline_stages s JOIN pipelines p ON p.company_id = s.company_id AND p.id = s.pipeline_id
        WHERE s.company_id = $1 AND s.deleted_at IS NULL AND s.kind = 'open' AND ($2::uuid IS NULL OR p.id = $2)
        ORDER BY p.position, p.created_at, p.id, s.position
        LIMIT 1 FOR KEY SHARE OF s`,
      [scope.companyId, pipelineId ?? null],
    );
    if (!stage) {
      if (pipelineId !== undefined) invalidField('pipelineId', 'pipelineId is not a pipeline of this company');
      throw new InvalidInputException([{ field: 'pipelineId', messages: ['the company has no pipeline'] }]);
    }
    return stage;
  }

  /** A live stage of the company, locked against deletion meanwhile; null when there is none. */
  private async stage(m: EntityManager, scope: CompanyScope, id: string): Promise<StageRef | null> {
    const [stage] = await queryRows<StageRef>(
      m,
      `SELECT id, pipeline_id AS "pipelineId", kind FROM pipeline_stages
        WHERE company_id = $1 AND id = $2 AND deleted_at IS NULL FOR KEY SHARE`,
      [scope.companyId, id],
    );
    return stage ?? null;
  }

  /** The deal, locked for the rest of the transaction (`FOR UPDATE`); 404 when there is none. */
  private async lock(m: EntityManager, scope: CompanyScope, id: string): Promise<DealRow> {
    const [locked] = await queryRows(m, `SELECT 1 FROM deals WHERE company_id = $1 AND id = $2 FOR UPDATE`, [
      scope.companyId,
      id,
    ]);
    if (!locked) throw dealNotFound();
    return (await findDeal(m, scope, id)) as DealRow;
  }

  /** Deal writes take the company's write lock first (the deal feed, ADR 0004). */
  private writes(scope: CompanyScope) {
    return { sharedLock: companyWritesLockName(scope) };
  }

  private unique<T>(write: () => Promise<T>): Promise<T> {
    return withUniqueConflicts(write, {
      [EXTERNAL_ID_KEY]: ['deal_external_id_taken', 'A deal with this externalId exists'],
    });
  }
}
