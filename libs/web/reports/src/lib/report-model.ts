/**
 * The report shapes of the shared contracts the screens read (types only: the DTO classes carry
 * validation decorators the browser must not bundle).
 */
export type {
  CreateReportDto,
  PutReportScheduleDto,
  ReportChartPointResponse,
  ReportChartResponse,
  ReportColumnResponse,
  ReportColumnType,
  ReportFiltersDto,
  ReportFormat,
  ReportInsightResponse,
  ReportKpiResponse,
  ReportListItemResponse,
  ReportListResponse,
  ReportListScope,
  ReportPeriodPreset,
  ReportResponse,
  ReportRunResponse,
  ReportRunsResponse,
  ReportScheduleResponse,
  ReportStatus,
  ReportTableResponse,
  ReportType,
  ShareReportDto,
} from '@crm/shared/contracts';

export { REPORT_TYPES } from './report-types';

/** Values mirrored from the contracts (a value import of the contracts would bundle their decorators). */
export const REPORT_FORMATS = ['pdf', 'csv', 'xlsx'] as const;
export const REPORT_SCOPES = ['all', 'mine', 'shared', 'company'] as const;
/** The RFM segments, best first (as `RFM_SEGMENT_NAMES` of the contracts). */
export const SEGMENT_NAMES = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;
