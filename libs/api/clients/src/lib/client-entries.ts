import {
  type AuthenticatedUser,
  type CompanyScope,
  companyWritesLockName,
  iso,
  queryRows,
  type TenantDatabase,
  type TenantEntryOptions,
} from '@crm/api/core';
import type { EntityManager } from 'typeorm';
import type { ClientsService } from './clients.service';

/** What every entry on a client's timeline (a note, an interaction) has, as stored. */
export interface ClientEntryRow {
  id: string;
  clientId: string;
  dealId: string | null;
  dealTitle: string | null;
  authorId: string | null;
  authorLogin: string | null;
  createdAt: Date;
}

/** The author and times of an entry, as answered. */
export function entryBase(row: ClientEntryRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    dealId: row.dealId,
    dealTitle: row.dealTitle,
    author: row.authorId ? { id: row.authorId, login: row.authorLogin ?? '' } : null,
    createdAt: iso(row.createdAt) as string,
  };
}

/** Whom an entry is written about: a client, and one of its deals or none. */
export interface EntryTarget {
  clientId: string;
  dealId: string | null;
}

/** One kind of timeline entry: its table, its own columns and how it is answered. */
export interface ClientEntryKind<Dto, Row extends ClientEntryRow, Response> {
  table: 'notes' | 'interactions';
  /** Its own columns (besides id, client, deal, author and creation time), `e.` qualified, with their aliases. */
  columns: string;
  /** Newest first, by this order. */
  orderBy: string;
  /** Its own columns as inserted, and their values from the request. */
  insert: { columns: readonly string[]; values: (dto: Dto) => unknown[] };
  toResponse(row: Row): Response;
  /**
   * Runs after the insert, in its transaction, when the entry changes the client too (an
   * interaction moves `lastInteractionAt`); such kinds take the company's write lock.
   */
  afterInsert?: (m: EntityManager, scope: CompanyScope, clientId: string, dto: Dto) => Promise<void>;
}

/**
 * The entries of one kind on a client's timeline, written by the current user: listed newest first
 * and created, both in tenant transactions; a client of another company is "not found". An entry
 * may belong to one of the client's deals (`dealId`); the deals module lists and writes those
 * through {@link listOfDeal} and {@link insert}, inside its own transaction, after it has found the deal.
 */
export class ClientEntries<Dto, Row extends ClientEntryRow, Response> {
  private readonly select: string;

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly clients: ClientsService,
    private readonly kind: ClientEntryKind<Dto, Row, Response>,
  ) {
    this.select = `SELECT e.id, e.client_id AS "clientId", e.deal_id AS "dealId", dl.title AS "dealTitle",
         ${kind.columns}, e.author_id AS "authorId", u.login AS "authorLogin", e.created_at AS "createdAt"
    FROM ${kind.table} e LEFT JOIN users u ON u.id = e.author_id
    LEFT JOIN deals dl ON dl.company_id = e.company_id AND dl.id = e.deal_id`;
  }

  /** Newest first, the client's own entries and those of its deals. 404 for a client of another company. */
  list(scope: CompanyScope, clientId: string): Promise<Response[]> {
    return this.tenantDb.run(scope, async (m) => {
      await this.clients.get(scope, clientId, m);
      const rows = await queryRows<Row>(
        m,
        `${this.select} WHERE e.company_id = $1 AND e.client_id = $2 ORDER BY ${this.kind.orderBy}`,
        [scope.companyId, clientId],
      );
      return rows.map((row) => this.kind.toResponse(row));
    });
  }

  /** The entries of one deal, newest first, in the caller's transaction (which has found the deal). */
  async listOfDeal(m: EntityManager, scope: CompanyScope, dealId: string): Promise<Response[]> {
    const rows = await queryRows<Row>(
      m,
      `${this.select} WHERE e.company_id = $1 AND e.deal_id = $2 ORDER BY ${this.kind.orderBy}`,
      [scope.companyId, dealId],
    );
    return rows.map((row) => this.kind.toResponse(row));
  }

  /** An entry on the client itself. 404 for a client of another company. */
  create(scope: CompanyScope, clientId: string, author: AuthenticatedUser, dto: Dto): Promise<Response> {
    return this.tenantDb.run(
      scope,
      (m) => this.insert(m, scope, { clientId, dealId: null }, author, dto),
      this.writeOptions(scope),
    );
  }

  /**
   * The options of a transaction that inserts this kind: kinds that change the client too (an
   * interaction) take the company's write lock, like every client write.
   */
  writeOptions(scope: CompanyScope): TenantEntryOptions {
    return this.kind.afterInsert ? { sharedLock: companyWritesLockName(scope) } : {};
  }

  /**
   * Writes an entry in the caller's transaction (opened with {@link writeOptions}): locks the
   * client (404 when it is not the company's), inserts, runs the kind's follow-up and answers it.
   */
  async insert(
    m: EntityManager,
    scope: CompanyScope,
    target: EntryTarget,
    author: AuthenticatedUser,
    dto: Dto,
  ): Promise<Response> {
    const { kind } = this;
    await this.clients.get(scope, target.clientId, m, true);
    const columns = ['company_id', 'client_id', 'deal_id', ...kind.insert.columns, 'author_id'];
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO ${kind.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING id`,
      [scope.companyId, target.clientId, target.dealId, ...kind.insert.values(dto), author.id],
    );
    await kind.afterInsert?.(m, scope, target.clientId, dto);
    const [row] = await queryRows<Row>(m, `${this.select} WHERE e.company_id = $1 AND e.id = $2`, [
      scope.companyId,
      id,
    ]);
    return kind.toResponse(row);
  }
}
