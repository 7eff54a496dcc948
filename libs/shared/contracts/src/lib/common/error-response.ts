/** One invalid field of a request, with every reason it was refused. */
export class FieldError {
  /** Path of the field in the request body or query, e.g. `items.3.amount`. @example "password" */
  field!: string;
  /** @example ["password must be longer than or equal to 10 characters"] */
  messages!: string[];
  /**
   * A stable code per message, in the same order (the validation rule that failed, e.g.
   * `isEmail`, `maxLength`, `isNotEmpty`), for clients that translate. @example ["minLength"]
   */
  codes?: string[];
}

/** The single error shape of every non-2xx answer of the API. */
export class ErrorResponse {
  /** @example 400 */
  statusCode!: number;
  /** @example "Bad Request" */
  error!: string;
  /** Human readable, in English. @example "Validation failed" */
  message!: string;
  /** Present on 400 answers: each bad field with its reasons. */
  details?: FieldError[];
  /**
   * A stable machine-readable code (see `ERROR_CODES`): what clients translate and branch on.
   * A code for the status (`not_found`, `conflict`, ...) when there is no more specific one.
   * @example "validation_failed"
   */
  code?: string;
}
