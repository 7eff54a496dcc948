import { IsString, Length } from 'class-validator';
import { COMPANY_NAME_MAX_LENGTH } from '../common/validation';

export class CreateCompanyDto {
  /** @example "ООО Ромашка" */
  @IsString()
  @Length(1, COMPANY_NAME_MAX_LENGTH)
  name!: string;
}
