export class ExchangeRateResponse {
  /** @example "USD" */
  currency!: string;
  /** Exact decimal text, units of the base currency per 1 unit of `currency`. @example "92.5012" */
  rate!: string;
  /** @example "2026-01-01" */
  validFrom!: string;
}

export class ExchangeRatesResponse {
  /** The company's base currency the rates convert to. @example "RUB" */
  baseCurrency!: string;
  /** By currency, then validFrom. */
  rates!: ExchangeRateResponse[];
}
