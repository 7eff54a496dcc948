import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The amount of every sale in its company's base currency, stored and indexed, so that the sales
 * list and export sorted by amount read a page from an index instead of converting every sale.
 *
 * The value is analytics' conversion into the base currency, exactly: `amount` when the sale is in
 * the base currency, else `amount × rate` with the company's rate of the sale's currency in force on
 * the sale's local day (the latest `valid_from` on or before it, in the company's time zone); NULL
 * when no rate is in force yet (those sales sort last). Exact `numeric`, never rounded.
 *
 * It lives in its own table, not on `sales`: refreshing it after a rate change must not move the
 * sales in the integration feed (`change_xid`), touch `updated_at`, log analytics changes or lock
 * sale rows. Triggers keep it exact whoever writes:
 * - sales inserted or updated (amount, currency, sold_at): their rows, set-based per statement;
 *   deleted sales take their row with them (foreign key);
 * - a rate added, changed or removed: the sales of that currency whose day falls in the period the
 *   rate governs (from its `valid_from` to the next rate's);
 * - a company's base currency or time zone changed: every sale of the company.
 * The rate and company triggers take the company's write lock exclusively (the one sale writers take
 * shared, `lockCompanyWrites`), so a sale written concurrently never keeps a value computed with
 * rates or settings that changed under it.
 */
export class SaleBaseAmounts1764470000000 implements MigrationInterface {
  name = 'SaleBaseAmounts1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sale_base_amounts (
        company_id uuid NOT NULL,
        sale_id uuid NOT NULL,
        base_amount numeric,
        PRIMARY KEY (company_id, sale_id),
        FOREIGN KEY (company_id, sale_id) REFERENCES sales (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      INSERT INTO sale_base_amounts (company_id, sale_id, base_amount)
      SELECT s.company_id, s.id, ${BASE_AMOUNT('s')} FROM sales s JOIN companies co ON co.id = s.company_id
      ORDER BY 1, 2`);
    // Both directions: forward for ascending (NULLs last), backward for descending, which reads the
    // rows with an amount and then, by `base_amount IS NULL`, those without (see the sales list).
    await q.query(`CREATE INDEX sale_base_amounts_order_idx ON sale_base_amounts (company_id, base_amount, sale_id)`);

    await q.query(`
      CREATE FUNCTION sale_base_amounts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO sale_base_amounts (company_id, sale_id, base_amount)
        SELECT n.company_id, n.id, ${BASE_AMOUNT('n')} FROM new_rows n JOIN companies co ON co.id = n.company_id;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION sale_base_amounts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sale_base_amounts b SET base_amount = v.value
        FROM (
          SELECT n.company_id, n.id, ${BASE_AMOUNT('n')} AS value
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN companies co ON co.id = n.company_id
          WHERE (o.amount, o.currency, o.sold_at) IS DISTINCT FROM (n.amount, n.currency, n.sold_at)
        ) v
        WHERE b.company_id = v.company_id AND b.sale_id = v.id AND b.base_amount IS DISTINCT FROM v.value;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER sales_base_amount_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION sale_base_amounts_inserted()`);
    await q.query(`
      CREATE TRIGGER sales_base_amount_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION sale_base_amounts_updated()`);

    // The sales of (company, currency) whose local day is on or after `from_day` and before the next
    // rate's (none: no end), found through sales_company_currency_idx with a day's margin each side
    // (recomputing a sale the rate does not govern leaves it unchanged); `cur` NULL: every sale.
    await q.query(`
      CREATE FUNCTION sale_base_amounts_refresh(target uuid, cur char(3), from_day date)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
        to_day date;
      BEGIN
        -- Serialised with the company's sale writers (lockCompanyWrites takes it shared).
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.company-writes:' || target::text, 0));
        SELECT time_zone INTO tz FROM companies WHERE id = target;
        IF tz IS NULL THEN RETURN; END IF; -- the company is being deleted
        IF cur IS NULL THEN
          UPDATE sale_base_amounts b SET base_amount = v.value
          FROM (SELECT s.id, ${BASE_AMOUNT('s')} AS value FROM sales s JOIN companies co ON co.id = s.company_id
                WHERE s.company_id = target) v
          WHERE b.company_id = target AND b.sale_id = v.id AND b.base_amount IS DISTINCT FROM v.value;
          RETURN;
        END IF;
        SELECT min(e.valid_from) INTO to_day FROM exchange_rates e
        WHERE e.company_id = target AND e.currency = cur AND e.valid_from > from_day;
        UPDATE sale_base_amounts b SET base_amount = v.value
        FROM (SELECT s.id, ${BASE_AMOUNT('s')} AS value FROM sales s JOIN companies co ON co.id = s.company_id
              WHERE s.company_id = target AND s.currency = cur
                AND s.sold_at >= ((from_day - 1)::timestamp AT TIME ZONE tz)
                AND s.sold_at < (coalesce(to_day + 1, 'infinity'::date)::timestamp AT TIME ZONE tz)) v
        WHERE b.company_id = target AND b.sale_id = v.id AND b.base_amount IS DISTINCT FROM v.value;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION sale_base_amounts_rate_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM sale_base_amounts_refresh(OLD.company_id, OLD.currency, OLD.valid_from); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM sale_base_amounts_refresh(NEW.company_id, NEW.currency, NEW.valid_from); END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER exchange_rates_base_amounts AFTER INSERT OR UPDATE OR DELETE ON exchange_rates
      FOR EACH ROW EXECUTE FUNCTION sale_base_amounts_rate_changed()`);
    await q.query(`
      CREATE FUNCTION sale_base_amounts_company_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM sale_base_amounts_refresh(NEW.id, NULL, NULL);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER companies_base_amounts AFTER UPDATE OF base_currency, time_zone ON companies FOR EACH ROW
      WHEN (OLD.base_currency IS DISTINCT FROM NEW.base_currency OR OLD.time_zone IS DISTINCT FROM NEW.time_zone)
      EXECUTE FUNCTION sale_base_amounts_company_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER companies_base_amounts ON companies`);
    await q.query(`DROP TRIGGER exchange_rates_base_amounts ON exchange_rates`);
    await q.query(`DROP TRIGGER sales_base_amount_update ON sales`);
    await q.query(`DROP TRIGGER sales_base_amount_insert ON sales`);
    await q.query(`DROP FUNCTION sale_base_amounts_company_changed()`);
    await q.query(`DROP FUNCTION sale_base_amounts_rate_changed()`);
    await q.query(`DROP FUNCTION sale_base_amounts_refresh(uuid, char, date)`);
    await q.query(`DROP FUNCTION sale_base_amounts_updated()`);
    await q.query(`DROP FUNCTION sale_base_amounts_inserted()`);
    await q.query(`DROP TABLE sale_base_amounts`);
  }
}

/**
 * The base-currency amount of the sale row `s`, with its company joined as `co` (base currency
 * and time zone): analytics' conversion into the base currency (`amount · rc`, see conversion.ts).
 */
const BASE_AMOUNT = (s: string) => `CASE WHEN ${s}.currency = co.base_currency THEN ${s}.amount
  ELSE ${s}.amount * (SELECT e.rate FROM exchange_rates e
    WHERE e.company_id = ${s}.company_id AND e.currency = ${s}.currency
      AND e.valid_from <= (${s}.sold_at AT TIME ZONE co.time_zone)::date
    ORDER BY e.valid_from DESC LIMIT 1) END`;
