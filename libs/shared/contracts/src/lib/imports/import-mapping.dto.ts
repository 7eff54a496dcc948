import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

const COLUMN_MAX_LENGTH = 200;

/**
 * Which column of the file gives each field: the value is a column name exactly as in the header.
 * Clients use `externalId` (required), `name`, `email`, `phone`, `activity` and `attributes`
 * (columns copied into the client's attributes under their header names). Sales use `externalId`,
 * `clientExternalId`, `soldAt` (required), `amount`, `currency`, `status`, and for their items
 * `sku`, `itemName`, `quantity`, `unitPrice`: consecutive rows with the same sale `externalId` are
 * the lines of one sale, and `amount`, when not mapped, is the sum of quantity × unitPrice.
 */
export class ImportMappingDto {
  /** @example "Код" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  externalId?: string;

  /** @example "ФИО" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  name?: string;

  /** @example "E-mail" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  email?: string;

  /** @example "Телефон" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  phone?: string;

  /** @example "Вид деятельности" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  activity?: string;

  /** Columns kept in the client's `attributes`, keyed by their header. @example ["Город"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(COLUMN_MAX_LENGTH, { each: true })
  attributes?: string[];

  /** @example "Клиент" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  clientExternalId?: string;

  /** @example "Сумма" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  amount?: string;

  /** @example "Валюта" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  currency?: string;

  /** @example "Дата" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  soldAt?: string;

  /** @example "Статус" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  status?: string;

  /** @example "Артикул" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  sku?: string;

  /** @example "Товар" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  itemName?: string;

  /** @example "Количество" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  quantity?: string;

  /** @example "Цена" */
  @IsOptional()
  @IsString()
  @MaxLength(COLUMN_MAX_LENGTH)
  unitPrice?: string;
}

/** The fields of {@link ImportMappingDto} that name one column. */
export const IMPORT_SINGLE_COLUMN_FIELDS = [
  'externalId',
  'name',
  'email',
  'phone',
  'activity',
  'clientExternalId',
  'amount',
  'currency',
  'soldAt',
  'status',
  'sku',
  'itemName',
  'quantity',
  'unitPrice',
] as const;
export type ImportColumnField = (typeof IMPORT_SINGLE_COLUMN_FIELDS)[number];
