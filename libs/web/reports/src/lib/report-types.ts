import type { ReportType } from '@crm/shared/contracts';

/**
 * Which parameters the builder asks for besides the period and the currency: `sales` the sales
 * filters (statuses, currencies, segment, clients, amounts), `pipeline` the pipeline of deals.
 */
export type ReportParameters = 'sales' | 'pipeline';

export interface ReportTypeMeta {
  /** The builder's icon (a name of the app's icon set). */
  icon: string;
  parameters: ReportParameters;
}

/**
 * The registry of report types on the web: the builder lists them in this order, with their icon
 * and parameters; texts are `reports.types.<type>` and `reports.typeHints.<type>` of the reports
 * dictionaries (`nx g @crm/tools:report-type` appends an entry here and the texts there).
 */
export const REPORT_TYPE_META: Record<ReportType, ReportTypeMeta> = {
  'sales-trends': { icon: 'trending-up', parameters: 'sales' },
  'sales-recommendations': { icon: 'insights', parameters: 'sales' },
  'sales-overview': { icon: 'docs', parameters: 'sales' },
  pipeline: { icon: 'assessment', parameters: 'pipeline' },
};

/** The types in the builder's order. */
export const REPORT_TYPES = Object.keys(REPORT_TYPE_META) as ReportType[];
