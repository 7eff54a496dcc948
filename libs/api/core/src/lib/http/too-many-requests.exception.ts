import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 whose `Retry-After` header the error filter sets from `retryAfterSeconds`. */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
