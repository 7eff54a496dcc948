/** One invalid field of a request, with every reason it was refused. */
export class FieldError {
  /** Path of the field in the request body or query, e.g. `items.3.amount`. @example "password" */
  field!: string;
  /** @example ["password must be longer than or equal to 10 characters"] */
  messages!: string[];
}

/** The single error shape of every non-2xx answer of the API. */
export class ErrorResponse {
  /** @example 400 */
  statusCode!: number;
  /** @example "Bad Request" */
  error!: string;
  /** @example "Validation failed" */
  message!: string;
  /** Present on 400 answers: each bad field with its reasons. */
  details?: FieldError[];
}
