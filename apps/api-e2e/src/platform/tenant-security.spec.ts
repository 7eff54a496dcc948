import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { clientFilters } from '@crm/api/clients';
import { type CompanyScope, loadAppConfig, SqlParams, TENANT_ROLE, TenantDatabase } from '@crm/api/core';
import { DataSource, type EntityManager } from 'typeorm';
// eslint-disable-next-line @nx/enforce-module-boundaries -- boots the real app in-process to reach its TenantDatabase
import { AppModule } from '../../../api/src/app/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the export's own page queries, explained under the policies
import { clientPages, salePages } from '../../../../libs/api/imports/src/lib/export/export-rows';
import { api, type TestUser } from '../support/client';
import { type ApiKey, clientItem, companyWithKey, pushClients, pushSales, readFeed, saleItem } from '../support/crm';

/**
 * Tenancy enforced by the database (issue 10, ADR 0001): through the app's own `TenantDatabase`,
 * statements that deliberately forget their `company_id` filter see and change only the current
 * company's rows, another company's rows cannot be written, a tenant transaction without a company
 * sees nothing, and every table with a `company_id` is covered (so a new table cannot forget).
 */
describe('tenant row-level security', () => {
  let app: INestApplicationContext;
  let tenantDb: TenantDatabase;
  let plain: DataSource;
  let a: TestUser & { apiKey: ApiKey };
  let b: TestUser & { apiKey: ApiKey };
  let scopeA: CompanyScope;
  let scopeB: CompanyScope;

  /** Data of one company through the API: clients, sales with items, a note, an interaction, rates. */
  async function seed(owner: TestUser & { apiKey: ApiKey }, marker: string) {
    await pushClients(owner.apiKey.key, [
      clientItem(`${marker}-1`, { name: 'Анна', email: `anna-${marker}@example.com`, activity: 'Retail' }),
      clientItem(`${marker}-2`, { name: 'Борис', email: `boris-${marker}@example.com` }),
    ]).expect(200);
    await pushSales(owner.apiKey.key, [
      saleItem(`${marker}-s1`, `${marker}-1`, { items: [{ name: 'Чай', quantity: 1, unitPrice: '100.00' }] }),
      saleItem(`${marker}-s2`, `${marker}-2`, { amount: '250.00' }),
      saleItem(`${marker}-s3`, `${marker}-2`, { amount: '12.50', currency: 'USD' }),
    ]).expect(200);
    const [client] = (await readFeed<{ id: string }>(owner.apiKey.key, 'clients')).items;
    const url = `/api/companies/${owner.companyId}`;
    await api().post(`${url}/clients/${client.id}/notes`).set(owner.auth).send({ text: marker }).expect(201);
    await api()
      .post(`${url}/clients/${client.id}/interactions`)
      .set(owner.auth)
      .send({ type: 'call', occurredAt: '2026-11-20T10:00:00Z', summary: marker })
      .expect(201);
    await api()
      .put(`${url}/exchange-rates`)
      .set(owner.auth)
      .send({ rates: [{ currency: 'USD', rate: '90', validFrom: '2026-01-01' }] })
      .expect(200);
  }

  /** Rows of `table` per company, as the tables' owner sees them (outside row-level security). */
  async function ownerCounts(table: string): Promise<Map<string, number>> {
    const rows: { company: string; n: number }[] = await plain.query(
      `SELECT company_id AS company, count(*)::int AS n FROM ${table} WHERE company_id = ANY($1::uuid[]) GROUP BY 1`,
      [[a.companyId, b.companyId]],
    );
    return new Map(rows.map((r) => [r.company, r.n]));
  }

  /** Runs `work` in a tenant transaction of `scope` and rolls it back, returning what it returned. */
  async function rolledBack<T>(scope: CompanyScope, work: (m: EntityManager) => Promise<T>): Promise<T> {
    const rollback = new Error('roll back');
    let result: T | undefined;
    await expect(
      tenantDb.run(scope, async (m) => {
        result = await work(m);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    return result as T;
  }

  beforeAll(async () => {
    a = await companyWithKey(`A ${randomUUID()}`);
    b = await companyWithKey(`B ${randomUUID()}`);
    scopeA = { companyId: a.companyId };
    scopeB = { companyId: b.companyId };
    await seed(a, 'A');
    await seed(b, 'B');
    // The app itself, in this process, on the database the API under test uses.
    const config = loadAppConfig({
      ...process.env,
      NODE_ENV: 'test',
      CRM_DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-rls-')),
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '4' : '1',
    });
    app = await NestFactory.createApplicationContext(
      AppModule.forRoot(config, process.env['E2E_DATABASE_URL'] as string),
      { logger: ['error'] },
    );
    tenantDb = app.get(TenantDatabase);
    plain = app.get(DataSource);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  const TABLES = ['clients', 'sales', 'sale_items', 'notes', 'interactions', 'exchange_rates', 'api_keys'];

  it.each(TABLES)('an unfiltered SELECT on %s returns only the current company’s rows', async (table) => {
    const counts = await ownerCounts(table);
    expect(counts.get(a.companyId)).toBeGreaterThan(0);
    expect(counts.get(b.companyId)).toBeGreaterThan(0);
    for (const [scope, company] of [
      [scopeA, a.companyId],
      [scopeB, b.companyId],
    ] as const) {
      const rows: { company_id: string }[] = await tenantDb.run(scope, (m) =>
        m.query(`SELECT company_id FROM ${table}`),
      );
      expect(rows.length).toBe(counts.get(company));
      expect(new Set(rows.map((r) => r.company_id))).toEqual(new Set([company]));
    }
  });

  /**
   * Under the policies only leakproof conditions become index conditions (ADR 0001): the export's
   * keyset pages and the activity filter name stored keys (text, float8), so a page deep in a big
   * export is an index range, not a scan of the company from its start with a filter. The page
   * queries are the export's own (pages of one row, so the second page carries the keyset bound),
   * explained in a tenant transaction of the company.
   */
  it('keeps the export’s keyset bounds and the activity filter index conditions under the policies', async () => {
    const captured: { text: string; params: unknown[] }[] = [];
    const capturing = {
      run: (s: CompanyScope, work: (m: EntityManager) => Promise<unknown>) =>
        tenantDb.run(s, (m) =>
          work(
            new Proxy(m, {
              get: (target, key) =>
                key === 'query'
                  ? (text: string, params: unknown[]) => {
                      captured.push({ text, params });
                      return target.query(text, params);
                    }
                  : Reflect.get(target, key),
            }),
          ),
        ),
    } as unknown as TenantDatabase;
    const indexConditions = async (text: string, params: unknown[]) => {
      const plan: { 'QUERY PLAN': string }[] = await tenantDb.run(scopeA, async (m) => {
        // The rows are few; the plan the policies allow is what is asked, not the cheapest here.
        await m.query(`SET LOCAL enable_seqscan = off`);
        await m.query(`SET LOCAL enable_sort = off`);
        return m.query(`EXPLAIN ${text}`, params);
      });
      return plan
        .map((row) => row['QUERY PLAN'])
        .filter((line) => /Index Cond/.test(line))
        .join('\n');
    };
    const secondPage = async (pages: AsyncGenerator<{ id: string }[]>, table: string) => {
      captured.length = 0;
      const ids: string[] = [];
      for await (const page of pages) ids.push(...page.map((row) => row.id));
      const queries = captured.filter((c) => c.text.includes(`FROM ${table}`));
      expect(queries.length).toBeGreaterThanOrEqual(2);
      return { ids, second: queries[1] };
    };

    for (const [sort, key] of [
      ['name', 'name_key'],
      ['-email', 'email_key'],
    ] as const) {
      const { ids, second } = await secondPage(clientPages(capturing, scopeA, { sort }, 1), 'clients c');
      expect(ids).toHaveLength((await ownerCounts('clients')).get(a.companyId) as number);
      expect(await indexConditions(second.text, second.params)).toContain(`ROW(${key}, id)`);
    }
    for (const sort of ['amount', '-amount']) {
      const { ids, second } = await secondPage(salePages(capturing, scopeA, { sort }, 1), 'sale_base_amounts b');
      const list = await api().get(`/api/companies/${a.companyId}/sales?sort=${sort}`).set(a.auth).expect(200);
      expect(ids).toEqual(list.body.items.map((sale: { id: string }) => sale.id));
      expect(await indexConditions(second.text, second.params)).toMatch(/base_amount_order [<>]=/);
    }
    // The clients list's count under the activity filter (case-insensitive: «retail» finds «Retail»).
    const p = new SqlParams();
    const filtered = `SELECT count(*)::int AS n FROM clients c WHERE ${clientFilters(scopeA, { activity: 'retail' }, p).join(' AND ')}`;
    expect(await tenantDb.run(scopeA, (m) => m.query(filtered, p.values))).toEqual([{ n: 1 }]);
    expect(await indexConditions(filtered, p.values)).toMatch(/activity_key = /);
  });

  it('an unfiltered UPDATE changes only the current company’s rows', async () => {
    const before = await ownerCounts('clients');
    const updated: { company_id: string }[] = await tenantDb.run(scope(a), async (m) => {
      const [rows] = await m.query(`UPDATE clients SET activity = 'touched by A' RETURNING company_id`);
      return rows;
    });
    expect(updated).toHaveLength(before.get(a.companyId) as number);
    expect(new Set(updated.map((r) => r.company_id))).toEqual(new Set([a.companyId]));
    const [{ n }] = await plain.query(
      `SELECT count(*)::int AS n FROM clients WHERE company_id = $1 AND activity = 'touched by A'`,
      [b.companyId],
    );
    expect(n).toBe(0);
  });

  it('an unfiltered DELETE removes only the current company’s rows', async () => {
    for (const table of ['notes', 'interactions', 'sale_items', 'sales']) {
      const before = await ownerCounts(table);
      const deleted = await rolledBack(scopeA, async (m) => {
        const [rows] = await m.query(`DELETE FROM ${table} RETURNING company_id`);
        return rows as { company_id: string }[];
      });
      expect(deleted).toHaveLength(before.get(a.companyId) as number);
      expect(new Set(deleted.map((r) => r.company_id))).toEqual(new Set([a.companyId]));
      // B's rows were never touched, and A's are back after the rollback.
      expect(await ownerCounts(table)).toEqual(before);
    }
    // Committed: B keeps every row.
    const before = await ownerCounts('notes');
    await tenantDb.run(scopeA, (m) => m.query(`DELETE FROM notes`));
    const after = await ownerCounts('notes');
    expect(after.get(a.companyId)).toBeUndefined();
    expect(after.get(b.companyId)).toBe(before.get(b.companyId));
  });

  it('refuses to store a row of another company, by INSERT or by UPDATE', async () => {
    await expect(
      tenantDb.run(scopeA, (m) =>
        m.query(`INSERT INTO clients (company_id, external_id, name) VALUES ($1, $2, 'planted')`, [
          b.companyId,
          `planted-${randomUUID()}`,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      tenantDb.run(scopeA, (m) => m.query(`UPDATE clients SET company_id = $1`, [b.companyId])),
    ).rejects.toThrow(/row-level security/);
    const [{ n }] = await plain.query(`SELECT count(*)::int AS n FROM clients WHERE name = 'planted'`);
    expect(n).toBe(0);
  });

  it('sees and writes nothing in a tenant transaction that names no company', async () => {
    await plain.transaction(async (m) => {
      await m.query(`SELECT set_config('role', $1, true)`, [TENANT_ROLE]);
      for (const table of [...TABLES, 'companies', 'company_accounts', 'users']) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n }).toEqual({ table, n: 0 });
      }
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM clients`);
      expect(n).toBe(0);
    });
    await expect(
      plain.transaction(async (m) => {
        await m.query(`SELECT set_config('role', $1, true)`, [TENANT_ROLE]);
        await m.query(`INSERT INTO clients (company_id, name) VALUES ($1, 'nobody')`, [a.companyId]);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows the company its own row and its members’ public fields only', async () => {
    const companies: { id: string }[] = await tenantDb.run(scopeA, (m) => m.query(`SELECT id FROM companies`));
    expect(companies.map((c) => c.id)).toEqual([a.companyId]);
    const users: { id: string }[] = await tenantDb.run(scopeA, (m) => m.query(`SELECT id, login FROM users`));
    expect(users.map((u) => u.id)).toEqual([a.id]);
    await expect(tenantDb.run(scopeA, (m) => m.query(`SELECT password_hash FROM users`))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('runs as a role that cannot bypass the policies', async () => {
    const [role] = await tenantDb.run(scopeA, (m) =>
      m.query(
        `SELECT current_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass
           FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ user: TENANT_ROLE, super: false, bypass: false });
    const owned: { table: string }[] = await plain.query(
      `SELECT c.relname AS "table" FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
        WHERE c.relnamespace = current_schema()::regnamespace AND r.rolname = $1`,
      [TENANT_ROLE],
    );
    expect(owned).toEqual([]);
  });

  it('covers every table with a company_id: row-level security on, a tenant policy and the grants', async () => {
    const tables: {
      table: string;
      rls: boolean;
      policy: boolean;
      select: boolean;
      insert: boolean;
      update: boolean;
      delete: boolean;
    }[] = await plain.query(
      `SELECT t.table_name AS "table", c.relrowsecurity AS rls,
              EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = t.table_schema AND p.tablename = t.table_name
                        AND p.policyname = 'tenant' AND p.cmd = 'ALL'
                        AND p.qual LIKE '%company_id%app.company_id%' AND p.with_check LIKE '%company_id%app.company_id%') AS policy,
              has_table_privilege($1, c.oid, 'SELECT') AS select, has_table_privilege($1, c.oid, 'INSERT') AS insert,
              has_table_privilege($1, c.oid, 'UPDATE') AS update, has_table_privilege($1, c.oid, 'DELETE') AS delete
         FROM information_schema.tables t
         JOIN information_schema.columns col USING (table_schema, table_name)
         JOIN pg_class c ON c.relname = t.table_name AND c.relnamespace = t.table_schema::regnamespace
        WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND col.column_name = 'company_id'
        ORDER BY 1`,
      [TENANT_ROLE],
    );
    expect(tables.length).toBeGreaterThanOrEqual(TABLES.length);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(TABLES));
    for (const t of tables) {
      expect(t).toEqual({
        table: t.table,
        rls: true,
        policy: true,
        select: true,
        insert: true,
        update: true,
        delete: true,
      });
    }
  });

  function scope(user: TestUser): CompanyScope {
    return { companyId: user.companyId };
  }
});
