import { IsISO4217CurrencyCode, IsString, IsTimeZone, Length } from 'class-validator';
import { COMPANY_NAME_MAX_LENGTH } from '../common/validation';
import { IsOmittable } from '../common/optional';

export class UpdateCompanyDto {
  /** @example "ООО Ромашка" */
  @IsOmittable()
  @IsString()
  @Length(1, COMPANY_NAME_MAX_LENGTH)
  name?: string;

  /** ISO 4217 code. @example "RUB" */
  @IsOmittable()
  @IsISO4217CurrencyCode()
  baseCurrency?: string;

  /** IANA time zone name. @example "Europe/Moscow" */
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;
}
