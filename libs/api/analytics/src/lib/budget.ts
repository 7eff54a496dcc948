import type { DataSource } from 'typeorm';

/** `share` of the data source's pool size (`extra.max`, 10 if unset), at least one connection. */
export function poolShare(dataSource: DataSource, share: number): number {
  const max = Number((dataSource.options as { extra?: { max?: unknown } } | undefined)?.extra?.max ?? 10);
  return Math.max(1, Math.floor((Number.isFinite(max) && max > 0 ? max : 10) * share));
}

/**
 * A counting semaphore: at most `size` of the works given to `run` at once, the others waiting in
 * arrival order. Used to give a kind of work a share of the connection pool, so other kinds always
 * find connections free (issue 9: lists waited seconds for the pool behind analytics and folds).
 */
export class Budget {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
