import { inject, Pipe, type PipeTransform } from '@angular/core';
import { I18n } from '../i18n';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPrice, formatRelativeTime } from './format';

type DateInput = string | number | Date | null | undefined;

/** `{{ sale.amount | money: sale.currency }}` → `1 234,50 ₽` / `₽1,234.50`. */
@Pipe({ name: 'money', pure: false })
export class MoneyPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(amount: string | number | null | undefined, currency: string): string {
    return formatMoney(amount, currency, this.i18n.language());
  }
}

/** `{{ n | localNumber }}` → `1 234` / `1,234`. */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: string | number | null | undefined, options?: Intl.NumberFormatOptions): string {
    return formatNumber(value, this.i18n.language(), options);
  }
}

/** `{{ createdAt | localDate }}` → `20 нояб. 2026` / `Nov 20, 2026`. */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: DateInput, timeZone?: string): string {
    return formatDate(value, this.i18n.language(), timeZone);
  }
}

/** `{{ createdAt | localDateTime }}` → `20 нояб. 2026, 14:05`. */
@Pipe({ name: 'localDateTime', pure: false })
export class LocalDateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: DateInput, timeZone?: string): string {
    return formatDateTime(value, this.i18n.language(), timeZone);
  }
}

/** `{{ lastUsedAt | relativeTime }}` → `3 дня назад` / `3 days ago`. */
@Pipe({ name: 'relativeTime', pure: false })
export class RelativeTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: DateInput): string {
    return formatRelativeTime(value, this.i18n.language());
  }
}

/** `{{ item.unitPrice | price: sale.currency }}` → `0,001 £` / `£0.001`: up to 4 digits where the price has them. */
@Pipe({ name: 'price', pure: false })
export class PricePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(amount: string | number | null | undefined, currency: string): string {
    return formatPrice(amount, currency, this.i18n.language());
  }
}
