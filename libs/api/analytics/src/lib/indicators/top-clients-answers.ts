/**
 * Answers of `analytics/top-clients` kept per company, currency and period (migration
 * `AnalyticsTopClientsAnswers1764300000000`, ADR 0003 "Top clients: kept answers"): computing one
 * reads every client-day of the period, so its cost grows with the sales of the period; reading a
 * kept one costs one primary-key probe at any size. A kept answer is exactly what computing it
 * again would give: the fold deletes the answers of the periods whose paid sales it changes, and
 * changes of rates, base currency or time zone retire them all (`settings_version`).
 */
import { Injectable, Logger } from '@nestjs/common';
import { type CompanyScope, enterTenant } from '@crm/api/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnalyticsContext, Period } from '../analytics-context';
import type { SqlRunner } from '../sql';
import type { ClientTotal } from './indicator-source';

/** Answers kept per company: the oldest stored go first. */
export const KEPT_ANSWERS_PER_COMPANY = 64;

/** What a computed answer needs to be stored: the versions its snapshot saw. */
export interface AnswerStamp {
  folds: string;
  settings: string;
}

export type KeptAnswer = { kind: 'kept'; clients: ClientTotal[] } | { kind: 'missing'; stamp: AnswerStamp };

@Injectable()
export class TopClientsAnswers {
  private readonly logger = new Logger('TopClientsAnswers');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inside the reader's snapshot: the kept answer for the first `limit` clients, if one holds them
   * (an answer `depth` deep holds any shorter list, and every list when it has fewer rows than that),
   * else the versions to store a computed one with.
   */
  async find(sql: SqlRunner, ctx: AnalyticsContext, period: Period, limit: number): Promise<KeptAnswer> {
    const [row] = await sql<{ folds: string; settings: string; depth: number | null; clients: ClientTotal[] | null }>(
      `SELECT coalesce(v.folds, 0)::text AS folds, coalesce(v.settings, 0)::text AS settings, t.depth, t.clients
       FROM (SELECT $1::uuid AS company_id) c
       LEFT JOIN analytics_answer_versions v ON v.company_id = c.company_id
       LEFT JOIN analytics_top_clients t ON t.company_id = c.company_id AND t.currency = $2
         AND t.from_day = $3::date AND t.to_day = $4::date AND t.settings_version = coalesce(v.settings, 0)`,
      [ctx.company.scope.companyId, ctx.conversion.currency, period.from, period.to],
    );
    if (row.clients && row.depth !== null && (limit <= row.depth || row.clients.length < row.depth)) {
      return { kind: 'kept', clients: row.clients.slice(0, limit) };
    }
    return { kind: 'missing', stamp: { folds: row.folds, settings: row.settings } };
  }

  /**
   * Keeps a computed answer, after the reader's snapshot has ended. Only while no fold runs (the
   * fold lock taken shared, without waiting) and only if no fold has committed since the snapshot
   * that computed it: otherwise the fold may have changed the period after the answer was computed
   * and before it was stored, and it is not kept. Never fails the request that computed it. Runs in
   * a tenant transaction of `scope`'s company.
   */
  async keep(
    scope: CompanyScope,
    ctx: AnalyticsContext,
    period: Period,
    limit: number,
    stamp: AnswerStamp,
    clients: ClientTotal[],
  ) {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      try {
        await enterTenant(runner.manager, scope);
        const companyId = scope.companyId;
        const [lock] = (await runner.query(
          `SELECT pg_try_advisory_xact_lock_shared(hashtextextended('crm.analytics-fold:' || $1::text, 0)) AS locked`,
          [companyId],
        )) as { locked: boolean }[];
        if (lock?.locked) {
          await runner.query(
            `INSERT INTO analytics_top_clients AS t (company_id, currency, from_day, to_day, depth, clients, settings_version)
             SELECT $1, $2, $3, $4, $5, $6::jsonb, $7
             WHERE (SELECT coalesce(max(folds), 0) FROM analytics_answer_versions WHERE company_id = $1) = $8::bigint
             ON CONFLICT (company_id, currency, from_day, to_day) DO UPDATE
             SET depth = excluded.depth, clients = excluded.clients, settings_version = excluded.settings_version,
                 stored_at = excluded.stored_at`,
            [
              companyId,
              ctx.conversion.currency,
              period.from,
              period.to,
              limit,
              JSON.stringify(clients),
              stamp.settings,
              stamp.folds,
            ],
          );
          await runner.query(
            `DELETE FROM analytics_top_clients t WHERE t.company_id = $1 AND t.stored_at < (
               SELECT stored_at FROM analytics_top_clients WHERE company_id = $1
               ORDER BY stored_at DESC OFFSET $2 - 1 LIMIT 1)`,
            [companyId, KEPT_ANSWERS_PER_COMPANY],
          );
        }
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } catch (error) {
      this.logger.warn(`Keeping a top-clients answer of ${scope.companyId} failed: ${String(error)}`);
    } finally {
      await runner.release();
    }
  }
}
