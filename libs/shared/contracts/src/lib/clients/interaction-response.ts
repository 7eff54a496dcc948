import type { InteractionType } from './interaction';

/** The user who wrote something, or `null` when that user was deleted. */
export class AuthorResponse {
  id!: string;
  /** @example "anna.petrova" */
  login!: string;
}

export class InteractionResponse {
  id!: string;
  clientId!: string;
  /** The deal it belongs to, or `null` when it is the client's own (or its deal was deleted). */
  dealId!: string | null;
  /** The deal's title, for the link on the client's timeline. @example "Поставка 200 свечей" */
  dealTitle!: string | null;
  /** @example "call" */
  type!: InteractionType;
  /** @example "2026-11-20T07:15:00.000Z" */
  occurredAt!: string;
  /** @example "Обсудили условия поставки" */
  summary!: string;
  author!: AuthorResponse | null;
  /** @example "2026-11-20T07:20:00.000Z" */
  createdAt!: string;
}
