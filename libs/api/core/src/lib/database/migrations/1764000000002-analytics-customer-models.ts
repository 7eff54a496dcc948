import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fitted customer models (BG/NBD + Gamma-Gamma) per company, currency and `asOf` day, so a restart
 * reuses the last fit instead of refitting before it can answer. `paid_sales` is the number of paid
 * sales when the models were fitted: the analytics refit in the background once it drifts by more
 * than 5% or the fit is a day old.
 */
export class AnalyticsCustomerModels1764000000002 implements MigrationInterface {
  name = 'AnalyticsCustomerModels1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_customer_models (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        as_of date NOT NULL,
        fitted_at timestamptz NOT NULL DEFAULT now(),
        paid_sales bigint NOT NULL,
        customers integer NOT NULL,
        status text NOT NULL CHECK (status IN ('fitted', 'no-purchases', 'no-repeat-purchases')),
        params jsonb NOT NULL,
        PRIMARY KEY (company_id, currency, as_of)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analytics_customer_models`);
  }
}
