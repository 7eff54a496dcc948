import { CreateClientDto } from './create-client.dto';

/** Every field optional: omitted keeps the stored value, `null` clears it. */
export class UpdateClientDto extends CreateClientDto {}
