export class ClientResponse {
  /** @example "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10" */
  id!: string;
  /** @example "C-10042" */
  externalId!: string | null;
  /** @example "ivan.petrov@example.ru" */
  email!: string | null;
  /** @example "Иван Петров" */
  name!: string | null;
  /** @example "+7 900 123-45-67" */
  phone!: string | null;
  /** @example "Розничная торговля" */
  activity!: string | null;
  /** @example {"city": "Казань"} */
  attributes!: Record<string, unknown> | null;
  /** The latest interaction or sale. @example "2026-11-20T10:15:00.000Z" */
  lastInteractionAt!: string | null;
  /** @example "2026-11-01T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-20T10:15:00.000Z" */
  updatedAt!: string;
}

/** A page of `GET /clients`. */
export class ClientPageResponse {
  items!: ClientResponse[];
  /** @example 1234 */
  total!: number;
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
}

/** The buyer as a sale shows it. */
export class ClientSummaryResponse {
  id!: string;
  /** @example "C-10042" */
  externalId!: string | null;
  /** @example "ivan.petrov@example.ru" */
  email!: string | null;
  /** @example "Иван Петров" */
  name!: string | null;
}

/** Revenue in one currency. */
export class MoneyAmountResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "125000.00" */
  amount!: string;
}

/** What deleting a client would also delete. */
export class ClientDeletionLossResponse {
  /** @example 12 */
  sales!: number;
  /** The revenue of those sales, per currency. */
  revenue!: MoneyAmountResponse[];
  /** @example 4 */
  interactions!: number;
  /** @example 2 */
  notes!: number;
}

/** 409 answer of `DELETE /clients/:clientId` for a client with sales, without `?confirm=true`. */
export class ClientDeleteConflictResponse {
  /** @example 409 */
  statusCode!: number;
  /** @example "Conflict" */
  error!: string;
  /** @example "The client has 12 sales (125000.00 RUB); repeat with ?confirm=true to delete them too" */
  message!: string;
  /** @example "client_has_sales" */
  code?: string;
  wouldDelete!: ClientDeletionLossResponse;
}
