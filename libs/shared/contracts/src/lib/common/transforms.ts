import { plainToInstance, type TransformFnParams } from 'class-transformer';

/*
 * Request transforms built on `@Transform` only: class-transformer's `@Type` reads
 * `Reflect.getMetadata` when the class is defined, which the browser (which imports these
 * contracts for their constants and types) does not have.
 */

/** A query-string number: `"50"` → 50; anything else is left for the validators to refuse. */
export const toNumber = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** A query-string boolean: `"true"` / `"false"`; anything else is left for the validators. */
export const toBoolean = ({ value }: TransformFnParams): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The objects of a nested array as instances of `dto`, so `@ValidateNested` checks them. */
export const toInstances =
  <T>(dto: new () => T) =>
  ({ value }: TransformFnParams): unknown =>
    Array.isArray(value)
      ? value.map((item: unknown) =>
          item !== null && typeof item === 'object' && !Array.isArray(item) ? plainToInstance(dto, item) : item,
        )
      : value;
