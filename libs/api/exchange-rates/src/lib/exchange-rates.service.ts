import { Injectable, NotFoundException } from '@nestjs/common';
import { type CompanyScope, queryRows, TenantDatabase } from '@crm/api/core';
import { coded, type ExchangeRatesResponse, type PutExchangeRatesDto, toDecimalString } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The company's exchange rates: units of its base currency per 1 unit of a currency, each in force
 * from `validFrom` until the next rate of that currency. Rates are exact decimals. Read and written
 * in tenant transactions of the company.
 */
@Injectable()
export class ExchangeRatesService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  /** Every rate, by currency then validFrom, with the base currency they convert to. */
  async get(scope: CompanyScope, m?: EntityManager): Promise<ExchangeRatesResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, tx));
    const [company] = await queryRows<{ baseCurrency: string }>(
      m,
      `SELECT base_currency AS "baseCurrency" FROM companies WHERE id = $1`,
      [scope.companyId],
    );
    if (!company) throw new NotFoundException(coded('company_not_found', 'Company not found'));
    const rates = await queryRows<{ currency: string; rate: string; validFrom: string }>(
      m,
      `SELECT currency, trim_scale(rate)::text AS rate, valid_from::text AS "validFrom"
         FROM exchange_rates WHERE company_id = $1 ORDER BY currency, valid_from`,
      [scope.companyId],
    );
    return { baseCurrency: company.baseCurrency, rates };
  }

  /** Adds or replaces rates by (currency, validFrom) in one statement; the others stay. */
  async put(scope: CompanyScope, dto: PutExchangeRatesDto): Promise<ExchangeRatesResponse> {
    // The last of several rates for the same (currency, validFrom) in one request wins.
    const unique = new Map(dto.rates.map((r) => [`${r.currency}:${r.validFrom}`, r]));
    const rates = [...unique.values()];
    return this.tenantDb.run(scope, async (m) => {
      if (rates.length > 0) {
        await m.query(
          `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
           SELECT $1::uuid, * FROM unnest($2::text[], $3::date[], $4::numeric[]) ORDER BY 1, 2, 3
           ON CONFLICT (company_id, currency, valid_from) DO UPDATE SET rate = EXCLUDED.rate, updated_at = now()
            WHERE exchange_rates.rate IS DISTINCT FROM EXCLUDED.rate`,
          [
            scope.companyId,
            rates.map((r) => r.currency),
            rates.map((r) => r.validFrom),
            rates.map((r) => toDecimalString(r.rate)),
          ],
        );
      }
      return this.get(scope, m);
    });
  }
}
