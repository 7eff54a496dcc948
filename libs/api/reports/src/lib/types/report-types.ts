import type { ReportType } from '@crm/shared/contracts';
import { buildOverview } from '../generation/overview';
import { buildRecommendations } from '../generation/recommendations';
import { overviewInsights, recommendationsInsights, trendsInsights } from '../generation/sales-narration';
import { buildTrends } from '../generation/trends';
import { PIPELINE_REPORT } from './pipeline/pipeline.report';
import type { ReportTypeDefinition } from './report-type-definition';

/**
 * The registry of report types: the one place the API looks a type up (generation, conclusions,
 * titles, exports). A new type is a folder under `types/` and a line here
 * (`nx g @crm/tools:report-type <name>` writes both).
 */
export const REPORT_TYPE_DEFINITIONS: Record<ReportType, ReportTypeDefinition> = {
  'sales-trends': {
    type: 'sales-trends',
    label: { ru: 'Тенденции продаж', en: 'Sales trends' },
    goal: 'the trend: growth or decline, the best and worst periods, seasonality, the forecast',
    build: buildTrends,
    narrate: trendsInsights,
  },
  'sales-recommendations': {
    type: 'sales-recommendations',
    label: { ru: 'Рекомендации к продажам', en: 'Sales recommendations' },
    goal: 'what to do: clients to win back or keep, products to offer, with the numbers behind each',
    build: buildRecommendations,
    narrate: recommendationsInsights,
  },
  'sales-overview': {
    type: 'sales-overview',
    label: { ru: 'Общий отчёт по продажам', en: 'Sales overview' },
    goal: 'the state of sales in the period: revenue and its change, buyers, average order, top clients and products',
    build: buildOverview,
    narrate: overviewInsights,
  },
  pipeline: PIPELINE_REPORT,
};

export function reportTypeDefinition(type: ReportType): ReportTypeDefinition {
  const definition = REPORT_TYPE_DEFINITIONS[type];
  if (!definition) throw new Error(`Unknown report type ${type}`);
  return definition;
}
