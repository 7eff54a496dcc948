import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** lastUsedAt is kept to the minute: a key used again within it is not written again. */
const RESOLUTION_MS = 60_000;
const FLUSH_EVERY_MS = 5_000;

/**
 * Records when keys are used without a write per request: uses are collected in memory and
 * written in one statement every few seconds (and at shutdown), at most once a minute per key.
 * System path: one statement updates keys of many companies, so it runs on the plain `DataSource`
 * (it writes only `last_used_at`, of keys found by id).
 */
@Injectable()
export class LastUsedTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedTracker.name);
  private readonly pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Notes a use; `storedLastUsedAt` is what the row says, to skip keys written less than a minute ago. */
  touch(keyId: string, storedLastUsedAt: Date | null, now = new Date()): void {
    if (storedLastUsedAt && now.getTime() - storedLastUsedAt.getTime() < RESOLUTION_MS) return;
    this.pending.set(keyId, now);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const ids = [...this.pending.keys()];
    const times = ids.map((id) => (this.pending.get(id) as Date).toISOString());
    this.pending.clear();
    try {
      await this.dataSource.query(
        `UPDATE api_keys k SET last_used_at = u.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
          WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`,
        [ids, times],
      );
    } catch (error) {
      this.logger.warn(`Could not record API key use: ${(error as Error).message}`);
    }
  }
}
