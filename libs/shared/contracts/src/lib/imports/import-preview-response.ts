import { FieldError } from '../common/error-response';

/** One record as it would be imported. */
export class ImportPreviewRowResponse {
  /** Line numbers of its rows in the file (the header is line 1). @example [2] */
  lines!: number[];
  /** The record built from the row(s), as it would be sent to the batch upsert. */
  record!: Record<string, unknown>;
  /** Empty when the record is valid. @example ["email must look like name@domain"] */
  errors!: string[];
  /**
   * The same reasons by field, each with a stable rule code (`isEmail`, `unknownClient`,
   * `columnCount`, ...) for clients that translate. Empty when the record is valid.
   */
  details!: FieldError[];
}

export class ImportPreviewResponse {
  rows!: ImportPreviewRowResponse[];
  /** @example 19 */
  valid!: number;
  /** @example 1 */
  invalid!: number;
}
