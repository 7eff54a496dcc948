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
