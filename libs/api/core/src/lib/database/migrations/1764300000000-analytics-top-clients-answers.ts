import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps the answers of `analytics/top-clients` for the periods people ask again (a dashboard's
 * last 30 days, a report's month), exactly true until the data under them changes (ADR 0003,
 * "Top clients: kept answers").
 *
 * `analytics_top_clients` holds, per company, currency and period, the ranked clients with their
 * exact revenue, `depth` deep (fewer rows than `depth` means every client with revenue).
 * `analytics_answer_versions` counts, per company, the folds applied (`folds`) and the changes of
 * what converts and places revenue (`settings`: exchange rates, base currency, time zone, rebuilds).
 *
 * An answer stops being true in two ways, and each is handled where it happens:
 * - A fold changes paid sales on a day of its period: the fold deletes it, in its own transaction,
 *   while holding the company's fold lock. An answer is stored only under that lock taken shared,
 *   and only if `folds` is still the value the computing snapshot saw — so an answer computed
 *   before a fold committed is never stored after it (see `TopClientsAnswers`).
 * - Rates, base currency or time zone change: `settings` is bumped in the same transaction, and a
 *   stored answer is read only while its `settings_version` equals the one the reader's snapshot
 *   sees. No lock is needed: the reader's snapshot has either both the new settings and the new
 *   version, or neither.
 */
const RATE_EVENTS = [
  ['INSERT', 'NEW TABLE AS new_rows'],
  ['UPDATE', 'NEW TABLE AS new_rows'],
  ['DELETE', 'OLD TABLE AS old_rows'],
] as const;

export class AnalyticsTopClientsAnswers1764300000000 implements MigrationInterface {
  name = 'AnalyticsTopClientsAnswers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_answer_versions (
        company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
        folds bigint NOT NULL DEFAULT 0,
        settings bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE analytics_top_clients (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        from_day date NOT NULL,
        to_day date NOT NULL,
        depth int NOT NULL CHECK (depth > 0),
        clients jsonb NOT NULL,
        settings_version bigint NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (company_id, currency, from_day, to_day)
      )`);

    // The folds: applying sales changes also forgets the answers of the periods they touch.
    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes_to_rollups`,
    );
    await q.query(`
      CREATE FUNCTION analytics_apply_sale_changes(changes analytics_sale_change[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes_to_rollups(changes);
        INSERT INTO analytics_answer_versions AS v (company_id, folds)
        SELECT DISTINCT c.company_id, 1 FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
        ON CONFLICT (company_id) DO UPDATE SET folds = v.folds + 1;
        DELETE FROM analytics_top_clients t
        USING (
          SELECT DISTINCT c.company_id, (c.sold_at AT TIME ZONE co.time_zone)::date AS day
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          WHERE c.status = 'paid'
        ) d
        WHERE t.company_id = d.company_id AND d.day BETWEEN t.from_day AND t.to_day;
      END
      $$`);

    // Rebuilds (time-zone change, repair, bulk loads) and what converts revenue: settings.
    await q.query(`
      CREATE FUNCTION analytics_settings_changed(target uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO analytics_answer_versions AS v (company_id, settings)
        SELECT id, 1 FROM companies WHERE id = target
        ON CONFLICT (company_id) DO UPDATE SET settings = v.settings + 1
      $$`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company(uuid) RENAME TO analytics_rebuild_company_rollups`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_company_rollups(target);
        PERFORM analytics_settings_changed(target);
        DELETE FROM analytics_top_clients WHERE company_id = target;
      END
      $$`);
    // Transition tables allow one event per trigger: one trigger per event, one function for all.
    await q.query(`
      CREATE FUNCTION analytics_exchange_rates_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM analytics_settings_changed(id) FROM (SELECT DISTINCT company_id AS id FROM old_rows) c;
        ELSE
          PERFORM analytics_settings_changed(id) FROM (SELECT DISTINCT company_id AS id FROM new_rows) c;
        END IF;
        RETURN NULL;
      END
      $$`);
    for (const [event, tables] of RATE_EVENTS) {
      await q.query(`
        CREATE TRIGGER exchange_rates_analytics_${event.toLowerCase()} AFTER ${event} ON exchange_rates
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION analytics_exchange_rates_changed()`);
    }
    await q.query(`
      CREATE FUNCTION analytics_company_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_settings_changed(NEW.id);
        RETURN NULL;
      END
      $$`);
    // A time-zone change rebuilds the rollups (trigger `companies_analytics_time_zone`), which bumps it already.
    await q.query(`
      CREATE TRIGGER companies_analytics_settings AFTER UPDATE OF base_currency ON companies
      FOR EACH ROW WHEN (OLD.base_currency IS DISTINCT FROM NEW.base_currency)
      EXECUTE FUNCTION analytics_company_settings_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER companies_analytics_settings ON companies`);
    await q.query(`DROP FUNCTION analytics_company_settings_changed()`);
    for (const [event] of RATE_EVENTS) {
      await q.query(`DROP TRIGGER exchange_rates_analytics_${event.toLowerCase()} ON exchange_rates`);
    }
    await q.query(`DROP FUNCTION analytics_exchange_rates_changed()`);
    await q.query(`DROP FUNCTION analytics_rebuild_company(uuid)`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company_rollups(uuid) RENAME TO analytics_rebuild_company`);
    await q.query(`DROP FUNCTION analytics_apply_sale_changes(analytics_sale_change[])`);
    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes_to_rollups(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes`,
    );
    await q.query(`DROP TABLE analytics_top_clients`);
    await q.query(`DROP TABLE analytics_answer_versions`);
    await q.query(`DROP FUNCTION analytics_settings_changed(uuid)`);
  }
}
