import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';

/**
 * Told that sales of the scope's company were written, inside the writing transaction (`m`): what
 * it writes commits or rolls back with the sales themselves. Run every query through `m` (one
 * session on PGlite). Listeners learn only which company changed: the rollups read the changes
 * themselves from the log the `sales` triggers keep, and the customer models recount.
 */
export interface SaleChangeListener {
  onSalesChanged(m: EntityManager, scope: CompanyScope): Promise<void>;
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

  /** Tells the listeners that `changed` sales of the company were created, changed or deleted (none: nothing). */
  async emit(m: EntityManager, scope: CompanyScope, changed: number): Promise<void> {
    if (changed === 0) return;
    for (const listener of this.listeners) await listener.onSalesChanged(m, scope);
  }
}
