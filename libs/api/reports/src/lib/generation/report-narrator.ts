import type { ReportInsightResponse, ReportType } from '@crm/shared/contracts';
import type { ReportDraft } from './report-draft';

/**
 * Writes a report's conclusions from its numbers. The rules narrator ships now; the assistant
 * issue can bind another implementation (a language model writing from the same `draft`) to
 * {@link REPORT_NARRATOR}. Whatever writes them, every figure a sentence names must be in the
 * draft and in the insight's `figures`.
 */
export interface ReportNarrator {
  /** Stored with the snapshot (`result.narrator`). */
  readonly name: string;
  narrate(type: ReportType, draft: ReportDraft): Promise<ReportInsightResponse[]>;
}

export const REPORT_NARRATOR = Symbol('REPORT_NARRATOR');
