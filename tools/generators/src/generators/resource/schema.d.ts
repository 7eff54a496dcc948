export interface ResourceGeneratorSchema {
  /** Plural, kebab-case: `invoices`. */
  name: string;
  /** Singular, kebab-case; derived from `name` when omitted. */
  singular?: string;
  titleEn?: string;
  titleRu?: string;
  /** The migration's timestamp in milliseconds; `Date.now()` when omitted. */
  timestamp?: number;
  skipFormat?: boolean;
}
