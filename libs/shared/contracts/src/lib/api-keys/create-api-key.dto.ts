import { IsString, Length } from 'class-validator';
import { API_KEY_NAME_MAX_LENGTH } from '../common/validation';

export class CreateApiKeyDto {
  /** What the key is for, so it can be told apart later. @example "Интернет-магазин" */
  @IsString()
  @Length(1, API_KEY_NAME_MAX_LENGTH)
  name!: string;
}
