import { AuthorResponse } from './interaction-response';

export class NoteResponse {
  id!: string;
  clientId!: string;
  /** The deal it belongs to, or `null` when it is the client's own (or its deal was deleted). */
  dealId!: string | null;
  /** The deal's title, for the link on the client's timeline. @example "Поставка 200 свечей" */
  dealTitle!: string | null;
  /** @example "Предпочитает связь по почте" */
  text!: string;
  /** The current user when the note was written; `null` once that user is deleted. */
  author!: AuthorResponse | null;
  /** @example "2026-11-20T07:20:00.000Z" */
  createdAt!: string;
}
