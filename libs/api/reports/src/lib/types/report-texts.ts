import { PIPELINE_TEXTS } from './pipeline/pipeline.texts';
import type { Bilingual, ReportTypeTexts } from './report-type-definition';

/** The export headings of the report types that bring their own (`nx g @crm/tools:report-type` appends). */
export const REPORT_TYPE_TEXTS: ReportTypeTexts[] = [PIPELINE_TEXTS];

/** One kind of heading of every type, merged. */
export const typeTexts = (kind: keyof ReportTypeTexts): Record<string, Bilingual> =>
  Object.assign({}, ...REPORT_TYPE_TEXTS.map((t) => t[kind] ?? {}));
