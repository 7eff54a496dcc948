/**
 * Generates one company's clients, sales (with items) and daily exchange rates directly in the
 * database with `INSERT … SELECT generate_series` — no row goes through Node.
 */
import type { DataSource, QueryRunner } from 'typeorm';

export interface GenerateOptions {
  sales: number;
  clients: number;
  /** Days of history ending yesterday (company time zone). */
  days: number;
  /** Lines per sale (0 = no sale_items). */
  itemsPerSale: number;
  timeZone: string;
  /**
   * Exchange rates of USD and EUR: one per day (the default), one per month, one each long before
   * the history (2000-01-01), or none (their sales then cannot be converted and are warned about).
   */
  rates?: RateLayout;
}

export type RateLayout = 'daily' | 'monthly' | 'one-long-before' | 'none';

export interface GeneratedCompany {
  companyId: string;
  /** First and last local day with sales. */
  firstDay: string;
  lastDay: string;
}

/**
 * Sales: 80% RUB, 12% USD, 8% EUR; 85% paid, 7% pending, 5% cancelled, 3% refunded; buyers skewed
 * (a few clients buy much more often); amounts log-uniform. USD and EUR get one rate per day.
 */
export async function generateCompany(
  dataSource: DataSource,
  name: string,
  o: GenerateOptions,
): Promise<GeneratedCompany> {
  const ds = dataSource.createQueryRunner();
  await ds.connect();
  try {
    // Bulk load: foreign-key checks and the analytics triggers are skipped; the caller rebuilds the rollups.
    await ds.query(`SET session_replication_role = replica`);
    return await load(ds, name, o);
  } finally {
    await ds.query(`RESET session_replication_role`);
    await ds.release();
  }
}

async function load(ds: QueryRunner, name: string, o: GenerateOptions): Promise<GeneratedCompany> {
  const [{ id: companyId }] = (await ds.query(
    `INSERT INTO companies (name, base_currency, time_zone) VALUES ($1, 'RUB', $2) RETURNING id`,
    [name, o.timeZone],
  )) as { id: string }[];
  const [{ first_day: firstDay, last_day: lastDay }] = (await ds.query(
    `SELECT ((now() AT TIME ZONE $1)::date - $2::int)::text AS first_day, ((now() AT TIME ZONE $1)::date - 1)::text AS last_day`,
    [o.timeZone, o.days],
  )) as { first_day: string; last_day: string }[];

  await ds.query(
    `INSERT INTO clients (company_id, external_id, name, email)
     SELECT $1, 'c' || i, 'Клиент ' || i, 'client' || i || '@example.com' FROM generate_series(1, $2::int) AS i`,
    [companyId, o.clients],
  );
  // Client ids in a dense array, so a sale picks its buyer by index.
  await ds.query(`DROP TABLE IF EXISTS bench_client_ids`);
  await ds.query(
    `CREATE UNLOGGED TABLE bench_client_ids AS
     SELECT row_number() OVER (ORDER BY id) AS n, id FROM clients WHERE company_id = $1`,
    [companyId],
  );
  await ds.query(`ALTER TABLE bench_client_ids ADD PRIMARY KEY (n)`);

  const layout = o.rates ?? 'daily';
  if (layout !== 'none') {
    const days =
      layout === 'one-long-before'
        ? `SELECT '2000-01-01'::timestamp AS d`
        : `SELECT generate_series(${layout === 'monthly' ? `date_trunc('month', $2::date - 1)` : '$2::date - 1'}, $3::date,
             interval '1 ${layout === 'monthly' ? 'month' : 'day'}') AS d`;
    await ds.query(
      `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
       SELECT $1, c.currency, d::date, round((c.base * (1 + 0.1 * sin(extract(epoch FROM d) / 8640000.0)))::numeric, 4)
       FROM (${days}) AS days, (VALUES ('USD', 90.0), ('EUR', 98.0)) AS c (currency, base)`,
      layout === 'one-long-before' ? [companyId] : [companyId, firstDay, lastDay],
    );
  }

  await ds.query(
    `INSERT INTO sales (company_id, client_id, external_id, amount, currency, sold_at, status)
     SELECT $1, c.id, 's' || g.i,
            round((exp(4 + 5 * g.r_amount) / CASE g.cur WHEN 'RUB' THEN 1 ELSE 90 END)::numeric, 2),
            g.cur,
            ($2::date)::timestamp AT TIME ZONE $5 + g.r_time * ($6::int * interval '1 day'),
            g.status
     FROM (
       SELECT i, random() AS r_amount, random() AS r_time,
              1 + floor($4::int * power(random(), 1.6))::int AS client_n,
              CASE WHEN u < 0.80 THEN 'RUB' WHEN u < 0.92 THEN 'USD' ELSE 'EUR' END AS cur,
              CASE WHEN v < 0.85 THEN 'paid' WHEN v < 0.92 THEN 'pending' WHEN v < 0.97 THEN 'cancelled' ELSE 'refunded' END AS status
       FROM (SELECT i, random() AS u, random() AS v FROM generate_series(1, $3::int) AS i) AS s
     ) AS g
     JOIN bench_client_ids c ON c.n = g.client_n`,
    [companyId, firstDay, o.sales, o.clients, o.timeZone, o.days],
  );
  if (o.itemsPerSale > 0) {
    await ds.query(
      `INSERT INTO sale_items (sale_id, position, company_id, sku, name, quantity, unit_price)
       SELECT s.id, p, s.company_id, 'SKU-' || k, 'Товар ' || k, 1 + (k % 3), round(s.amount / (1 + (k % 3)) / $2, 2)
       FROM sales s, generate_series(0, $2::int - 1) AS p,
            -- Naming s and p makes it a draw per item (an uncorrelated subquery runs once: every item
            -- was one product).
            LATERAL (SELECT 1 + floor(200 * power(random(), 2))::int + 0 * p + 0 * length(s.external_id) AS k) AS product
       WHERE s.company_id = $1`,
      [companyId, o.itemsPerSale],
    );
  }
  await ds.query(`DROP TABLE bench_client_ids`);
  return { companyId, firstDay, lastDay };
}
