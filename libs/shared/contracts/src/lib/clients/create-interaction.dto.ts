import { IsIn } from 'class-validator';
import { INTERACTION_SUMMARY_MAX_LENGTH } from '../common/validation';
import { IsText, IsTimestamp } from '../common/validators';
import { INTERACTION_TYPES, type InteractionType } from './interaction';

export class CreateInteractionDto {
  /** @example "call" */
  @IsIn(INTERACTION_TYPES)
  type!: InteractionType;

  /** When it happened. @example "2026-11-20T10:15:00+03:00" */
  @IsTimestamp()
  occurredAt!: string;

  /** @example "Обсудили условия поставки" */
  @IsText(1, INTERACTION_SUMMARY_MAX_LENGTH)
  summary!: string;
}
