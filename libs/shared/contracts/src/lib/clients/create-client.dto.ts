import { IsOptional, Matches } from 'class-validator';
import {
  CLIENT_ACTIVITY_MAX_LENGTH,
  CLIENT_ATTRIBUTES_MAX_BYTES,
  CLIENT_EMAIL_MAX_LENGTH,
  CLIENT_NAME_MAX_LENGTH,
  CLIENT_PHONE_MAX_LENGTH,
  EMAIL_PATTERN,
  EXTERNAL_ID_MAX_LENGTH,
} from '../common/validation';
import { IsJsonObject, IsText } from '../common/validators';

/**
 * A client's own fields. On create, omitted means empty; on PATCH and on upsert, omitted keeps the
 * stored value and an explicit `null` clears it.
 */
export class ClientFieldsDto {
  /** @example "ivan.petrov@example.ru" */
  @IsOptional()
  @IsText(0, CLIENT_EMAIL_MAX_LENGTH)
  @Matches(EMAIL_PATTERN, { message: 'email must look like name@domain' })
  email?: string | null;

  /** @example "Иван Петров" */
  @IsOptional()
  @IsText(0, CLIENT_NAME_MAX_LENGTH)
  name?: string | null;

  /** Free text as the source has it. @example "+7 900 123-45-67" */
  @IsOptional()
  @IsText(0, CLIENT_PHONE_MAX_LENGTH)
  phone?: string | null;

  /** Free text up to 200 characters: what the client does or buys. @example "Розничная торговля" */
  @IsOptional()
  @IsText(0, CLIENT_ACTIVITY_MAX_LENGTH)
  activity?: string | null;

  /** Anything else the integration knows: a JSON object up to 16 KB. @example {"city": "Казань", "segment": "B2C"} */
  @IsOptional()
  @IsJsonObject(CLIENT_ATTRIBUTES_MAX_BYTES)
  attributes?: Record<string, unknown> | null;
}

export class CreateClientDto extends ClientFieldsDto {
  /** The client's id in the integrating system; unique in the company (409 when taken). @example "C-10042" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string | null;
}
