import type { ExchangeRateResponse } from '@crm/shared/contracts';

/** At most 10 fractional digits and 12 integer digits, as the API accepts. */
const RATE_PATTERN = /^\d{1,12}(\.\d{1,10})?$/;

/** `92,5` or ` 92.50 ` → `"92.50"`; null when it is not a positive decimal the API accepts. */
export function normaliseRate(text: string): string | null {
  const value = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!RATE_PATTERN.test(value)) return null;
  return /[1-9]/.test(value) ? value : null;
}

/** The rates newest first within each currency, currencies in alphabetical order. */
export function sortRates(rates: readonly ExchangeRateResponse[]): ExchangeRateResponse[] {
  return [...rates].sort((a, b) =>
    a.currency === b.currency ? b.validFrom.localeCompare(a.validFrom) : a.currency.localeCompare(b.currency),
  );
}

/** The rate from the same day for the same currency, which saving would replace. */
export function sameDayRate(
  rates: readonly ExchangeRateResponse[],
  currency: string,
  validFrom: string,
): ExchangeRateResponse | null {
  return rates.find((rate) => rate.currency === currency.toUpperCase() && rate.validFrom === validFrom) ?? null;
}

/** Today's date (`YYYY-MM-DD`) in the browser's time zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
