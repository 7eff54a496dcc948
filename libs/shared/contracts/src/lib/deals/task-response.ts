import type { TaskType } from './task-type';

export class TaskResponse {
  id!: string;
  /** @example "Отправить коммерческое предложение" */
  title!: string;
  /** @example "email" */
  type!: TaskType;
  /** @example "2026-12-03T12:00:00.000Z" */
  dueAt!: string;
  /** Undone and due before now. @example false */
  overdue!: boolean;
  /** null when that user was removed. */
  assigneeId!: string | null;
  /** The assignee's login. @example "anna.petrova" */
  assigneeName!: string | null;
  dealId!: string | null;
  /** @example "Поставка 200 свечей" */
  dealTitle!: string | null;
  clientId!: string | null;
  /** @example "Иван Петров" */
  clientName!: string | null;
  /** @example false */
  done!: boolean;
  /** @example null */
  doneAt!: string | null;
  createdBy!: string | null;
  /** @example "2026-12-01T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-12-01T08:00:00.000Z" */
  updatedAt!: string;
}

export class TaskPageResponse {
  items!: TaskResponse[];
  /** @example 12 */
  total!: number;
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
}
