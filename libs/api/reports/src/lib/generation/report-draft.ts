import type { CompanyScope } from '@crm/api/core';
import type { CustomerInsightsService, IndicatorsService, RevenueForecastService } from '@crm/api/analytics';
import type { PipelinesService } from '@crm/api/deals';
import type { DealsAnalyticsService } from '@crm/api/deals-analytics';
import type {
  ReportChartResponse,
  ReportColumnResponse,
  ReportColumnType,
  ReportFiltersResponse,
  ReportPeriodPreset,
  ReportSummaryResponse,
  ReportType,
  RfmSegmentsResponse,
  TopClientResponse,
} from '@crm/shared/contracts';

export type Cell = string | number | null;

/** A table with all its rows (the snapshot stores them apart from the result). */
export interface DraftTable {
  key: string;
  columns: ReportColumnResponse[];
  rows: Cell[][];
}

export const col = (key: string, type: ReportColumnType): ReportColumnResponse => ({ key, type });

/** A client's bar in a revenue chart: named by name, e-mail or id, clickable through `clientId`. */
export const clientRevenuePoint = (client: TopClientResponse) => ({
  x: client.name ?? client.email ?? client.clientId,
  y: Number(client.revenue),
  clientId: client.clientId,
});

/** The pie of the customer base by RFM segment (clients in each; empty segments left out). */
export const segmentsPie = (segments: RfmSegmentsResponse): ReportChartResponse => ({
  key: 'segments',
  kind: 'pie',
  unit: 'count',
  series: [
    {
      key: 'clients',
      points: segments.items.filter((s) => s.clients > 0).map((s) => ({ x: s.segment, y: s.clients })),
    },
  ],
});

/** The parameters as stored with the report. */
export interface StoredParams {
  type: ReportType;
  from: string;
  to: string;
  preset: ReportPeriodPreset | null;
  currency: string | null;
  filters: ReportFiltersResponse;
}

/** What one generation works from. */
export interface GenerationInput {
  /** The company the report belongs to, as analytics services take it (tenant path). */
  scope: CompanyScope;
  type: ReportType;
  from: string;
  to: string;
  /** The company's today (local day) at generation. */
  today: string;
  currency: string | undefined;
  filters: ReportFiltersResponse;
  progress: (stage: string, fraction: number) => Promise<void>;
}

/** Facts the narrator writes from: named numbers that are also in the report. */
export type Facts = Record<string, unknown>;

export interface ReportDraft {
  summary: ReportSummaryResponse;
  tables: DraftTable[];
  charts: ReportChartResponse[];
  facts: Facts;
}

/** The analytics services a report is computed with (the same the analytics endpoints answer from). */
export interface AnalyticsServices {
  indicators: IndicatorsService;
  forecasts: RevenueForecastService;
  insights: CustomerInsightsService;
  /** Funnel, pipeline value and stuck deals (what `analytics/funnel`, `pipeline`, `stuck` answer). */
  deals: DealsAnalyticsService;
  /** The company's pipelines (names). */
  pipelines: PipelinesService;
}
