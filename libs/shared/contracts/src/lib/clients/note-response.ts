import { AuthorResponse } from './interaction-response';

export class NoteResponse {
  id!: string;
  clientId!: string;
  /** @example "Предпочитает связь по почте" */
  text!: string;
  /** The current user when the note was written; `null` once that user is deleted. */
  author!: AuthorResponse | null;
  /** @example "2026-11-20T07:20:00.000Z" */
  createdAt!: string;
}
