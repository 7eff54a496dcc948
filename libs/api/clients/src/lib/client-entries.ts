import {
  type AuthenticatedUser,
  type CompanyScope,
  companyWritesLockName,
  iso,
  queryRows,
  type TenantDatabase,
} from '@crm/api/core';
import type { EntityManager } from 'typeorm';
import type { ClientsService } from './clients.service';

/** What every entry on a client's timeline (a note, an interaction) has, as stored. */
export interface ClientEntryRow {
  id: string;
  clientId: string;
  authorId: string | null;
  authorLogin: string | null;
  createdAt: Date;
}

/** The author and times of an entry, as answered. */
export function entryBase(row: ClientEntryRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    author: row.authorId ? { id: row.authorId, login: row.authorLogin ?? '' } : null,
    createdAt: iso(row.createdAt) as string,
  };
}

/** One kind of timeline entry: its table, its own columns and how it is answered. */
export interface ClientEntryKind<Dto, Row extends ClientEntryRow, Response> {
  table: 'notes' | 'interactions';
  /** Its own columns (besides id, client, author and creation time), `e.` qualified, with their aliases. */
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
 * and created, both in tenant transactions; a client of another company is "not found".
 */
export class ClientEntries<Dto, Row extends ClientEntryRow, Response> {
  private readonly select: string;

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly clients: ClientsService,
    private readonly kind: ClientEntryKind<Dto, Row, Response>,
  ) {
    this.select = `SELECT e.id, e.client_id AS "clientId", ${kind.columns}, e.author_id AS "authorId",
         u.login AS "authorLogin", e.created_at AS "createdAt"
    FROM ${kind.table} e LEFT JOIN users u ON u.id = e.author_id`;
  }

  /** Newest first. 404 for a client of another company. */
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

  create(scope: CompanyScope, clientId: string, author: AuthenticatedUser, dto: Dto): Promise<Response> {
    const { kind } = this;
    return this.tenantDb.run(
      scope,
      async (m) => {
        await this.clients.get(scope, clientId, m, true);
        const columns = ['company_id', 'client_id', ...kind.insert.columns, 'author_id'];
        const [{ id }] = await queryRows<{ id: string }>(
          m,
          `INSERT INTO ${kind.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
           RETURNING id`,
          [scope.companyId, clientId, ...kind.insert.values(dto), author.id],
        );
        await kind.afterInsert?.(m, scope, clientId, dto);
        const [row] = await queryRows<Row>(m, `${this.select} WHERE e.company_id = $1 AND e.id = $2`, [
          scope.companyId,
          id,
        ]);
        return kind.toResponse(row);
      },
      kind.afterInsert ? { sharedLock: companyWritesLockName(scope.companyId) } : {},
    );
  }
}
