import { AnalyticsWarningResponse } from '../analytics/analytics-warning-response';
import type { SaleStatus } from '../sales/sale-status';
import type { RfmSegmentName } from '../analytics/rfm-segments-response';
import type {
  ReportColumnType,
  ReportPeriodPreset,
  ReportScheduleFrequency,
  ReportStatus,
  ReportType,
} from './report-type';

/** A member as reports name them. */
export class ReportUserResponse {
  /** @example "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10" */
  id!: string;
  /** @example "anna.petrova" */
  login!: string;
}

/** Whom the report is shared with besides its author. */
export class ReportSharingResponse {
  /** Shared with every member of the company. @example false */
  company!: boolean;
  users!: ReportUserResponse[];
}

/** The filters as stored (money as decimal strings). */
export class ReportFiltersResponse {
  /** The pipeline of a `pipeline` report. @example "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10" */
  pipelineId?: string;
  /** @example ["paid"] */
  statuses?: SaleStatus[];
  /** @example ["RUB"] */
  currencies?: string[];
  clientIds?: string[];
  /** @example "at_risk" */
  segment?: RfmSegmentName;
  /** @example "1000.00" */
  amountMin?: string;
  /** @example "50000.00" */
  amountMax?: string;
}

/** The parameters the report is built from; `from`/`to` are those of the latest snapshot when a preset is used. */
export class ReportParamsResponse {
  /** @example "sales-overview" */
  type!: ReportType;
  /** @example "2025-01-01" */
  from!: string;
  /** @example "2025-12-31" */
  to!: string;
  /** @example null */
  preset!: ReportPeriodPreset | null;
  /** The currency asked for; null: the company's base currency at generation. @example "RUB" */
  currency!: string | null;
  filters!: ReportFiltersResponse;
}

/**
 * One indicator. `kind` says how to read `value`/`previous`: `money` a decimal string in the
 * report's currency, `integer` a count, `ratio` a share 0..1, `number` any other number.
 */
export class ReportKpiResponse {
  /** Stable key, translated by clients (`revenue`, `salesCount`, `buyers`, `newClients`, `returningClients`, `averageOrderValue`, `repeatPurchaseRate`, `returnsAmount`, `revenueYearAgo`, `forecastNext`, `clientsAtRisk`, `valueAtRisk`, ...). @example "revenue" */
  key!: string;
  /** @example "money" */
  kind!: 'money' | 'integer' | 'ratio' | 'number';
  /** @example "1234567.89" */
  value!: string | number | null;
  /** The same figure for the previous period of equal length; null when not applicable. @example "1100000.00" */
  previous!: string | number | null;
  /** Relative change against `previous` (0.12 = +12%; for ratios the difference); null when undefined. @example 0.1223 */
  change!: number | null;
}

/**
 * The sales a report counts, as its filters resolved at generation (ADR 0006 "Report filters"):
 * every figure of a sales report — KPIs, series, forecast, tables, charts — counts the sales of
 * these clients in these currencies, exactly as the analytics endpoints answer with `clientIds` and
 * `currencies`; `statuses` narrow the by-status table only. The RFM segments of the customer base
 * stay the company's.
 */
export class ReportSelectionResponse {
  /** Clients selected (ids ∩ segment ∩ amount range); null when the filters name no clients (every client). @example 3 */
  clients!: number | null;
  /** The selected clients' ids, sorted, when there are at most 300 (what the analytics' `clientIds` takes); else null. */
  clientIds!: string[] | null;
  /** Currencies of the sales counted (the sale's own); null: every currency. @example ["USD"] */
  currencies!: string[] | null;
  /** Statuses shown in the by-status table; null: every status. @example ["paid", "refunded"] */
  statuses!: SaleStatus[] | null;
}

/** The report's headline: period, currency and KPIs. */
export class ReportSummaryResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "2025-01-01" */
  from!: string;
  /** @example "2025-12-31" */
  to!: string;
  /** The day the customer models and forecast see the data from (the period's last day, or today when earlier). @example "2025-12-31" */
  asOf!: string;
  /** True when the period has no counted sales (of those the filters select): the report says so rather than showing empty tables. @example false */
  noData!: boolean;
  kpis!: ReportKpiResponse[];
  /** Sales left out because they could not be converted (from the analytics answers). */
  warnings!: AnalyticsWarningResponse[];
  /** What the report covers besides the period, when its type names one: a `pipeline` report's pipeline name. @example "Основная воронка" */
  subject?: string;
  /** The sales the figures count, when the report's filters narrow them (sales reports only). */
  selection?: ReportSelectionResponse;
}

export class ReportColumnResponse {
  /** Stable key, translated by clients (`period`, `revenue`, `salesCount`, `clientId`, `name`, ...). @example "revenue" */
  key!: string;
  /** `money`: decimal string in the report's currency (or `currency` column's); `date`: `YYYY-MM-DD`; `client`: a client id. @example "money" */
  type!: ReportColumnType;
}

/** A table of the report. Cells are in column order. */
export class ReportTableResponse {
  /** Stable key (`timeseries`, `forecast`, `comparison`, `best-worst`, `seasonality`, `by-status`, `by-currency`, `top-clients`, `top-products`, `buyers`, `segments`, `clients-at-risk`, `offers`, `segments-to-work`, `dropped-clients`). @example "top-clients" */
  key!: string;
  columns!: ReportColumnResponse[];
  /** At most `REPORT_TABLE_PREVIEW_ROWS` rows; exports carry all. @example [["2025-01-01", "125000.00", 42]] */
  rows!: (string | number | null)[][];
  /** Rows in the table. @example 12 */
  totalRows!: number;
}

export class ReportChartPointResponse {
  /** Category: a period's first day, a client, product or segment name. @example "2025-01-01" */
  x!: string;
  /** @example 125000 */
  y!: number;
  /** Forecast bands (forecast series only). */
  lower80?: number;
  upper80?: number;
  lower95?: number;
  upper95?: number;
  /** The client a bar stands for (drill-down). */
  clientId?: string;
}

export class ReportChartSeriesResponse {
  /** `actual`, `forecast`, `revenue`, `clients`, ... @example "actual" */
  key!: string;
  points!: ReportChartPointResponse[];
}

export class ReportChartResponse {
  /** `trend`, `top-clients`, `top-products`, `segments`, `by-status`. @example "trend" */
  key!: string;
  /** @example "line" */
  kind!: 'line' | 'bar' | 'pie';
  /** What `y` measures. @example "money" */
  unit!: 'money' | 'count';
  /** For `line` charts: the period length of `x`. @example "month" */
  granularity?: 'day' | 'week' | 'month';
  series!: ReportChartSeriesResponse[];
}

/** A conclusion written from the report's numbers; every figure it names is in `figures` and in the report. */
export class ReportInsightResponse {
  /** Stable rule key. @example "revenue-up" */
  code!: string;
  /** @example "positive" */
  tone!: 'positive' | 'negative' | 'neutral';
  /** Russian text. @example "Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽." */
  text!: string;
  /** English text. @example "Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00." */
  textEn!: string;
  /** The numbers the sentence rests on. @example {"revenue": "1234567.89", "previous": "1100000.00", "change": 0.1223} */
  figures!: Record<string, string | number>;
  /** The client the recommendation is about, if any. */
  clientId?: string;
}

/** The snapshot's content. */
export class ReportResultResponse {
  summary!: ReportSummaryResponse;
  tables!: ReportTableResponse[];
  charts!: ReportChartResponse[];
  insights!: ReportInsightResponse[];
  /** Who wrote the insights (`rules`; a language model later). @example "rules" */
  narrator!: string;
}

export class ReportScheduleResponse {
  /** @example "weekly" */
  frequency!: ReportScheduleFrequency;
  /** 1 = Monday … 7 = Sunday (weekly). @example 1 */
  weekday!: number | null;
  /** @example null */
  dayOfMonth!: number | null;
  /** @example "09:00" */
  time!: string;
  /** The company's time zone the time is in. @example "Europe/Moscow" */
  timeZone!: string;
  recipients!: ReportUserResponse[];
  /** @example "2026-12-07T06:00:00.000Z" */
  nextRunAt!: string;
  /** @example null */
  lastRunAt!: string | null;
}

/** A report as listed. */
export class ReportListItemResponse {
  id!: string;
  /** @example "sales-overview" */
  type!: ReportType;
  /** @example "Продажи за 2025 год" */
  title!: string;
  params!: ReportParamsResponse;
  /** Status of the latest snapshot. @example "ready" */
  status!: ReportStatus;
  /** 0..1 while running. @example 1 */
  progress!: number;
  createdBy!: ReportUserResponse;
  sharedWith!: ReportSharingResponse;
  /** @example "2026-11-20T10:15:00.000Z" */
  createdAt!: string;
  /** When the latest snapshot was started. @example "2026-11-20T10:15:00.000Z" */
  updatedAt!: string;
  /** True when the schedule is on. @example false */
  scheduled!: boolean;
  /** The caller may delete it and change sharing and schedule (author, owner, admin). @example true */
  canManage!: boolean;
}

/** `GET /reports`. */
export class ReportListResponse {
  items!: ReportListItemResponse[];
  /** @example 12 */
  total!: number;
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
}

/** `GET /reports/:id` (and the answer of create, regenerate, share): the report and its latest snapshot. */
export class ReportResponse extends ReportListItemResponse {
  /** The snapshot shown. */
  snapshotId!: string;
  /** Why the snapshot failed, or null. @example null */
  error!: string | null;
  /** What the job is doing while running (`queued`, `summary`, `timeseries`, `forecast`, `customers`, `insights`, `saving`). @example "forecast" */
  stage!: string | null;
  /** When the snapshot was finished; null while running. @example "2026-11-20T10:15:04.000Z" */
  generatedAt!: string | null;
  schedule!: ReportScheduleResponse | null;
  /** Null until `ready`. */
  result!: ReportResultResponse | null;
}

/** A snapshot made by the schedule. */
export class ReportRunResponse {
  /** The snapshot's id (`GET /:id?snapshot=` and `/:id/export?snapshot=` show it). */
  id!: string;
  /** @example "ready" */
  status!: ReportStatus;
  /** @example "2026-12-07T06:00:00.000Z" */
  scheduledFor!: string;
  /** @example "2026-12-07T06:00:00.000Z" */
  createdAt!: string;
  generatedAt!: string | null;
  /** @example "2026-11-30" */
  from!: string;
  /** @example "2026-12-06" */
  to!: string;
  /** The period had no counted sales: nothing was mailed. @example false */
  noData!: boolean;
  /** `sent` (PDF mailed to the recipients), `in-app` (no mail set up), `no-data`, `failed`, or null while running. @example "in-app" */
  delivery!: 'sent' | 'in-app' | 'no-data' | 'failed' | null;
  /** Addresses (logins) mailed. @example ["anna@example.ru"] */
  mailedTo!: string[];
  error!: string | null;
}

/** `GET /reports/:id/runs`: newest first. */
export class ReportRunsResponse {
  items!: ReportRunResponse[];
}
