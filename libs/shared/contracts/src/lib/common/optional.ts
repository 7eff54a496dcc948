import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A field that may be left out but has no "cleared" state. class-validator's `IsOptional` skips
 * `null` as well as `undefined`, so `{"name": null}` passed every check and reached the database's
 * NOT NULL (500). With `IsOmittable` only an absent field is skipped: an explicit `null` is checked
 * like any other value and refused by the field's own rules (400 naming the field).
 *
 * Fields that an explicit `null` clears (CONTRACT.md: "an explicit null clears it") keep `IsOptional`
 * and declare `| null` in their type.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
