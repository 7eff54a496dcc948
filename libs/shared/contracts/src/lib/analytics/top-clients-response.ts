import { AnalyticsWarningResponse } from './analytics-warning-response';

export class TopClientResponse {
  clientId!: string;
  /**
   * The client's id in the integrator's system (null for a client created without one)
   * @example "C-10042"
   */
  externalId!: string | null;
  /** @example "Иван Петров" */
  name!: string | null;
  /** @example "ivan.petrov@example.ru" */
  email!: string | null;
  /** @example "45210.00" */
  revenue!: string;
  /** @example 12 */
  salesCount!: number;
}

/** `analytics/top-clients`: clients by revenue in the period, descending (ties by id). */
export class TopClientsResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "2026-10-22" */
  from!: string;
  /** @example "2026-11-20" */
  to!: string;
  items!: TopClientResponse[];
  warnings!: AnalyticsWarningResponse[];
}
