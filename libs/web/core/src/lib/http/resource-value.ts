import type { Resource } from '@angular/core';

/**
 * The resource's value, or `fallback` while it loads or after it failed: `value()` throws in
 * the error state, so computed lists must not read it unguarded.
 */
export function valueOr<T, F>(resource: Resource<T>, fallback: F): T | F {
  return resource.hasValue() ? resource.value() : fallback;
}
