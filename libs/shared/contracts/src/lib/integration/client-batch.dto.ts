import { IsArray } from 'class-validator';
import { ClientFieldsDto } from '../clients/create-client.dto';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsText, ValidatedItemByItem } from '../common/validators';

/** One client to upsert by `externalId`: omitted fields keep the stored value, `null` clears it. */
export class ClientBatchItemDto extends ClientFieldsDto {
  /** 1–128 characters; the key of the upsert. @example "C-10042" */
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId!: string;
}

/**
 * Up to 5,000 clients (413 above). Items are validated one by one: an invalid item is reported in
 * `failed` and the valid ones are stored. When valid items repeat an `externalId`, the first is applied and the later ones fail.
 */
export class ClientBatchDto {
  /** Validated per item by the service (partial success), from the items as sent. */
  @IsArray()
  @ValidatedItemByItem()
  items!: ClientBatchItemDto[];
}
