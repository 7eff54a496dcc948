export interface ReportTypeGeneratorSchema {
  /** Kebab-case: `deal-sources`, the report's `type`. */
  name: string;
  titleEn?: string;
  titleRu?: string;
  /** The migration's timestamp; default now. */
  timestamp?: number;
  skipFormat?: boolean;
}
