import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MigrationInterface } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type MigrationClass = new () => MigrationInterface;

/**
 * The TypeORM connection. Migrations run at start-up inside one transaction each;
 * `synchronize` is never used: the schema is what the checked-in migrations say.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { url: string; migrations: MigrationClass[] }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            type: 'postgres',
            url: options.url,
            autoLoadEntities: true,
            synchronize: false,
            migrations: options.migrations,
            migrationsRun: true,
            migrationsTransactionMode: 'each',
            namingStrategy: new SnakeNamingStrategy(),
            // A request waiting over 10 s for a free connection fails instead of hanging.
            extra: { max: config.database.poolSize, connectionTimeoutMillis: 10_000 },
            // Statements are logged at debug without their parameters; failures by kind only.
            logger: new SafeTypeOrmLogger(config.logLevel === 'debug' || config.logLevel === 'verbose'),
          }),
        }),
      ],
    };
  }
}
