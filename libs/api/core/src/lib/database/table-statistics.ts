import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** Rows changed since the last ANALYZE, beyond this share of the table, make its statistics stale… */
export const STALE_FRACTION = 0.1;
/** …plus this many rows, so a small table is not analysed after every change. */
export const STALE_MIN_ROWS = 500;

/**
 * Tables whose statistics are missing or stale: never analysed (no `pg_stats` row) while holding
 * data, grown on disk by more than {@link STALE_FRACTION} since `relpages` was last measured, or
 * (where the server counts them) with more changed rows than the threshold since the last ANALYZE.
 * Size and `pg_stats` tell it on both databases: PGlite counts no changed rows and has no autovacuum.
 */
const STALE_SQL = `
  SELECT c.relname AS name,
         NOT EXISTS (SELECT 1 FROM pg_stats st WHERE st.schemaname = current_schema() AND st.tablename = c.relname)
           AS missing
  FROM pg_class c
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
  CROSS JOIN LATERAL (SELECT pg_relation_size(c.oid) / current_setting('block_size')::int AS pages) z
  WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1::text[])
    AND z.pages > 0
    AND (
      NOT EXISTS (SELECT 1 FROM pg_stats st WHERE st.schemaname = current_schema() AND st.tablename = c.relname)
      OR z.pages > c.relpages * (1 + $2::float8) + 8
      OR coalesce(s.n_mod_since_analyze, 0) > $3::int + $2::float8 * greatest(c.reltuples, 0)
    )`;

/**
 * Keeps the planner's statistics of chosen tables fresh from inside the product (issue 9: after a
 * bulk load the rollups had never been analysed, the planner took them for one row and a query ran
 * for minutes). `refresh` analyses those of the tables that are stale, skipping any another session
 * is analysing or vacuuming, one pass at a time. Each ANALYZE reads a bounded sample
 * (300 × `default_statistics_target` rows), so a pass costs tens of milliseconds, not a scan.
 *
 * The caller waits for the pass only when some table has no statistics at all — the case where
 * plans collapse; statistics that are merely behind are refreshed in the background, so reads
 * under a steady ingest do not queue behind ANALYZE.
 *
 * System path (ADR 0001): statistics are per table, not per company, and ANALYZE needs the tables'
 * owner, so it runs on the plain `DataSource`, outside row-level security; it reads no tenant rows.
 */
export class TableStatistics {
  private pass?: { done: Promise<string[]>; blocking: boolean };

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger = new Logger('TableStatistics'),
  ) {}

  /**
   * Analyses the stale ones of `tables`; resolves with their names once analysed when some had no
   * statistics, else at once (with none) while they are analysed in the background. Never throws.
   */
  async refresh(tables: readonly string[]): Promise<string[]> {
    const running = this.running();
    if (running) return running;
    let rows: { name: string; missing: boolean }[];
    try {
      rows = (await this.dataSource.query(STALE_SQL, [tables, STALE_FRACTION, STALE_MIN_ROWS])) as typeof rows;
    } catch (error) {
      this.logger.warn(`Reading table statistics failed: ${String(error)}`);
      return [];
    }
    if (rows.length === 0) return [];
    const runningNow = this.running();
    if (runningNow) return runningNow;
    const names = rows.map((r) => r.name).sort();
    const pass = {
      done: this.analyse(names).finally(() => (this.pass = undefined)),
      blocking: rows.some((r) => r.missing),
    };
    this.pass = pass;
    return pass.blocking ? pass.done : [];
  }

  /** The pass in progress, as a caller sees it: waited for when blocking, else nothing to wait for. */
  private running(): Promise<string[]> | undefined {
    if (!this.pass) return undefined;
    return this.pass.blocking ? this.pass.done : Promise.resolve([]);
  }

  private async analyse(names: string[]): Promise<string[]> {
    try {
      const started = Date.now();
      await this.dataSource.query(`ANALYZE (SKIP_LOCKED) ${names.map((n) => `"${n.replace(/"/g, '""')}"`).join(', ')}`);
      this.logger.debug?.(`Analysed ${names.join(', ')} in ${Date.now() - started} ms`);
      return names;
    } catch (error) {
      this.logger.warn(`Refreshing table statistics failed: ${String(error)}`);
      return [];
    }
  }
}
