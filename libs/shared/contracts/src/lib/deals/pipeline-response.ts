import { MoneyAmountResponse } from '../clients/client-response';
import type { StageKind } from './deal-model';

export class StageResponse {
  id!: string;
  pipelineId!: string;
  /** @example "Квалификация" */
  name!: string;
  /** Order in the pipeline, from 0. @example 1 */
  position!: number;
  /** Default win probability, 0–100 %. @example 20 */
  probability!: number;
  /** @example "open" */
  kind!: StageKind;
  /** Deals in this stage now. @example 12 */
  dealCount!: number;
  /** Their amounts, per currency. */
  totals!: MoneyAmountResponse[];
}

export class PipelineResponse {
  id!: string;
  /** @example "Воронка продаж" */
  name!: string;
  /** Order among the company's pipelines, from 0. @example 0 */
  position!: number;
  /** Stages in order. */
  stages!: StageResponse[];
  /** @example "2026-12-01T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-12-01T08:00:00.000Z" */
  updatedAt!: string;
}
