import { Injectable } from '@nestjs/common';
import type { ReportInsightResponse, ReportType } from '@crm/shared/contracts';
import type { ReportDraft } from './report-draft';
import { RulesNarrator } from './rules-narrator';

/** Conclusions together with who wrote them (a model narrator falling back to the rules says `rules`). */
export interface Narration {
  insights: ReportInsightResponse[];
  narrator: string;
}

/**
 * Writes a report's conclusions from its numbers. The rules narrator is the default; the assistant
 * binds a language model narrator ({@link NarratorBinding.bind}) when a model is configured.
 * Whatever writes them, every figure a sentence names must be in the draft.
 */
export interface ReportNarrator {
  /** Stored with the snapshot (`result.narrator`) when `narrate` answers with a bare list. */
  readonly name: string;
  narrate(type: ReportType, draft: ReportDraft): Promise<ReportInsightResponse[] | Narration>;
}

export const REPORT_NARRATOR = Symbol('REPORT_NARRATOR');

/**
 * The narrator the generator uses ({@link REPORT_NARRATOR}): the rules until another module binds
 * its own (the reports library does not depend on the assistant that provides the model).
 */
@Injectable()
export class NarratorBinding implements ReportNarrator {
  private current: ReportNarrator;

  constructor(rules: RulesNarrator) {
    this.current = rules;
  }

  get name(): string {
    return this.current.name;
  }

  bind(narrator: ReportNarrator): void {
    this.current = narrator;
  }

  async narrate(type: ReportType, draft: ReportDraft): Promise<Narration> {
    const narrator = this.current;
    const out = await narrator.narrate(type, draft);
    return Array.isArray(out) ? { insights: out, narrator: narrator.name } : out;
  }
}
