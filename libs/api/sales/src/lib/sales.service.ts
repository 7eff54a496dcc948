import { Injectable, NotFoundException } from '@nestjs/common';
import { ClientsService } from '@crm/api/clients';
import {
  type CompanyScope,
  companyWritesLockName,
  encodeCursor,
  feedHorizon,
  feedWindow,
  InvalidInputException,
  queryRows,
  SaleChangeHooks,
  SqlParams,
  TenantDatabase,
  withUniqueConflicts,
} from '@crm/api/core';
import {
  coded,
  type CreateSaleDto,
  DEFAULT_FEED_LIMIT,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SALE_KIND,
  DEFAULT_SALE_STATUS,
  type FeedQueryDto,
  type ListSalesQueryDto,
  parseMoney,
  type SaleDetailResponse,
  type SaleFeedResponse,
  type SalePageResponse,
  type SaleSortField,
  toDecimalString,
  type UpdateSaleDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import {
  loadItems,
  SALE_BASE_AMOUNT,
  SALE_BASE_AMOUNT_ORDER,
  SALE_COLUMNS,
  type SaleRow,
  SALES_WITH_BASE_AMOUNT,
  SALES_WITH_CLIENT,
  toIntegrationSale,
  toSaleResponse,
  toSaleWithClient,
} from './sale-rows';
import { loadReturnsOf, loadSales, originalErrors, type SaleDraft, Unreturned } from './returns';
import { saleFilters } from './sale-filters';
import { amountWarnings, type NormalItem, normalizeItems, replaceItems, touchLastInteraction } from './sale-items';

const EXTERNAL_ID_KEY = 'sales_company_external_key';

const SORT_COLUMNS: Record<SaleSortField, string> = {
  soldAt: 's.sold_at',
  amount: SALE_BASE_AMOUNT,
  createdAt: 's.created_at',
};

/**
 * Sales of one company for the web API and the integration feed. Every method takes the company
 * scope and runs in a tenant transaction of it ({@link TenantDatabase}); another company's sale or
 * client is "not found". Writes tell the {@link SaleChangeHooks}.
 */
@Injectable()
export class SalesService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly clients: ClientsService,
    private readonly hooks: SaleChangeHooks,
  ) {}

  list(scope: CompanyScope, query: ListSalesQueryDto): Promise<SalePageResponse> {
    return this.tenantDb.run(scope, (m) => this.page(m, scope, query));
  }

  /** The purchase history of a client; 404 for another company's client. */
  listForClient(scope: CompanyScope, clientId: string, query: ListSalesQueryDto): Promise<SalePageResponse> {
    return this.tenantDb.run(scope, async (m) => {
      await this.clients.get(scope, clientId, m);
      return this.page(m, scope, Object.assign(query, { clientId }));
    });
  }

  private async page(m: EntityManager, scope: CompanyScope, query: ListSalesQueryDto): Promise<SalePageResponse> {
    const p = new SqlParams();
    const where = saleFilters(scope, query, p);
    const sort = query.sort ?? '-soldAt';
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as SaleSortField];
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const [{ total }] = await queryRows<{ total: number }>(
      m,
      `SELECT count(*)::int AS total FROM ${SALES_WITH_CLIENT} WHERE ${where.join(' AND ')}`,
      p.values,
    );
    const offset = (page - 1) * pageSize;
    const rows =
      column === SALE_BASE_AMOUNT
        ? await byBaseAmount(m, where.join(' AND '), p.values, direction, offset, pageSize)
        : await queryRows<SaleRow>(
            m,
            `SELECT ${SALE_COLUMNS} FROM ${SALES_WITH_CLIENT} WHERE ${where.join(' AND ')}
              ORDER BY ${column} ${direction} NULLS LAST, s.id ${direction}
              LIMIT ${p.add(pageSize)} OFFSET ${p.add(offset)}`,
            p.values,
          );
    const items = await loadItems(m, scope, rows);
    return { items: rows.map((row) => toSaleWithClient(row, items.get(row.id) ?? [])), total, page, pageSize };
  }

  /** The sale with its returns (or original); in the caller's tenant transaction `m` when given. */
  async get(scope: CompanyScope, id: string, m?: EntityManager): Promise<SaleDetailResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, id, tx));
    const row = await this.find(m, scope, id);
    if (!row) throw new NotFoundException(coded('sale_not_found', 'Sale not found'));
    const related = await queryRows<SaleRow>(
      m,
      `SELECT ${SALE_COLUMNS} FROM ${SALES_WITH_CLIENT}
        WHERE s.company_id = $1 AND (s.return_of = $2 OR s.id = $3) ORDER BY s.sold_at, s.id`,
      [scope.companyId, row.id, row.returnOf],
    );
    const items = await loadItems(m, scope, [row, ...related]);
    const original = related.find((r) => r.id === row.returnOf);
    return {
      ...toSaleWithClient(row, items.get(row.id) ?? []),
      returns: related.filter((r) => r.returnOf === row.id).map((r) => toSaleResponse(r, items.get(r.id) ?? [])),
      original: original ? toSaleResponse(original, items.get(original.id) ?? []) : null,
    };
  }

  /**
   * Creates a sale for a client of the company (400 otherwise); 409 when the externalId is taken.
   * Inside the caller's tenant transaction `m` when given (e.g. a deal won with `createSale`); that
   * transaction must have taken the company's write lock before its first write.
   */
  async create(scope: CompanyScope, dto: CreateSaleDto, m?: EntityManager): Promise<SaleDetailResponse> {
    if (m) return this.insert(m, scope, dto);
    return this.tenantDb.run(scope, (tx) => this.insert(tx, scope, dto), this.writes(scope));
  }

  private async insert(m: EntityManager, scope: CompanyScope, dto: CreateSaleDto): Promise<SaleDetailResponse> {
    await this.assertBuyer(m, scope, dto.clientId);
    const kind = dto.kind ?? DEFAULT_SALE_KIND;
    const draft: SaleDraft = {
      clientId: dto.clientId,
      currency: dto.currency,
      amount: toDecimalString(dto.amount) as string,
      kind,
      status: dto.status ?? DEFAULT_SALE_STATUS,
      items: dto.items ? normalizeItems(dto.items) : [],
    };
    if (kind === 'sale' && dto.returnOf) invalidReturn(['returnOf is only for returns (kind "return")']);
    if (kind === 'return') await this.assertReturn(m, scope, dto.returnOf ?? null, draft, null);
    const [{ id }] = await this.unique(() =>
      queryRows<{ id: string }>(
        m,
        `INSERT INTO sales (company_id, external_id, client_id, amount, currency, sold_at, status, kind, return_of)
           VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9) RETURNING id`,
        [
          scope.companyId,
          dto.externalId ?? null,
          dto.clientId,
          toDecimalString(dto.amount),
          dto.currency,
          dto.soldAt,
          dto.status ?? DEFAULT_SALE_STATUS,
          kind,
          kind === 'return' ? dto.returnOf : null,
        ],
      ),
    );
    if (dto.items) await replaceItems(m, scope, [{ saleId: id, items: normalizeItems(dto.items), created: true }]);
    const after = (await this.find(m, scope, id)) as SaleRow;
    await touchLastInteraction(m, scope, [after]);
    await this.hooks.emit(m, scope, 1);
    return withWarnings(await this.get(scope, id, m), draft.items);
  }

  /**
   * Changes the given fields; omitted ones (the status too) keep their value, `items` replaces
   * every item. Amount and item prices are checked against the currency the sale ends up with.
   */
  async update(scope: CompanyScope, id: string, dto: UpdateSaleDto): Promise<SaleDetailResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        const before = await this.find(m, scope, id, true);
        if (!before) throw new NotFoundException(coded('sale_not_found', 'Sale not found'));
        const currency = dto.currency ?? before.currency;
        assertFitsCurrency(dto, before, currency);
        if (dto.clientId !== undefined) await this.assertBuyer(m, scope, dto.clientId);
        const [stored] = await loadSales(m, scope, 'id', [id]);
        const draft: SaleDraft = {
          clientId: dto.clientId ?? before.clientId,
          currency,
          amount: dto.amount !== undefined ? (toDecimalString(dto.amount) as string) : before.amount,
          kind: before.kind,
          status: dto.status ?? before.status,
          items: dto.items ? normalizeItems(dto.items) : stored.items,
        };
        if (before.kind === 'return') await this.assertReturn(m, scope, before.returnOf, draft, id);
        else {
          const returns = (await loadReturnsOf(m, scope, [id])).get(id) ?? [];
          const errors = originalErrors(draft, stored, returns);
          if (errors.length) invalidReturn(errors);
        }
        const p = new SqlParams();
        const sets: string[] = [];
        if (dto.externalId !== undefined) sets.push(`external_id = ${p.add(dto.externalId)}`);
        if (dto.clientId !== undefined) sets.push(`client_id = ${p.add(dto.clientId)}::uuid`);
        if (dto.amount !== undefined) sets.push(`amount = ${p.add(toDecimalString(dto.amount))}::numeric`);
        if (dto.currency !== undefined) sets.push(`currency = ${p.add(dto.currency)}`);
        if (dto.soldAt !== undefined) sets.push(`sold_at = ${p.add(dto.soldAt)}::timestamptz`);
        if (dto.status !== undefined) sets.push(`status = ${p.add(dto.status)}`);
        if (sets.length > 0) {
          await this.unique(() =>
            m.query(
              `UPDATE sales SET ${sets.join(', ')} WHERE company_id = ${p.add(scope.companyId)} AND id = ${p.add(id)}`,
              p.values,
            ),
          );
        }
        if (dto.items) await replaceItems(m, scope, [{ saleId: id, items: normalizeItems(dto.items) }]);
        const after = (await this.find(m, scope, id)) as SaleRow;
        await touchLastInteraction(m, scope, [after]);
        if (sets.length > 0 || dto.items) await this.hooks.emit(m, scope, 1);
        return withWarnings(await this.get(scope, id, m), dto.items ? draft.items : null);
      },
      this.writes(scope),
    );
  }

  async remove(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      const before = await this.find(m, scope, id, true);
      if (!before) throw new NotFoundException(coded('sale_not_found', 'Sale not found'));
      await m.query(`DELETE FROM sales WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
      await this.hooks.emit(m, scope, 1);
    });
  }

  /** A page of the integration feed of sales, by writing transaction (see `ClientsService.feed`). */
  async feed(scope: CompanyScope, query: FeedQueryDto): Promise<SaleFeedResponse> {
    const limit = query.limit ?? DEFAULT_FEED_LIMIT;
    const p = new SqlParams();
    const where = [`s.company_id = ${p.add(scope.companyId)}`];
    if (query.externalId !== undefined) where.push(`s.external_id = ${p.add(query.externalId)}`);
    if (query.updatedSince) where.push(`s.updated_at >= ${p.add(query.updatedSince)}::timestamptz`);
    const { rows, page, items } = await this.tenantDb.run(scope, async (m) => {
      const window = feedWindow('s', query.cursor, (v) => p.add(v), await feedHorizon(m, scope));
      const rows = await queryRows<SaleRow & { changeXid: string }>(
        m,
        `SELECT ${SALE_COLUMNS}, ${window.position} FROM ${SALES_WITH_CLIENT}
          WHERE ${[...where, ...window.where].join(' AND ')} ORDER BY ${window.orderBy} LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      const page = rows.slice(0, limit);
      return { rows, page, items: await loadItems(m, scope, page) };
    });
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toIntegrationSale(row, items.get(row.id) ?? [])),
      nextCursor: rows.length > limit && last ? encodeCursor({ changeXid: last.changeXid, id: last.id }) : null,
    };
  }

  /** Tenant transactions that write sales take the company's write lock first (see `lockCompanyWrites`). */
  private writes(scope: CompanyScope) {
    return { sharedLock: companyWritesLockName(scope) };
  }

  private async find(m: EntityManager, scope: CompanyScope, id: string, lock = false): Promise<SaleRow | null> {
    const [row] = await queryRows<SaleRow>(
      m,
      `SELECT ${SALE_COLUMNS} FROM ${SALES_WITH_CLIENT} WHERE s.company_id = $1 AND s.id = $2${lock ? ' FOR UPDATE OF s' : ''}`,
      [scope.companyId, id],
    );
    return row ?? null;
  }

  /**
   * 400 unless `draft` may be a return of `returnOf` (an id) given its other returns; `self` is the
   * return being changed, whose stored version does not count.
   */
  private async assertReturn(
    m: EntityManager,
    scope: CompanyScope,
    returnOf: string | null,
    draft: SaleDraft,
    self: string | null,
  ): Promise<void> {
    if (!returnOf) invalidReturn(['returnOf is required for a return']);
    const [original] = await loadSales(m, scope, 'id', [returnOf]);
    if (!original || original.id === self) invalidReturn(['returnOf is not a sale of this company']);
    const left = new Unreturned(original);
    for (const r of (await loadReturnsOf(m, scope, [original.id])).get(original.id) ?? []) {
      if (r.id !== self) left.subtract(r);
    }
    const errors = left.take(draft);
    if (errors.length) invalidReturn(errors);
  }

  /** 400 naming `clientId` unless it is a client of this company (another company's id included). */
  private async assertBuyer(m: EntityManager, scope: CompanyScope, clientId: string): Promise<void> {
    const [row] = await queryRows(m, `SELECT 1 FROM clients WHERE company_id = $1 AND id = $2 FOR KEY SHARE`, [
      scope.companyId,
      clientId,
    ]);
    if (!row)
      throw new InvalidInputException([{ field: 'clientId', messages: ['clientId is not a client of this company'] }]);
  }

  private unique<T>(write: () => Promise<T>): Promise<T> {
    return withUniqueConflicts(write, {
      [EXTERNAL_ID_KEY]: ['sale_external_id_taken', 'A sale with this externalId exists'],
    });
  }
}

/**
 * A page of sales in `ORDER BY base amount dir NULLS LAST, id dir` order, from the
 * `(company_id, base_amount_order, base_amount, sale_id)` index in both directions (the float8
 * `base_amount_order` orders as the amount does, and is NULL exactly when it is). The sales with a
 * base amount are read in index order, at most `offset + pageSize` of them; only a page that
 * reaches past them reads the sales without one (a branch of their own: a descending scan meets
 * the NULLs first), so a filter such as a currency no longer walks every unconvertible sale of the
 * company for each page.
 */
async function byBaseAmount(
  m: EntityManager,
  where: string,
  values: readonly unknown[],
  dir: 'ASC' | 'DESC',
  offset: number,
  pageSize: number,
): Promise<SaleRow[]> {
  const first = offset + pageSize;
  const branch = (converted: boolean, limit: number) =>
    queryRows<SaleRow>(
      m,
      `SELECT ${SALE_COLUMNS} FROM ${SALES_WITH_BASE_AMOUNT}
        WHERE ${where} AND b.company_id = s.company_id AND ${SALE_BASE_AMOUNT_ORDER} IS ${converted ? 'NOT ' : ''}NULL
        ORDER BY ${SALE_BASE_AMOUNT_ORDER} ${dir}, ${SALE_BASE_AMOUNT} ${dir}, s.id ${dir} LIMIT $${values.length + 1}`,
      [...values, limit],
    );
  const withAmount = await branch(true, first);
  const rows =
    withAmount.length < first ? withAmount.concat(await branch(false, first - withAmount.length)) : withAmount;
  return rows.slice(offset, first);
}

/** 400 when the amount (new or stored) has more digits than `currency` allows (unit prices may have 4). */
function assertFitsCurrency(dto: UpdateSaleDto, before: SaleRow, currency: string): void {
  const amount = dto.amount ?? before.amount;
  const parsed = parseMoney(toDecimalString(amount) ?? amount, currency);
  if (!parsed.ok) {
    throw new InvalidInputException([
      { field: dto.amount !== undefined ? 'amount' : 'currency', messages: [`amount ${parsed.error}`] },
    ]);
  }
}

/** The contract's 400 for return rules, each message under the field it is about. */
function invalidReturn(errors: readonly string[]): never {
  throw new InvalidInputException(
    errors.map((message) => {
      const items = /^items(\.\d+(\.\w+)?)?/.exec(message);
      const field = message.startsWith('amount')
        ? 'amount'
        : items
          ? items[0]
          : message.includes('client')
            ? 'clientId'
            : message.includes('currency')
              ? 'currency'
              : 'returnOf';
      return { field, messages: [message] };
    }),
  );
}

/** The sale as answered, with the remarks on what was stored as sent (items given only). */
function withWarnings(sale: SaleDetailResponse, items: readonly NormalItem[] | null): SaleDetailResponse {
  const warnings = amountWarnings(sale.amount, sale.currency, items);
  return warnings.length ? { ...sale, warnings } : sale;
}
