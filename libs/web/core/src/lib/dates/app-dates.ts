import {
  effect,
  type EnvironmentProviders,
  inject,
  Injectable,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, NativeDateAdapter } from '@angular/material/core';
import { I18n } from '@crm/web/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Material's native date adapter, reading typed dates in the order of its locale: `20.11.2026`
 * in Russian, `11/20/2026` in English (the stock adapter hands text to `Date.parse`, which reads
 * every numeric date as American). ISO `2026-11-20` is read in every locale.
 */
@Injectable()
export class AppDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value !== 'string') return super.parse(value, parseFormat);
    const text = value.trim();
    if (text === '') return null;
    const parts = text
      .split(/[^\d]+/)
      .filter(Boolean)
      .map(Number);
    if (parts.length !== 3) return this.invalid();
    const iso = /^\d{4}\D/.test(text);
    const order = iso ? ['year', 'month', 'day'] : this.fieldOrder();
    const field = (name: string) => parts[order.indexOf(name)] as number;
    let year = field('year');
    if (year < 100) year += 2000;
    const month = field('month') - 1;
    const day = field('day');
    const date = new Date(year, month, day);
    return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : this.invalid();
  }

  /** `day`, `month`, `year` in the order the locale writes them. */
  private fieldOrder(): string[] {
    return new Intl.DateTimeFormat(this.locale as string, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2026, 10, 20))
      .map((part) => part.type)
      .filter((type) => type === 'day' || type === 'month' || type === 'year');
  }
}

/**
 * Material date pickers and inputs in the app's language (not the browser's): the adapter's
 * locale follows {@link I18n} at once when the language is switched.
 */
export function provideAppDates(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: MAT_DATE_LOCALE, useFactory: () => inject(I18n).locale() },
    { provide: DateAdapter, useClass: AppDateAdapter },
    {
      provide: MAT_DATE_FORMATS,
      useValue: {
        parse: { dateInput: null, timeInput: null },
        display: {
          dateInput: { year: 'numeric', month: '2-digit', day: '2-digit' },
          timeInput: { hour: 'numeric', minute: 'numeric' },
          monthYearLabel: { year: 'numeric', month: 'short' },
          dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
          monthYearA11yLabel: { year: 'numeric', month: 'long' },
          timeOptionLabel: { hour: 'numeric', minute: 'numeric' },
        },
      },
    },
    provideEnvironmentInitializer(() => {
      const adapter = inject(DateAdapter);
      const i18n = inject(I18n);
      effect(() => adapter.setLocale(i18n.locale()));
    }),
  ]);
}

/** `YYYY-MM-DD` (a day in the URL or a form) as a local Date for a date picker; null if empty or invalid. */
export function dayToDate(day: string | null | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** A picked local Date as `YYYY-MM-DD`; empty for no (or an invalid) date. */
export function dateToDay(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
