import { ClientResponse } from '../clients/client-response';
import { SaleResponse } from '../sales/sale-response';
import { DealResponse } from '../deals/deal-response';

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

/** A deal as the integration API returns it: with its client's externalId and its pipeline and stage by name. */
export class IntegrationDealResponse extends DealResponse {
  /** @example "C-10042" */
  clientExternalId!: string | null;
  /** @example "Воронка продаж" */
  pipelineName!: string;
}

export class DealFeedResponse {
  items!: IntegrationDealResponse[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}
