import { HttpParams } from '@angular/common/http';

/** Query parameters as the API reads them; empty values are left out. */
export type ApiParams = Record<string, string | number | boolean | null | undefined>;

/** `params` without null, undefined and `''`, optionally without the keys in `skip`. */
export function toHttpParams(params: ApiParams, skip: readonly string[] = []): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && !skip.includes(key)) {
      result = result.set(key, String(value));
    }
  }
  return result;
}
