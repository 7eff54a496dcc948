import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@crm/shared/contracts';

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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
