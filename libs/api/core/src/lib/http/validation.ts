import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { TransformerPackage } from '@nestjs/common/interfaces/external/transformer-package.interface';
import { type ErrorCode, freeFormJsonFieldsOf, type FieldError, itemByItemFieldsOf } from '@crm/shared/contracts';
import { instanceToPlain, plainToInstance, type ClassConstructor, type ClassTransformOptions } from 'class-transformer';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text';

/**
 * class-transformer's `plainToInstance`, except that free-form JSON fields (those validated with
 * `IsJsonObject`) are kept exactly as parsed: class-transformer would rebuild them key by key and
 * lose or choke on keys such as `prototype`, `toString` or `constructor`.
 */
export function plainToDto<T>(dto: ClassConstructor<T>, plain: unknown, options?: ClassTransformOptions): T {
  const fields = freeFormJsonFieldsOf(dto);
  if (fields.length === 0 || plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return plainToInstance(dto, plain, options) as T;
  }
  const source = plain as Record<string, unknown>;
  const rest = { ...source };
  for (const field of fields) delete rest[field];
  const instance = plainToInstance(dto, rest, options) as Record<string, unknown>;
  for (const field of fields) {
    if (Object.prototype.hasOwnProperty.call(source, field)) instance[field] = source[field];
  }
  return instance as T;
}

/** Flattens class-validator's tree into `[{field: 'items.3.amount', messages: [...]}]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints), codes: Object.keys(error.constraints) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Thrown for invalid input; the exception filter turns `details` into the contract's error shape. */
export class InvalidInputException extends BadRequestException {
  constructor(
    readonly details: FieldError[],
    message = 'Validation failed',
    readonly code: ErrorCode = 'validation_failed',
  ) {
    super(message);
  }
}

/** Free-form JSON taken out of a request body before Nest strips prototype-like keys from it. */
const setAside = new WeakMap<object, Record<string, unknown>>();

const transformer: TransformerPackage = {
  plainToInstance: (cls, plain, options) => {
    if (Array.isArray(plain)) return plain.map((item: unknown) => plainToDto(cls, item, options));
    const aside = plain !== null && typeof plain === 'object' ? setAside.get(plain) : undefined;
    return plainToDto(cls, aside ? { ...(plain as object), ...aside } : plain, options);
  },
  classToPlain: (object, options) => instanceToPlain(object, options),
};

/**
 * Nest's pipe deletes `__proto__`, `prototype` and `constructor` keys everywhere in a body before
 * transforming it. In free-form JSON fields (client attributes) those are data the integration
 * sent, stored as JSON text and never merged into objects, so they are kept as sent there, as the
 * batch endpoints keep them; everywhere else the pipe strips them as before.
 */
class CrmValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    refuseUnstorableText(value, metadata);
    const fields = metadata.metatype ? freeFormJsonFieldsOf(metadata.metatype as new () => unknown) : [];
    if (fields.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
      return super.transform(value, metadata);
    }
    const body = value as Record<string, unknown>;
    const aside: Record<string, unknown> = {};
    for (const field of fields) {
      if (Object.prototype.hasOwnProperty.call(body, field)) {
        aside[field] = body[field];
        delete body[field];
      }
    }
    setAside.set(body, aside);
    try {
      return await super.transform(body, metadata);
    } finally {
      setAside.delete(body);
    }
  }
}

/**
 * Text PostgreSQL cannot store as sent (NUL, unpaired surrogates) is a 400 in every body, query and
 * path parameter, before any route sees it: a NUL reaching a query fails it (500, or a dropped
 * connection once an export has started streaming).
 */
function refuseUnstorableText(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return;
  const path = findUnstorableText(withoutItemByItemFields(value, metadata), metadata.data ?? '');
  if (path !== null)
    throw new InvalidInputException([
      { field: path, messages: [`${path} ${UNSTORABLE_TEXT_MESSAGE}`], codes: ['isText'] },
    ]);
}

/** A batch's items are checked one by one by its service (a bad one is `failed`, not a 400). */
function withoutItemByItemFields(value: unknown, metadata: ArgumentMetadata): unknown {
  const fields = metadata.metatype ? itemByItemFieldsOf(metadata.metatype as new () => unknown) : [];
  if (fields.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of fields) delete rest[field];
  return rest;
}

/** The global pipe: strips nothing silently — unknown fields are a 400 — and converts query strings. */
export function createValidationPipe(): ValidationPipe {
  return new CrmValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    transformerPackage: transformer,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
