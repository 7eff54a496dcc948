import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { TransformerPackage } from '@nestjs/common/interfaces/external/transformer-package.interface';
import { freeFormJsonFieldsOf, type FieldError } from '@crm/shared/contracts';
import { instanceToPlain, plainToInstance, type ClassConstructor, type ClassTransformOptions } from 'class-transformer';

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

const transformer: TransformerPackage = {
  plainToInstance: (cls, plain, options) =>
    Array.isArray(plain) ? plain.map((item: unknown) => plainToDto(cls, item, options)) : plainToDto(cls, plain, options),
  classToPlain: (object, options) => instanceToPlain(object, options),
};

/** Flattens class-validator's tree into `[{field: 'items.3.amount', messages: [...]}]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Thrown for invalid input; the exception filter turns `details` into the contract's error shape. */
export class InvalidInputException extends BadRequestException {
  constructor(
    readonly details: FieldError[],
    message = 'Validation failed',
  ) {
    super(message);
  }
}

/** The global pipe: strips nothing silently — unknown fields are a 400 — and converts query strings. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    transformerPackage: transformer,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
