import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, MigrationExecutor, type MigrationInterface } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';
import { requestSignalMiddleware } from './request-cancellation';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { ReadReplica } from './read-replica';
import { TenantDatabase } from './tenant-database';

type MigrationClass = new () => MigrationInterface;

/**
 * The TypeORM connection. Migrations run at start-up inside one transaction, with no statement
 * timeout; `synchronize` is never used: the schema is what the checked-in migrations say.
 *
 * No statement holds a pool connection forever: every connection has the configured
 * `statement_timeout` (SQLSTATE 57014 past it) and `idle_in_transaction_session_timeout`, a request
 * that waits longer than `poolWaitMs` for a connection fails instead of hanging, and a client that
 * goes away cancels the analytics statement it was waiting for (`cancelOnRequestAbort`).
 */
@Module({})
export class DatabaseModule implements NestModule {
  static forRoot(options: { url: string; migrations: MigrationClass[] }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [TenantDatabase, ReadReplica],
      exports: [TenantDatabase, ReadReplica],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            type: 'postgres',
            url: options.url,
            autoLoadEntities: true,
            synchronize: false,
            migrations: options.migrations,
            // Run by the factory below, on a connection without the statement timeout.
            migrationsRun: false,
            migrationsTransactionMode: 'each',
            namingStrategy: new SnakeNamingStrategy(),
            extra: {
              max: config.database.poolSize,
              connectionTimeoutMillis: config.database.poolWaitMs,
              ...(config.database.statementTimeoutMs > 0
                ? {
                    statement_timeout: config.database.statementTimeoutMs,
                    // A transaction left open by a crashed request gives its connection back too.
                    idle_in_transaction_session_timeout: Math.max(60_000, 2 * config.database.statementTimeoutMs),
                  }
                : {}),
            },
            // Statements are logged at debug without their parameters; failures by kind only.
            logger: new SafeTypeOrmLogger(config.logLevel === 'debug' || config.logLevel === 'verbose'),
          }),
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions as DataSourceOptions).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestSignalMiddleware).forRoutes('{*path}');
  }
}

/** An advisory lock key of its own ('crm migrations'), held while one process migrates. */
const MIGRATION_LOCK = 0x63726d6d;

/**
 * Pending migrations, in one transaction with no statement timeout (`SET LOCAL`). Several API
 * replicas may start at once: the transaction first takes an advisory lock (`pg_advisory_xact_lock`),
 * so one of them migrates while the others wait, then find nothing pending. Lock, timeout and
 * migrations all belong to the transaction, never to the session, so this works unchanged behind
 * PgBouncer in transaction mode, where consecutive transactions of a client may run on different
 * server connections (a session lock taken on one could not be released from another). A migration
 * that fails rolls back every migration of the run.
 */
async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    try {
      await runner.query('SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0');
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const executor = new MigrationExecutor(dataSource, runner);
      // Inside the transaction already open: TypeORM runs each migration in it, with no nested one.
      executor.transaction = 'each';
      await executor.executePendingMigrations();
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
