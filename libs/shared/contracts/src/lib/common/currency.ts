/**
 * ISO 4217 currency codes in circulation with their minor units (digits after the decimal point).
 * Money in the API has exactly this many fractional digits; requests with more are refused.
 * Precious metals, testing and special drawing codes (XAU, XTS, XDR, ...) have no minor unit and
 * are not accepted as a currency of a sale.
 */
const ZERO_DIGITS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DIGITS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DIGITS = 'CLF UYW';
const TWO_DIGITS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
  'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
  'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL ' +
  'THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL';

const table = (codes: string, digits: number): [string, number][] => codes.split(' ').map((code) => [code, digits]);

/** Minor-unit digits by ISO 4217 code. */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries([
    ...table(TWO_DIGITS, 2),
    ...table(ZERO_DIGITS, 0),
    ...table(THREE_DIGITS, 3),
    ...table(FOUR_DIGITS, 4),
  ]),
);

/** Every accepted currency code, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze(Object.keys(CURRENCY_MINOR_UNITS).sort());

/** True for an upper-case ISO 4217 code in circulation (`RUB`, `USD`, ...). */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_UNITS, value);
}

/** The currency's minor-unit digits; 2 for a code this table does not know. */
export function minorUnits(currency: string): number {
  return CURRENCY_MINOR_UNITS[currency] ?? 2;
}
