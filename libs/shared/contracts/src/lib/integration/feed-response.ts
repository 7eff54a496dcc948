import { ClientResponse } from '../clients/client-response';
import { SaleResponse } from '../sales/sale-response';

export class ClientFeedResponse {
  items!: ClientResponse[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

/** A sale as the integration API returns it: with its buyer's externalId. */
export class IntegrationSaleResponse extends SaleResponse {
  /** @example "C-10042" */
  clientExternalId!: string | null;
}

export class SaleFeedResponse {
  items!: IntegrationSaleResponse[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}
