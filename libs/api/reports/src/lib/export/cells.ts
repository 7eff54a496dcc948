/** A cell as text (PDF) in the export's language. */
import { monthName, type ReportColumnResponse, type ReportLanguage } from '@crm/shared/contracts';
import { formatMoney, formatNumber, formatPercent } from '../generation/format';
import { KPI_LABELS, label, VALUE_LABELS } from '../labels';
import type { Cell } from '../generation/report-draft';

/** Text columns whose values are codes with a label. */
const CODED = new Set(['status', 'segment', 'kind', 'reason', 'action']);

export function cellText(column: ReportColumnResponse, value: Cell, currency: string, lang: ReportLanguage): string {
  if (value === null || value === undefined) return '—';
  if (column.key === 'month' && typeof value === 'number' && value >= 1 && value <= 12) return monthName(value, lang);
  if (column.key === 'metric') return label(KPI_LABELS, String(value), lang);
  if (CODED.has(column.key)) return label(VALUE_LABELS, String(value), lang);
  switch (column.type) {
    case 'money':
      return formatMoney(String(value), currency, lang);
    case 'integer':
      return formatNumber(Number(value), lang, 0);
    case 'number': {
      const n = Number(value);
      return formatNumber(n, lang, Number.isInteger(n) ? 0 : 2);
    }
    case 'ratio':
      return formatPercent(Number(value), lang);
    default:
      return String(value);
  }
}
