import type { ReportPeriodPreset } from '@crm/shared/contracts';
import { addDays, addMonths, addYears, monthEnd, monthStart, quarterStart } from './dates';

export interface Period {
  from: string;
  to: string;
}

/** A preset period as of `today` (the company's local day). */
export function presetPeriod(preset: ReportPeriodPreset, today: string): Period {
  switch (preset) {
    case 'this-month':
      return { from: monthStart(today), to: today };
    case 'last-month': {
      const from = addMonths(monthStart(today), -1);
      return { from, to: monthEnd(from) };
    }
    case 'this-quarter':
      return { from: quarterStart(today), to: today };
    case 'last-quarter': {
      const from = addMonths(quarterStart(today), -3);
      return { from, to: addDays(quarterStart(today), -1) };
    }
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last-year': {
      const year = Number(today.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'last-90-days':
      return { from: addDays(today, -89), to: today };
    case 'last-365-days':
      return { from: addDays(addYears(today, -1), 1), to: today };
  }
}
