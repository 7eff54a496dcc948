import { NOTE_TEXT_MAX_LENGTH } from '../common/validation';
import { IsText } from '../common/validators';

export class CreateNoteDto {
  /** @example "Предпочитает связь по почте" */
  @IsText(1, NOTE_TEXT_MAX_LENGTH)
  text!: string;
}
