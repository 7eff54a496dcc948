import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { loggingModule } from './logging';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics';

/** Structured logs with request ids, and Prometheus metrics (`docs/operations.md`). */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  constructor(private readonly metrics: MetricsService) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [loggingModule(config)],
      controllers: [MetricsController],
      providers: [MetricsService],
      exports: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.metrics.middleware).forRoutes('{*path}');
  }
}
