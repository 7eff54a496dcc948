import { Identity1763600000000 } from './1763600000000-identity';
import { ClientsSales1763700000000 } from './1763700000000-clients-sales';
import { AnalyticsRollups1764000000000 } from './1764000000000-analytics-rollups';
import { AnalyticsRollupIndexes1764000000001 } from './1764000000001-analytics-rollup-indexes';
import { AnalyticsCustomerModels1764000000002 } from './1764000000002-analytics-customer-models';
import { AnalyticsBuyerMonths1764000000003 } from './1764000000003-analytics-buyer-months';
import { AnalyticsDeferredRollups1764100000000 } from './1764100000000-analytics-deferred-rollups';
import { TimeOrderedIds1764100000001 } from './1764100000001-time-ordered-ids';
import { ChangeFeedXid1764200000000 } from './1764200000000-change-feed-xid';
import { AnalyticsTopClientsAnswers1764300000000 } from './1764300000000-analytics-top-clients-answers';
import { SaleReturns1764410000000 } from './1764410000000-sale-returns';
import { CompanyInvitations1764450000000 } from './1764450000000-company-invitations';
import { SaleBaseAmounts1764470000000 } from './1764470000000-sale-base-amounts';
import { TenantRowSecurity1764500000000 } from './1764500000000-tenant-row-security';
import { TenantPoliciesUnset1764500000001 } from './1764500000001-tenant-policies-unset';
import { Reports1764530000000 } from './1764530000000-reports';
import { Assistant1764540000000 } from './1764540000000-assistant';
import { AssistantReportActions1764620000000 } from './1764620000000-assistant-report-actions';
import { AnalyticsClientTotals1764520000000 } from './1764520000000-analytics-client-totals';
import { Deals1764600000000 } from './1764600000000-deals';
import { DealAnalyticsIndexes1764610000000 } from './1764610000000-deal-analytics-indexes';
import { DealFunnelSummary1764610000001 } from './1764610000001-deal-funnel-summary';
import { DealFunnelStaysByStage1764610000002 } from './1764610000002-deal-funnel-stays-by-stage';
import { DealNotesInteractions1764630000000 } from './1764630000000-deal-notes-interactions';
import { AssistantDealActions1764640000000 } from './1764640000000-assistant-deal-actions';
import { ReportTypePipeline1764650000000 } from './1764650000000-report-type-pipeline';
import { ImportJobs1764660000000 } from './1764660000000-import-jobs';
import { DealsBoardOrder1764670000000 } from './1764670000000-deals-board-order';
import { CompanyWritePositions1764680000000 } from './1764680000000-company-write-positions';
import { AnalyticsCheaperFold1764690000000 } from './1764690000000-analytics-cheaper-fold';
import { AnalyticsProductDaily1764700000000 } from './1764700000000-analytics-product-daily';
import { LeakproofSortKeys1764710000000 } from './1764710000000-leakproof-sort-keys';
import { DealStageTotals1764670000001 } from './1764670000001-deal-stage-totals';
import { TenantKeys1764670000002 } from './1764670000002-tenant-keys';

/** The schema's history, oldest first. Add a migration here; never edit one that has shipped. */
export const MIGRATIONS = [
  Identity1763600000000,
  ClientsSales1763700000000,
  AnalyticsRollups1764000000000,
  AnalyticsRollupIndexes1764000000001,
  AnalyticsCustomerModels1764000000002,
  AnalyticsBuyerMonths1764000000003,
  AnalyticsDeferredRollups1764100000000,
  TimeOrderedIds1764100000001,
  ChangeFeedXid1764200000000,
  AnalyticsTopClientsAnswers1764300000000,
  SaleReturns1764410000000,
  CompanyInvitations1764450000000,
  SaleBaseAmounts1764470000000,
  TenantRowSecurity1764500000000,
  TenantPoliciesUnset1764500000001,
  AnalyticsClientTotals1764520000000,
  Reports1764530000000,
  Assistant1764540000000,
  Deals1764600000000,
  DealAnalyticsIndexes1764610000000,
  DealFunnelSummary1764610000001,
  DealFunnelStaysByStage1764610000002,
  AssistantReportActions1764620000000,
  DealNotesInteractions1764630000000,
  AssistantDealActions1764640000000,
  ReportTypePipeline1764650000000,
  ImportJobs1764660000000,
  DealsBoardOrder1764670000000,
  DealStageTotals1764670000001,
  TenantKeys1764670000002,
  CompanyWritePositions1764680000000,
  AnalyticsCheaperFold1764690000000,
  AnalyticsProductDaily1764700000000,
  LeakproofSortKeys1764710000000,
];

export { enableTenantSecurity, disableTenantSecurity, TENANT_COMPANY_SQL } from './tenant-security';
