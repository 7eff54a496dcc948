import { Injectable } from '@nestjs/common';
import {
  type CompanyScope,
  containsAny,
  containsPattern,
  iso,
  queryRows,
  SqlParams,
  TenantDatabase,
} from '@crm/api/core';
import {
  type CreateTaskDto,
  DEFAULT_PAGE_SIZE,
  type ListTasksQueryDto,
  type TaskPageResponse,
  type TaskResponse,
  type TaskType,
  type UpdateTaskDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { taskNotFound } from '../ids';
import { assertClient, assertMember, invalidField } from '../members';

const TASKS_JOINED = `tasks t
  LEFT JOIN deals d ON d.company_id = t.company_id AND d.id = t.deal_id
  LEFT JOIN clients c ON c.company_id = t.company_id AND c.id = t.client_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

const TASK_COLUMNS = `t.id, t.title, t.type, t.due_at AS "dueAt", (NOT t.done AND t.due_at < now()) AS overdue,
  t.assignee_id AS "assigneeId", u.login AS "assigneeName", t.deal_id AS "dealId", d.title AS "dealTitle",
  t.client_id AS "clientId", coalesce(c.name, c.email) AS "clientName", t.done, t.done_at AS "doneAt",
  t.created_by AS "createdBy", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The local day and week of the company as timestamptz bounds (`$1` is the company id). */
const LOCAL_NOW = `(now() AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))`;
const localStart = (local: string) => `((${local}) AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))`;
const DUE: Record<NonNullable<ListTasksQueryDto['due']>, string> = {
  overdue: `NOT t.done AND t.due_at < now()`,
  today: `t.due_at >= ${localStart(`date_trunc('day', ${LOCAL_NOW})`)}
      AND t.due_at < ${localStart(`date_trunc('day', ${LOCAL_NOW}) + interval '1 day'`)}`,
  week: `t.due_at >= ${localStart(`date_trunc('week', ${LOCAL_NOW})`)}
      AND t.due_at < ${localStart(`date_trunc('week', ${LOCAL_NOW}) + interval '7 days'`)}`,
};

interface TaskRow {
  id: string;
  title: string;
  type: TaskType;
  dueAt: Date;
  overdue: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  dealId: string | null;
  dealTitle: string | null;
  clientId: string | null;
  clientName: string | null;
  done: boolean;
  doneAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Tasks: next steps and standalone to-dos (call, meeting, e-mail, to-do) on a deal and/or a client,
 * assigned to a member. A task on a deal is on the deal's client too. Lists put undone overdue tasks
 * first, then by due time; `due` filters by the company's local day or week.
 */
@Injectable()
export class TasksService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  list(scope: CompanyScope, query: ListTasksQueryDto): Promise<TaskPageResponse> {
    return this.tenantDb.run(scope, async (m) => {
      const p = new SqlParams();
      const where = [`t.company_id = ${p.add(scope.companyId)}`];
      if (query.q) where.push(containsAny(['t.title'], p.add(containsPattern(query.q))));
      if (query.assigneeId) where.push(`t.assignee_id = ${p.add(query.assigneeId)}::uuid`);
      if (query.dealId) where.push(`t.deal_id = ${p.add(query.dealId)}::uuid`);
      if (query.clientId) where.push(`t.client_id = ${p.add(query.clientId)}::uuid`);
      if (query.done !== undefined) where.push(`t.done = ${p.add(query.done)}`);
      if (query.due) where.push(`(${DUE[query.due]})`);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
      const [{ total }] = await queryRows<{ total: number }>(
        m,
        `SELECT count(*)::int AS total FROM tasks t WHERE ${where.join(' AND ')}`,
        p.values,
      );
      const rows = await queryRows<TaskRow>(
        m,
        `SELECT ${TASK_COLUMNS} FROM ${TASKS_JOINED} WHERE ${where.join(' AND ')}
          ORDER BY (NOT t.done AND t.due_at < now()) DESC, t.done, t.due_at, t.id
          LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
        p.values,
      );
      return { items: rows.map(toTaskResponse), total, page, pageSize };
    });
  }

  async get(scope: CompanyScope, id: string, m?: EntityManager): Promise<TaskResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, id, tx));
    const [row] = await queryRows<TaskRow>(
      m,
      `SELECT ${TASK_COLUMNS} FROM ${TASKS_JOINED} WHERE t.company_id = $1 AND t.id = $2`,
      [scope.companyId, id],
    );
    if (!row) throw taskNotFound();
    return toTaskResponse(row);
  }

  create(scope: CompanyScope, dto: CreateTaskDto): Promise<TaskResponse> {
    return this.tenantDb.run(scope, async (m) => {
      if (dto.assigneeId !== undefined) await assertMember(m, scope, dto.assigneeId, 'assigneeId');
      const clientId = await this.clientOf(m, scope, dto.dealId ?? null, dto.clientId, dto.clientId !== undefined);
      const [{ id }] = await queryRows<{ id: string }>(
        m,
        `INSERT INTO tasks (company_id, title, type, due_at, assignee_id, deal_id, client_id, done, done_at, created_by)
         VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, CASE WHEN $8 THEN now() END, $9) RETURNING id`,
        [
          scope.companyId,
          dto.title,
          dto.type,
          dto.dueAt,
          dto.assigneeId ?? scope.userId ?? null,
          dto.dealId ?? null,
          clientId,
          dto.done ?? false,
          scope.userId ?? null,
        ],
      );
      return this.get(scope, id, m);
    });
  }

  update(scope: CompanyScope, id: string, dto: UpdateTaskDto): Promise<TaskResponse> {
    return this.tenantDb.run(scope, async (m) => {
      const [before] = await queryRows<{ dealId: string | null; clientId: string | null }>(
        m,
        `SELECT deal_id AS "dealId", client_id AS "clientId" FROM tasks WHERE company_id = $1 AND id = $2 FOR UPDATE`,
        [scope.companyId, id],
      );
      if (!before) throw taskNotFound();
      if (dto.assigneeId !== undefined) await assertMember(m, scope, dto.assigneeId, 'assigneeId');
      const p = new SqlParams();
      const sets: string[] = [];
      if (dto.title !== undefined) sets.push(`title = ${p.add(dto.title)}`);
      if (dto.type !== undefined) sets.push(`type = ${p.add(dto.type)}`);
      if (dto.dueAt !== undefined) sets.push(`due_at = ${p.add(dto.dueAt)}::timestamptz`);
      if (dto.assigneeId !== undefined) sets.push(`assignee_id = ${p.add(dto.assigneeId)}::uuid`);
      if (dto.dealId !== undefined || dto.clientId !== undefined) {
        const dealId = dto.dealId !== undefined ? dto.dealId : before.dealId;
        const clientId = await this.clientOf(
          m,
          scope,
          dealId,
          dto.clientId !== undefined ? dto.clientId : before.clientId,
          dto.clientId !== undefined,
        );
        sets.push(`deal_id = ${p.add(dealId)}::uuid`, `client_id = ${p.add(clientId)}::uuid`);
      }
      if (dto.done !== undefined) {
        const done = p.add(dto.done);
        sets.push(`done = ${done}`, `done_at = CASE WHEN ${done} THEN coalesce(done_at, now()) END`);
      }
      if (sets.length > 0) {
        await m.query(
          `UPDATE tasks SET ${sets.join(', ')}, updated_at = now()
            WHERE company_id = ${p.add(scope.companyId)} AND id = ${p.add(id)}`,
          p.values,
        );
      }
      return this.get(scope, id, m);
    });
  }

  async remove(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      const [row] = await queryRows(m, `DELETE FROM tasks WHERE company_id = $1 AND id = $2 RETURNING id`, [
        scope.companyId,
        id,
      ]);
      if (!row) throw taskNotFound();
    });
  }

  /**
   * The client of a task: the deal's client when it is on a deal (a client given explicitly must be
   * that one, 400 otherwise), else the given client (400 unless a client of this company).
   */
  private async clientOf(
    m: EntityManager,
    scope: CompanyScope,
    dealId: string | null,
    clientId: string | null | undefined,
    clientGiven: boolean,
  ): Promise<string | null> {
    if (dealId) {
      const [deal] = await queryRows<{ clientId: string }>(
        m,
        `SELECT client_id AS "clientId" FROM deals WHERE company_id = $1 AND id = $2 FOR KEY SHARE`,
        [scope.companyId, dealId],
      );
      if (!deal) invalidField('dealId', 'dealId is not a deal of this company');
      if (clientGiven && clientId && clientId !== deal.clientId)
        invalidField('clientId', "clientId must be the deal's client");
      return deal.clientId;
    }
    if (clientId) await assertClient(m, scope, clientId);
    return clientId ?? null;
  }
}

function toTaskResponse(row: TaskRow): TaskResponse {
  return {
    ...row,
    dueAt: iso(row.dueAt) as string,
    doneAt: iso(row.doneAt),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}
