import { Injectable } from '@nestjs/common';
import type { ReportInsightResponse, ReportType } from '@crm/shared/contracts';
import { reportTypeDefinition } from '../types/report-types';
import type { ReportDraft } from './report-draft';
import type { ReportNarrator } from './report-narrator';

/**
 * Conclusions by fixed rules over the draft's facts; each names only figures the report shows. The
 * sentences of each type are its definition's `narrate` ({@link reportTypeDefinition}).
 */
@Injectable()
export class RulesNarrator implements ReportNarrator {
  readonly name = 'rules';

  async narrate(type: ReportType, draft: ReportDraft): Promise<ReportInsightResponse[]> {
    const definition = reportTypeDefinition(type);
    if (draft.summary.noData) {
      const { from, to } = draft.summary;
      const [text, textEn] = definition.noData?.(from, to) ?? [
        `За период ${from} — ${to} нет учтённых продаж: выводы сделать не из чего.`,
        `No counted sales from ${from} to ${to}: there is nothing to draw conclusions from.`,
      ];
      return [{ code: 'no-data', tone: 'neutral', text, textEn, figures: { from, to } }];
    }
    return definition.narrate(draft.facts, draft);
  }
}
