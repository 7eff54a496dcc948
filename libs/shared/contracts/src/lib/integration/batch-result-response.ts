export class BatchFailureResponse {
  /** Position of the item in `items`, from 0. @example 3 */
  index!: number;
  /** The item's externalId when it had a usable one. @example "C-10045" */
  externalId!: string | null;
  /** @example ["email must look like name@domain"] */
  errors!: string[];
}

/** Remarks on an item that was stored as sent. */
export class BatchWarningResponse {
  /** Position of the item in `items`, from 0. @example 7 */
  index!: number;
  /** @example "INV-536370" */
  externalId!: string | null;
  /** @example ["amount 100.00 differs from the items total 102.50"] */
  warnings!: string[];
}

/** Outcome of a batch upsert; `created + updated + unchanged + failed.length` = the number of items. */
export class BatchResultResponse {
  /** @example 120 */
  created!: number;
  /** @example 3 */
  updated!: number;
  /** Identical to what was stored (a replay). @example 4877 */
  unchanged!: number;
  failed!: BatchFailureResponse[];
  /** Items stored as sent but worth a look (sales: an amount that differs from its items' total). */
  warnings?: BatchWarningResponse[];
}
