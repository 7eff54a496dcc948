/**
 * The report types (the seed: «тенденции продаж», «рекомендации к продажам», «общий отчёт по продажам»;
 * issue 13: `pipeline`, the sales funnel of deals). `nx g @crm/tools:report-type` appends here.
 */
export const REPORT_TYPES = ['sales-trends', 'sales-recommendations', 'sales-overview', 'pipeline'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** `running` while the job builds the snapshot, then `ready` or `failed` (with `error`). */
export const REPORT_STATUSES = ['running', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** `GET /:id/export?format=`. */
export const REPORT_FORMATS = ['pdf', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Period presets, resolved against today in the company's time zone when the report is generated
 * (a regenerated or scheduled report with a preset covers the period as of that day).
 */
export const REPORT_PERIOD_PRESETS = [
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'this-year',
  'last-year',
  'last-30-days',
  'last-90-days',
  'last-365-days',
] as const;
export type ReportPeriodPreset = (typeof REPORT_PERIOD_PRESETS)[number];

/** Which reports `GET /reports` lists: the caller's own, those shared with them, the company's (visible to them), or all of these. */
export const REPORT_LIST_SCOPES = ['all', 'mine', 'shared', 'company'] as const;
export type ReportListScope = (typeof REPORT_LIST_SCOPES)[number];

export const REPORT_SCHEDULE_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportScheduleFrequency = (typeof REPORT_SCHEDULE_FREQUENCIES)[number];

/** How a table column's values are typed (what exports format them as). */
export const REPORT_COLUMN_TYPES = ['text', 'money', 'number', 'integer', 'ratio', 'date', 'client'] as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

/** Longest title, in characters. */
export const REPORT_TITLE_MAX_LENGTH = 200;
/** Rows of each table included in `GET /:id`; the export has them all. */
export const REPORT_TABLE_PREVIEW_ROWS = 500;
