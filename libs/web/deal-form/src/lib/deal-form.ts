const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/** `1 234,5` typed by a Russian user → `1234.50`; null when it is not an amount. */
export function normaliseDealAmount(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!AMOUNT.test(compact)) return null;
  const [whole, part = ''] = compact.split('.');
  return `${whole}.${part.padEnd(2, '0')}`;
}

/** `''` → null (the stage default); `0`–`100` → the number; anything else → undefined (invalid). */
export function parseProbability(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= 100 ? value : undefined;
}

/** A local day (`Date` from the picker) and `HH:mm` → the ISO moment, or null without a day. */
export function dueMoment(day: Date | null, time: string): string | null {
  if (!day) return null;
  const [hours, minutes] = /^\d{1,2}:\d{2}$/.test(time) ? time.split(':').map(Number) : [10, 0];
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes).toISOString();
}

/** The local `HH:mm` of an ISO moment (`10:00` without one). */
export function timeOf(moment: string | null | undefined): string {
  if (!moment) return '10:00';
  const date = new Date(moment);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Only the fields whose value differs from `before`: a PATCH sends what the user changed. */
export function changedFields<T extends object>(before: { [K in keyof T]?: unknown }, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key] ?? null)) changes[key] = after[key];
  }
  return changes;
}
