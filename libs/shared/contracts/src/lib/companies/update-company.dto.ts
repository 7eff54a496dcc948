import { IsISO4217CurrencyCode, IsOptional, IsString, IsTimeZone, Length } from 'class-validator';
import { COMPANY_NAME_MAX_LENGTH } from '../common/validation';

export class UpdateCompanyDto {
  /** @example "ООО Ромашка" */
  @IsOptional()
  @IsString()
  @Length(1, COMPANY_NAME_MAX_LENGTH)
  name?: string;

  /** ISO 4217 code. @example "RUB" */
  @IsOptional()
  @IsISO4217CurrencyCode()
  baseCurrency?: string;

  /** IANA time zone name. @example "Europe/Moscow" */
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
