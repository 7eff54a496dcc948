import type { ReportInsightResponse, ReportType } from '@crm/shared/contracts';
import type { AnalyticsServices, Facts, GenerationInput, ReportDraft } from '../generation/report-draft';

/** A text in Russian and English. */
export interface Bilingual {
  ru: string;
  en: string;
}

/**
 * Everything the API knows of one report type: its name, how a snapshot is computed and how the
 * rules narrator writes its conclusions. The exports (PDF, CSV, XLSX) and the store are the same for
 * every type; the type's headings are its texts ({@link ReportTypeTexts}).
 */
export interface ReportTypeDefinition {
  type: ReportType;
  label: Bilingual;
  /** What the conclusions of this type are about, for a language model narrator's prompt. */
  goal: string;
  /** Computes the tables, charts, KPIs and facts from the analytics services (each call its own read). */
  build(services: AnalyticsServices, input: GenerationInput): Promise<ReportDraft>;
  /** The rules narrator's sentences (Russian and English) from the draft's facts; every figure is in the draft. */
  narrate(facts: Facts, draft: ReportDraft): ReportInsightResponse[];
  /** The «nothing in the period» sentence, Russian and English (default: no counted sales). */
  noData?: (from: string, to: string) => [string, string];
}

/** Headings of a type's tables, columns, KPIs, coded values and progress stages, for the exports. */
export interface ReportTypeTexts {
  tables?: Record<string, Bilingual>;
  columns?: Record<string, Bilingual>;
  kpis?: Record<string, Bilingual>;
  values?: Record<string, Bilingual>;
}
