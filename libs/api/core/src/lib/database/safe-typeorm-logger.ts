import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';
import { describeDatabaseError } from './db-errors';

/**
 * TypeORM's logger without values. The built-in one logs every failed statement with its
 * parameters: the argon2 hash of a taken-login registration, an API key's hash and sealed secret,
 * a whole failed batch, a client's name. Here a failure is logged (at debug, the HTTP error filter
 * reports what answered 5xx) by its kind and SQL text only; parameters never.
 */
export class SafeTypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  constructor(private readonly logQueries: boolean) {}

  logQuery(query: string): void {
    if (this.logQueries) this.logger.debug(query);
  }

  logQueryError(error: string | Error, query: string): void {
    const kind = typeof error === 'string' ? 'error' : (describeDatabaseError(error) ?? error.name);
    this.logger.debug(`Query failed (${kind}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
