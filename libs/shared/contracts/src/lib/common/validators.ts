import { isISO8601, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCurrencyCode, minorUnits } from './currency';
import { type DecimalParse, type DecimalRules, parseDecimal, parseMoney, toDecimalString } from './money';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Dates outside these years are almost certainly a unit or parsing error of the sender. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** True for an ISO 8601 timestamp with a time zone offset (`2026-11-20T10:15:00+03:00`, `...Z`). */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || !isISO8601(value, { strict: true })) return false;
  const year = new Date(value).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** True for an existing calendar date `YYYY-MM-DD`. */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** ISO 8601 timestamp with offset (Z or ±hh:mm). */
export function IsTimestamp(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimestamp',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isTimestamp(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be an ISO 8601 timestamp with an offset, e.g. 2026-11-20T10:15:00+03:00`,
      },
    });
}

/** A calendar date `YYYY-MM-DD`. */
export function IsDateOnly(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isDateOnly(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a date YYYY-MM-DD`,
      },
    });
}

/** An upper-case ISO 4217 code in circulation (see `CURRENCY_MINOR_UNITS`). */
export function IsCurrency(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCurrency',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be an upper-case ISO 4217 currency code, e.g. RUB`,
      },
    });
}

/**
 * Money: a decimal string or JSON number, not negative, with at most the minor-unit digits of the
 * currency in the sibling property `currency.property` (or a fixed `maxFractionDigits`). Without a
 * valid currency only the form is checked with 4 digits (the currency's own error says why).
 */
export function IsMoney(
  currency: { property: string } | { maxFractionDigits: number },
  rules: Omit<DecimalRules, 'maxFractionDigits' | 'unit'> = {},
  options?: ValidationOptions,
) {
  const check = (value: unknown, args: ValidationArguments): string | null => {
    let parsed: DecimalParse;
    if ('property' in currency) {
      const code = (args.object as Record<string, unknown>)[currency.property];
      parsed = isCurrencyCode(code)
        ? parseDecimal(value, { ...rules, maxFractionDigits: minorUnits(code), unit: `for ${code}` })
        : parseDecimal(value, { ...rules, maxFractionDigits: 4 });
    } else {
      parsed = parseDecimal(value, { ...rules, maxFractionDigits: currency.maxFractionDigits });
    }
    return parsed.ok ? null : parsed.error;
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMoney',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => (args ? check(value, args) === null : false),
        defaultMessage: (args?: ValidationArguments) =>
          args ? `${args.property} ${check(args.value, args) ?? 'is invalid'}` : 'invalid amount',
      },
    });
}

/**
 * On a list of sale items: every `unitPrice` has at most the minor-unit digits of the sibling
 * property `currencyProperty` (items cannot see their sale's currency themselves).
 */
export function ItemPricesFitCurrency(currencyProperty: string, options?: ValidationOptions) {
  const bad = (value: unknown, args: ValidationArguments): number => {
    const code = (args.object as Record<string, unknown>)[currencyProperty];
    if (!isCurrencyCode(code) || !Array.isArray(value)) return -1;
    return value.findIndex((item: unknown) => {
      const price = (item as { unitPrice?: unknown } | null)?.unitPrice;
      return (
        price !== undefined && toDecimalString(price) !== null && !parseMoney(price, code, { allowNegative: true }).ok
      );
    });
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'itemPricesFitCurrency',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => (args ? bad(value, args) < 0 : false),
        defaultMessage: (args?: ValidationArguments) => {
          const code = String((args?.object as Record<string, unknown> | undefined)?.[currencyProperty]);
          const index = args ? bad(args.value, args) : -1;
          return `${args?.property}.${index}.unitPrice must have at most ${minorUnits(code)} fractional digits for ${code}`;
        },
      },
    });
}

const freeFormJsonFields = new WeakMap<object, string[]>();

/**
 * The fields of `dto` (inherited ones included) that hold free-form JSON, i.e. carry
 * {@link IsJsonObject}. The API takes these out of class-transformer's hands: it rebuilds nested
 * objects key by key, dropping keys such as `prototype` or `toString` and failing on `constructor`,
 * which are ordinary keys in an integration's attributes.
 */
export function freeFormJsonFieldsOf(dto: abstract new () => unknown): string[] {
  const fields: string[] = [];
  for (let type: unknown = dto; typeof type === 'function'; type = Object.getPrototypeOf(type)) {
    fields.push(...(freeFormJsonFields.get(type) ?? []));
  }
  return [...new Set(fields)];
}

/**
 * A field the API passes on exactly as parsed, never rebuilt by class-transformer (see
 * {@link freeFormJsonFieldsOf}): free-form JSON, and the `items` of batches, which the services
 * validate item by item from what was sent.
 */
export function KeptAsSent() {
  return (object: object, propertyName: string) => {
    freeFormJsonFields.set(object.constructor, [...(freeFormJsonFields.get(object.constructor) ?? []), propertyName]);
  };
}

const itemByItemFields = new WeakMap<object, string[]>();

/**
 * The `items` of a batch: kept as sent ({@link KeptAsSent}) and checked item by item by the
 * service, so one bad item is a `failed` entry of the answer, never a 400 for the whole batch.
 */
export function ValidatedItemByItem() {
  return (object: object, propertyName: string) => {
    KeptAsSent()(object, propertyName);
    itemByItemFields.set(object.constructor, [...(itemByItemFields.get(object.constructor) ?? []), propertyName]);
  };
}

/** The fields of `dto` that carry {@link ValidatedItemByItem}. */
export function itemByItemFieldsOf(dto: abstract new () => unknown): string[] {
  const fields: string[] = [];
  for (let type: unknown = dto; typeof type === 'function'; type = Object.getPrototypeOf(type)) {
    fields.push(...(itemByItemFields.get(type) ?? []));
  }
  return [...new Set(fields)];
}

/** A JSON object (not an array or null) whose JSON text is at most `maxBytes` UTF-8 bytes. */
export function IsJsonObject(maxBytes: number, options?: ValidationOptions) {
  const check = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
    const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
    return bytes > maxBytes ? `must be at most ${maxBytes} bytes of JSON` : null;
  };
  return (object: object, propertyName: string) => {
    KeptAsSent()(object, propertyName);
    registerDecorator({
      name: 'isJsonObject',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${check(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}

/** Length in Unicode code points, as PostgreSQL's `char_length` counts (class-validator's `Length` does not). */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/**
 * A string of `min`..`max` characters counted as code points — what the database's length checks
 * count — so nothing that passes here can be refused by the database.
 */
export function IsText(min: number, max: number, options?: ValidationOptions) {
  const check = (value: unknown): string | null => {
    if (typeof value !== 'string') return 'must be a string';
    const length = codePointLength(value);
    if (length < min) return `must be longer than or equal to ${min} characters`;
    if (length > max) return `must be shorter than or equal to ${max} characters`;
    return null;
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isText',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${check(args?.value) ?? 'is invalid'}`,
      },
    });
}
