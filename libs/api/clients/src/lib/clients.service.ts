import { Injectable, NotFoundException } from '@nestjs/common';
import {
  type CompanyScope,
  companyWritesLockName,
  encodeCursor,
  enterTenant,
  feedHorizon,
  feedWindow,
  queryRows,
  SaleChangeHooks,
  SqlParams,
  TenantDatabase,
  withUniqueConflicts,
} from '@crm/api/core';
import {
  coded,
  type ClientFeedResponse,
  type ClientPageResponse,
  type ClientResponse,
  type ClientSortField,
  type CreateClientDto,
  DEFAULT_FEED_LIMIT,
  DEFAULT_PAGE_SIZE,
  type FeedQueryDto,
  formatMoney,
  type ListClientsQueryDto,
  type UpdateClientDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { ClientDeleteConflictException } from './client-delete-conflict';
import { clientFilters } from './client-filters';
import { CLIENT_COLUMNS, type ClientRow, toClientResponse } from './client-rows';

const EXTERNAL_ID_KEY = 'clients_company_external_key';
const EXTERNAL_ID_CONFLICT = {
  [EXTERNAL_ID_KEY]: ['client_external_id_taken', 'A client with this externalId exists'],
} as const;

const SORT_COLUMNS: Record<ClientSortField, string> = {
  // lower() of the column, stored (LeakproofSortKeys1764710000000) and indexed with the company
  name: 'c.name_key',
  email: 'c.email_key',
  lastInteractionAt: 'c.last_interaction_at',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
};

/** The fields a client DTO may set, with their columns. */
const FIELDS = [
  ['externalId', 'external_id'],
  ['email', 'email'],
  ['name', 'name'],
  ['phone', 'phone'],
  ['activity', 'activity'],
  ['attributes', 'attributes'],
] as const;

/**
 * Clients of one company for the web API and the integration feed. Every method takes the
 * company scope and runs in a tenant transaction of it ({@link TenantDatabase}); a client of
 * another company is "not found".
 */
@Injectable()
export class ClientsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly saleHooks: SaleChangeHooks,
  ) {}

  /**
   * The client, or 404. Inside the caller's tenant transaction `m` when given (pass `lock` to keep
   * the client from changing until commit), else in one of its own.
   */
  async get(scope: CompanyScope, id: string, m?: EntityManager, lock = false): Promise<ClientResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, id, tx, lock));
    const [row] = await queryRows<ClientRow>(
      m,
      `SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.company_id = $1 AND c.id = $2${lock ? ' FOR UPDATE' : ''}`,
      [scope.companyId, id],
    );
    if (!row) throw new NotFoundException(coded('client_not_found', 'Client not found'));
    return toClientResponse(row);
  }

  async list(scope: CompanyScope, query: ListClientsQueryDto): Promise<ClientPageResponse> {
    const p = new SqlParams();
    const where = clientFilters(scope, query, p);
    const sort = query.sort ?? '-createdAt';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as ClientSortField];
    const direction = descending ? 'DESC' : 'ASC';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    return this.tenantDb.run(scope, async (m) => {
      const [{ total }] = await queryRows<{ total: number }>(
        m,
        `SELECT count(*)::int AS total FROM clients c WHERE ${where.join(' AND ')}`,
        p.values,
      );
      const rows = await queryRows<ClientRow>(
        m,
        `SELECT ${CLIENT_COLUMNS} FROM clients c WHERE ${where.join(' AND ')}
          ORDER BY ${column} ${direction} NULLS LAST, c.id ${direction}
          LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
        p.values,
      );
      return { items: rows.map(toClientResponse), total, page, pageSize };
    });
  }

  /** Creates a client (in the caller's transaction `m` when given); 409 when the externalId is taken. */
  async create(scope: CompanyScope, dto: CreateClientDto, m?: EntityManager): Promise<ClientResponse> {
    const writes = { sharedLock: companyWritesLockName(scope) };
    if (!m) return this.tenantDb.run(scope, (tx) => this.create(scope, dto, tx), writes);
    await enterTenant(m, scope, writes);
    const p = new SqlParams();
    const columns = ['company_id'];
    const values = [p.add(scope.companyId)];
    for (const [field, column] of FIELDS) {
      const value = dto[field];
      if (value === undefined || value === null) continue;
      columns.push(column);
      values.push(field === 'attributes' ? `${p.add(JSON.stringify(value))}::jsonb` : p.add(value));
    }
    return withUniqueConflicts(async () => {
      const [row] = await queryRows<ClientRow>(
        m,
        `INSERT INTO clients AS c (${columns.join(', ')}) VALUES (${values.join(', ')}) RETURNING ${CLIENT_COLUMNS}`,
        p.values,
      );
      return toClientResponse(row);
    }, EXTERNAL_ID_CONFLICT);
  }

  /** Changes the given fields: omitted keeps, `null` clears. 404 for another company's client. */
  async update(scope: CompanyScope, id: string, dto: UpdateClientDto): Promise<ClientResponse> {
    const p = new SqlParams();
    const companyId = p.add(scope.companyId);
    const clientId = p.add(id);
    const sets: string[] = [];
    for (const [field, column] of FIELDS) {
      const value = dto[field];
      if (value === undefined) continue;
      const param = p.add(field === 'attributes' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = ${field === 'attributes' ? `${param}::jsonb` : param}`);
    }
    if (sets.length === 0) return this.get(scope, id);
    return withUniqueConflicts(async () => {
      const [row] = await this.tenantDb.run(
        scope,
        (m) =>
          queryRows<ClientRow>(
            m,
            `UPDATE clients c SET ${sets.join(', ')} WHERE c.company_id = ${companyId} AND c.id = ${clientId} RETURNING ${CLIENT_COLUMNS}`,
            p.values,
          ),
        { sharedLock: companyWritesLockName(scope) },
      );
      if (!row) throw new NotFoundException(coded('client_not_found', 'Client not found'));
      return toClientResponse(row);
    }, EXTERNAL_ID_CONFLICT);
  }

  /**
   * Deletes a client with its interactions and notes. A client with sales is only deleted with
   * `confirm`, and then its sales go too (reported to the sale listeners); otherwise a 409 says
   * what would be lost.
   */
  async remove(scope: CompanyScope, id: string, confirm: boolean): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      await this.get(scope, id, m, true);
      const [counts] = await queryRows<{ sales: number; interactions: number; notes: number }>(
        m,
        `SELECT (SELECT count(*)::int FROM sales WHERE company_id = $1 AND client_id = $2) AS sales,
                (SELECT count(*)::int FROM interactions WHERE company_id = $1 AND client_id = $2) AS interactions,
                (SELECT count(*)::int FROM notes WHERE company_id = $1 AND client_id = $2) AS notes`,
        [scope.companyId, id],
      );
      if (counts.sales > 0 && !confirm) {
        const revenue = await queryRows<{ currency: string; amount: string }>(
          m,
          `SELECT currency, sum(CASE WHEN kind = 'return' THEN -amount ELSE amount END)::text AS amount FROM sales
            WHERE company_id = $1 AND client_id = $2 AND status = 'paid' GROUP BY currency ORDER BY currency`,
          [scope.companyId, id],
        );
        throw new ClientDeleteConflictException({
          ...counts,
          revenue: revenue.map((r) => ({ currency: r.currency, amount: formatMoney(r.amount, r.currency) })),
        });
      }
      const deleted = await queryRows<{ id: string }>(
        m,
        `DELETE FROM sales WHERE company_id = $1 AND client_id = $2 RETURNING id`,
        [scope.companyId, id],
      );
      await this.saleHooks.emit(m, scope, deleted.length);
      await m.query(`DELETE FROM clients WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
    });
  }

  /**
   * A page of the integration feed: clients in the order they were last written (by transaction,
   * see the ChangeFeedXid migration), after `cursor`. Only rows of transactions below the company's
   * horizon (`feedHorizon`: they have all ended) are returned, so a row that commits later always
   * lands after the cursor, whatever the number of concurrent writers; transactions that write
   * nothing of this company do not hold it back.
   */
  async feed(scope: CompanyScope, query: FeedQueryDto): Promise<ClientFeedResponse> {
    const limit = query.limit ?? DEFAULT_FEED_LIMIT;
    const p = new SqlParams();
    const where = [`c.company_id = ${p.add(scope.companyId)}`];
    if (query.externalId !== undefined) where.push(`c.external_id = ${p.add(query.externalId)}`);
    if (query.updatedSince) where.push(`c.updated_at >= ${p.add(query.updatedSince)}::timestamptz`);
    const rows = await this.tenantDb.run(scope, async (m) => {
      const window = feedWindow('c', query.cursor, (v) => p.add(v), await feedHorizon(m, scope));
      return queryRows<ClientRow & { changeXid: string }>(
        m,
        `SELECT ${CLIENT_COLUMNS}, ${window.position} FROM clients c
          WHERE ${[...where, ...window.where].join(' AND ')} ORDER BY ${window.orderBy} LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toClientResponse),
      nextCursor: rows.length > limit && last ? encodeCursor({ changeXid: last.changeXid, id: last.id }) : null,
    };
  }
}
