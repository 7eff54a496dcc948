import { Injectable } from '@nestjs/common';
import type { SaleStatus } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';

/** A sale as stored, for listeners that keep aggregates (per-day rollups) in step. */
export interface SaleState {
  id: string;
  clientId: string;
  /** Exact decimal text. */
  amount: string;
  currency: string;
  soldAt: Date;
  status: SaleStatus;
}

/** One sale written: `before` null → created, `after` null → deleted. Unchanged sales are not reported. */
export interface SaleChange {
  id: string;
  before: SaleState | null;
  after: SaleState | null;
}

/**
 * Told about every write to sales, inside the writing transaction (`m`): what it writes commits or
 * rolls back with the sales themselves. Run every query through `m` (one session on PGlite).
 */
export interface SaleChangeListener {
  onSalesChanged(m: EntityManager, scope: CompanyScope, changes: readonly SaleChange[]): Promise<void>;
}

/**
 * Where sale writers (batch upsert, web create/update/delete, client deletion) report their
 * changes. Register a listener once, e.g. in a module's `onModuleInit`.
 */
@Injectable()
export class SaleChangeHooks {
  private readonly listeners: SaleChangeListener[] = [];

  register(listener: SaleChangeListener): void {
    this.listeners.push(listener);
  }

  async emit(m: EntityManager, scope: CompanyScope, changes: readonly SaleChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) await listener.onSalesChanged(m, scope, changes);
  }
}
