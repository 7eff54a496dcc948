import type { DealStatus } from './deal-model';
import { NextStepResponse } from './next-step.dto';

export class DealResponse {
  id!: string;
  /** @example "ORD-1001" */
  externalId!: string | null;
  /** @example "Поставка 200 свечей" */
  title!: string;
  clientId!: string;
  /** The client's name (or e-mail when it has no name). @example "Иван Петров" */
  clientName!: string | null;
  /** With exactly the currency's minor digits. @example "150000.00" */
  amount!: string;
  /** @example "RUB" */
  currency!: string;
  pipelineId!: string;
  stageId!: string;
  /** @example "Предложение" */
  stageName!: string;
  /** The member who owns the deal; null when that user was removed. */
  ownerId!: string | null;
  /** The owner's login. @example "anna.petrova" */
  ownerName!: string | null;
  /** @example "2026-12-31" */
  expectedCloseDate!: string | null;
  /** Win probability in %, the stage's default unless set on the deal. @example 50 */
  probability!: number;
  /** Whether `probability` was set on the deal rather than taken from the stage. @example false */
  probabilityOverridden!: boolean;
  /** @example "open" */
  status!: DealStatus;
  /** @example null */
  lostReason!: string | null;
  /** The sale a won deal became. @example null */
  saleId!: string | null;
  /** @example "Сайт" */
  source!: string | null;
  nextStep!: NextStepResponse | null;
  /** When the deal entered its current stage. @example "2026-12-01T08:00:00.000Z" */
  stageEnteredAt!: string;
  /** When it was won or lost; null while open. @example null */
  closedAt!: string | null;
  /** @example "2026-12-01T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-12-01T08:00:00.000Z" */
  updatedAt!: string;
}

export class DealPageResponse {
  items!: DealResponse[];
  /** @example 1234 */
  total!: number;
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
}

/** One stage change of a deal (its creation is the first, from `null`). */
export class DealStageChangeResponse {
  /** @example null */
  fromStageId!: string | null;
  toStageId!: string;
  /** Who moved it; null when that user was deleted (or an integration did). */
  userId!: string | null;
  /** @example "2026-12-01T08:00:00.000Z" */
  at!: string;
}
