import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clients ranked by paid amount per calendar month, quarter and year, so that top clients can be
 * answered from the heads of a few ranked lists instead of every client of the period.
 *
 * `analytics_client_periods` (company × span × period start × currency × client, paid sales only,
 * amounts in the sale currency): the sums of `analytics_client_daily` over the company's local
 * calendar months (span 1), quarters (3) and years (12), with an index that lists a period's clients
 * by amount. It is kept by statement-level triggers on `analytics_client_daily` itself (whatever
 * writes the client-days — the fold of pending changes, a rebuild — moves the periods with it), so
 * it is always complete: a client missing from a list's first K entries has at most the K-th amount.
 *
 * Top clients of a period that lies within two consecutive such periods (a month for up to 31
 * days, ...) read the first K clients of each list, sum them exactly, and answer when the
 * limit-th of them beats every client left unread — at most the sum of the lists' K-th amounts
 * at the period's highest rates (`RollupSource.topClients`).
 */
export class AnalyticsClientPeriods1764200000001 implements MigrationInterface {
  name = 'AnalyticsClientPeriods1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_client_periods (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        span smallint NOT NULL CHECK (span IN (1, 3, 12)),
        period_start date NOT NULL,
        currency char(3) NOT NULL,
        client_id uuid NOT NULL,
        sales bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, span, period_start, currency, client_id)
      )`);
    await q.query(`
      CREATE INDEX analytics_client_periods_rank_idx
        ON analytics_client_periods (company_id, span, period_start, currency, amount DESC) INCLUDE (client_id)`);
    // One function for the three statement triggers, reading the transition tables the operation
    // has: set-based whatever the number of client-days (a rebuild moves all of a company's).
    await q.query(`
      CREATE FUNCTION analytics_client_daily_to_periods() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        added constant text := 'SELECT company_id, client_id, day, currency, sales, amount FROM new_rows';
        removed constant text := 'SELECT company_id, client_id, day, currency, -sales, -amount FROM old_rows';
        source text := CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed
                                  ELSE added || ' UNION ALL ' || removed END;
        periods constant text := $q$
          SELECT d.company_id, s.span,
                 (CASE s.span WHEN 1 THEN date_trunc('month', d.day)
                              WHEN 3 THEN date_trunc('quarter', d.day)
                              ELSE date_trunc('year', d.day) END)::date AS period_start,
                 d.currency, d.client_id, d.sales, d.amount
          FROM (%s) d (company_id, client_id, day, currency, sales, amount)
          -- A company being deleted is gone already (its client-days go by cascade): nothing to move.
          JOIN companies co ON co.id = d.company_id
          CROSS JOIN (VALUES (1::smallint), (3::smallint), (12::smallint)) s (span)$q$;
      BEGIN
        EXECUTE format($q$
          INSERT INTO analytics_client_periods AS r (company_id, span, period_start, currency, client_id, sales, amount)
          SELECT company_id, span, period_start, currency, client_id, sum(sales), sum(amount)
          FROM (%s) p GROUP BY 1, 2, 3, 4, 5 HAVING sum(sales) <> 0 OR sum(amount) <> 0
          ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (company_id, span, period_start, currency, client_id)
          DO UPDATE SET sales = r.sales + excluded.sales, amount = r.amount + excluded.amount$q$,
          format(periods, source));
        IF TG_OP <> 'INSERT' THEN
          -- Only removals can empty a period of a client.
          EXECUTE format($q$
            DELETE FROM analytics_client_periods r
            USING (SELECT DISTINCT company_id, span, period_start, currency, client_id FROM (%s) p) m
            WHERE r.company_id = m.company_id AND r.span = m.span AND r.period_start = m.period_start
              AND r.currency = m.currency AND r.client_id = m.client_id AND r.sales = 0$q$,
            format(periods, removed));
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER analytics_client_daily_insert AFTER INSERT ON analytics_client_daily
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_client_daily_to_periods()`);
    await q.query(`
      CREATE TRIGGER analytics_client_daily_update AFTER UPDATE ON analytics_client_daily
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_client_daily_to_periods()`);
    await q.query(`
      CREATE TRIGGER analytics_client_daily_delete AFTER DELETE ON analytics_client_daily
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_client_daily_to_periods()`);
    // The periods of the client-days already there.
    await q.query(`
      INSERT INTO analytics_client_periods (company_id, span, period_start, currency, client_id, sales, amount)
      SELECT d.company_id, s.span,
             (CASE s.span WHEN 1 THEN date_trunc('month', d.day)
                          WHEN 3 THEN date_trunc('quarter', d.day)
                          ELSE date_trunc('year', d.day) END)::date,
             d.currency, d.client_id, sum(d.sales), sum(d.amount)
      FROM analytics_client_daily d CROSS JOIN (VALUES (1::smallint), (3::smallint), (12::smallint)) s (span)
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.sales) <> 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER analytics_client_daily_delete ON analytics_client_daily`);
    await q.query(`DROP TRIGGER analytics_client_daily_update ON analytics_client_daily`);
    await q.query(`DROP TRIGGER analytics_client_daily_insert ON analytics_client_daily`);
    await q.query(`DROP FUNCTION analytics_client_daily_to_periods()`);
    await q.query(`DROP TABLE analytics_client_periods`);
  }
}
