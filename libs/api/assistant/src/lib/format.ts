/** Numbers, money, dates and periods in the answer's language (ru: `1 234,50 ₽`, en: `₽1,234.50`). */
import { type AssistantLocale, monthName } from '@crm/shared/contracts';

const TAG: Record<AssistantLocale, string> = { ru: 'ru-RU', en: 'en-US' };

export function formatMoney(value: string | number | null, currency: string, locale: AssistantLocale): string {
  if (value === null || value === undefined) return '–';
  const n = typeof value === 'number' ? value : Number(value);
  try {
    return new Intl.NumberFormat(TAG[locale], {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).format(n);
  } catch {
    return `${formatNumber(n, locale, 2)} ${currency}`;
  }
}

export function formatNumber(value: number, locale: AssistantLocale, fractionDigits = 0): string {
  return new Intl.NumberFormat(TAG[locale], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** 0.125 → `12,5 %` / `12.5%`. */
export function formatPercent(share: number | null, locale: AssistantLocale, signed = false): string {
  if (share === null || !Number.isFinite(share)) return '–';
  const text = new Intl.NumberFormat(TAG[locale], {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(share);
  return text;
}

/** `2026-11-20` → `20 нояб. 2026` / `Nov 20, 2026`. */
export function formatDate(day: string, locale: AssistantLocale): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(TAG[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A period in words: `2024 год`, `Q3 2025` / `3-й квартал 2025`, `март 2025`, or `1 мар. 2025 – 31 мая 2025`. */
export function formatPeriod(from: string, to: string, locale: AssistantLocale): string {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (fd === 1 && fy === ty && td === lastDayOfMonth(ty, tm)) {
    if (fm === 1 && tm === 12) return locale === 'ru' ? `${fy} год` : `${fy}`;
    if (fm === tm) return `${monthName(fm, locale)} ${fy}`;
    if ((fm - 1) % 3 === 0 && tm === fm + 2) {
      const q = (fm - 1) / 3 + 1;
      return locale === 'ru' ? `${q}-й квартал ${fy}` : `Q${q} ${fy}`;
    }
    return `${monthName(fm, locale)}–${monthName(tm, locale)} ${fy}`;
  }
  if (from === to) return formatDate(from, locale);
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

/** A stay in days in words: `12,5 дн.` / `12.5 days` from a day up, else hours (`3 ч` / `3 h`), else `< 1 ч`. */
export function formatDays(days: number, locale: AssistantLocale): string {
  const ru = locale === 'ru';
  if (days >= 1) return `${formatNumber(days, locale, 1)} ${ru ? 'дн.' : 'days'}`;
  const hours = Math.floor(days * 24);
  return hours >= 1 ? `${formatNumber(hours, locale)} ${ru ? 'ч' : 'h'}` : `< 1 ${ru ? 'ч' : 'h'}`;
}
