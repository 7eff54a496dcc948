import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { toInstances } from '../common/transforms';
import { RATE_MAX_FRACTION_DIGITS, RATE_MAX_INTEGER_DIGITS } from '../common/validation';
import { IsCurrency, IsDateOnly, IsMoney } from '../common/validators';

export class ExchangeRateDto {
  /** ISO 4217 code of the foreign currency. @example "USD" */
  @IsCurrency()
  currency!: string;

  /** Units of the base currency per 1 unit of `currency`: a decimal string (a JSON number is accepted too), > 0, up to 10 fractional digits. @example "92.5012" */
  @IsMoney(
    { maxFractionDigits: RATE_MAX_FRACTION_DIGITS },
    { positive: true, maxIntegerDigits: RATE_MAX_INTEGER_DIGITS },
  )
  rate!: string;

  /** In force from this day until the next rate of the currency. @example "2026-01-01" */
  @IsDateOnly()
  validFrom!: string;
}

/** Adds or replaces rates by (currency, validFrom); rates not named are kept. */
export class PutExchangeRatesDto {
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsObject({ each: true }) // ValidateNested alone passes a nested array (`[[]]`)
  @ValidateNested({ each: true })
  @Transform(toInstances(ExchangeRateDto))
  rates!: ExchangeRateDto[];
}
