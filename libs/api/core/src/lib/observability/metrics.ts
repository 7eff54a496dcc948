import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';

interface PoolLike {
  totalCount?: number;
  idleCount?: number;
  waitingCount?: number;
}

/**
 * Prometheus metrics of this process (`GET /api/metrics`): request rates and latencies by route
 * template, ingested records, database pool use, and whatever other modules register (the job
 * queue's depth and failures). Labels are route templates (`/api/companies/:companyId/clients`),
 * never concrete paths, so the series stay few and carry no ids.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  private readonly ingested: Counter<'kind' | 'outcome'>;

  constructor(dataSource: DataSource, @Optional() replica?: ReadReplica) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'crm_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.ingested = new Counter({
      name: 'crm_ingested_records_total',
      help: 'Records received through the integration API, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'crm_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { master?: PoolLike }).master;
        this.set({ state: 'total' }, pool?.totalCount ?? 0);
        this.set({ state: 'idle' }, pool?.idleCount ?? 0);
        this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
      },
    });
    // Which pool answered analytics reads (primary or the DATABASE_READ_URL replica), and why.
    if (replica?.enabled) this.registry.registerMetric(replica.reads);
  }

  /** Counts what a batch did with its records: `created`, `updated`, `unchanged`, `failed`. */
  countBatch(
    kind: string,
    result: { created: number; updated: number; unchanged: number; failed: readonly unknown[] },
  ): void {
    const outcomes = { created: result.created, updated: result.updated, unchanged: result.unchanged };
    for (const [outcome, count] of Object.entries(outcomes)) if (count > 0) this.ingested.inc({ kind, outcome }, count);
    if (result.failed.length > 0) this.ingested.inc({ kind, outcome: 'failed' }, result.failed.length);
  }

  /** Express middleware timing every `/api` request; the route is known once the response is sent. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!req.originalUrl.startsWith('/api/')) return next();
    const end = this.requests.startTimer({ method: req.method });
    res.once('finish', () => {
      const template = (req.route as { path?: string } | undefined)?.path;
      end({ route: template ? String(template) : 'unmatched', status: String(res.statusCode) });
    });
    next();
  };

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
