/**
 * Cell values as spreadsheets write them, made into what the API accepts: Russian and English
 * number formats, dates with or without time and offset, status and currency words.
 */
import { zonedLocalToIso } from '@crm/shared/contracts';

const SPACES = /[\s\u00a0\u202f']/g;

/**
 * `"1 234,50"` (Russian Excel), `"1,234.50"` and `"1234.5"` → `"1234.50"`-style decimal text. With both
 * marks the last one is the decimal mark; a single comma is a decimal comma; several commas are
 * thousands separators. Text that is not a number comes back unchanged, for validation to refuse.
 */
export function normalizeDecimal(text: string): string {
  let value = text.trim().replace(SPACES, '');
  const lastComma = value.lastIndexOf(',');
  const lastDot = value.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    value = lastComma > lastDot ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (lastComma >= 0) {
    value = value.indexOf(',') === lastComma ? value.replace(',', '.') : value.replace(/,/g, '');
  }
  return /^-?\d+(\.\d+)?$/.test(value) ? value : text.trim();
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const RUSSIAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const two = (value: string | undefined) => (value ?? '0').padStart(2, '0');

/**
 * ISO 8601 with an offset passes as it is; `YYYY-MM-DD[ HH:MM[:SS]]` and `DD.MM.YYYY[ H:MM[:SS]]`
 * are wall times in `timeZone`. Anything else comes back unchanged, for validation to refuse.
 */
export function normalizeTimestamp(text: string, timeZone: string): string {
  const value = text.trim();
  if (ISO_WITH_OFFSET.test(value)) return value;
  const iso = ISO_LOCAL.exec(value);
  const ru = iso ? null : RUSSIAN.exec(value);
  const parts = iso
    ? { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5], s: iso[6] }
    : ru
      ? { y: ru[3], mo: two(ru[2]), d: two(ru[1]), h: ru[4], mi: ru[5], s: ru[6] }
      : null;
  if (!parts) return value;
  const local = `${parts.y}-${parts.mo}-${parts.d} ${two(parts.h)}:${two(parts.mi)}:${two(parts.s)}`;
  const date = new Date(`${parts.y}-${parts.mo}-${parts.d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(parts.d)) return value;
  return zonedLocalToIso(local, timeZone);
}

const STATUS_WORDS: Record<string, string[]> = {
  paid: ['paid', 'оплачен', 'оплачено', 'оплачена', 'оплата'],
  pending: ['pending', 'ожидает', 'ожидает оплаты', 'в ожидании', 'не оплачен', 'не оплачено'],
  cancelled: ['cancelled', 'canceled', 'отменен', 'отменено', 'отменена', 'отмена'],
  refunded: ['refunded', 'возврат', 'возвращен', 'возвращено', 'возвращена'],
};
const STATUS_BY_WORD = new Map(
  Object.entries(STATUS_WORDS).flatMap(([status, words]) => words.map((w) => [w, status] as const)),
);

/** `"Оплачено"` → `paid`; unknown words come back lower-cased, for validation to refuse. */
export function normalizeStatus(text: string): string {
  const word = text.trim().toLowerCase().replace(/ё/g, 'е');
  return STATUS_BY_WORD.get(word) ?? word;
}

const CURRENCY_WORDS: Record<string, string> = {
  '₽': 'RUB',
  руб: 'RUB',
  'руб.': 'RUB',
  рубль: 'RUB',
  рублей: 'RUB',
  rur: 'RUB',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
};

/** `"руб."` → `RUB`, `"usd"` → `USD`. */
export function normalizeCurrency(text: string): string {
  const value = text.trim();
  return CURRENCY_WORDS[value.toLowerCase()] ?? value.toUpperCase();
}
