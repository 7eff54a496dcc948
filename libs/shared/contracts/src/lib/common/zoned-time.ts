/**
 * A wall-clock time in an IANA time zone (`01.12.2010 8:26` in Europe/Moscow) as an ISO 8601
 * timestamp with the offset in force at that moment. Imported dates without an offset are read in
 * the company's time zone (CSV imports); the data scripts in tools/scripts use it too.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC of `timeZone` at the instant `epochMs`. */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  const wallAsUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * `local` is `YYYY-MM-DD HH:MM[:SS]`. A time that occurs twice (the hour repeated when clocks go
 * back) resolves to the earlier instant; a time skipped when clocks go forward is read with the
 * offset before the change, as most calendar software does.
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const match = LOCAL.exec(local.trim());
  if (!match) throw new Error(`Not a local date-time: "${local}"`);
  const [, y, mo, d, h, mi, s = '00'] = match;
  const wallAsUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  // The offset a few hours earlier is the one in force before any change near this wall time.
  const before = offsetMinutesAt(wallAsUtc - 3 * 3_600_000, timeZone);
  let offset = before;
  const after = offsetMinutesAt(wallAsUtc - before * 60_000, timeZone);
  if (after !== before) {
    // Either the wall time is after a change (use the new offset) or it falls in a skipped gap.
    const candidate = wallAsUtc - after * 60_000;
    if (offsetMinutesAt(candidate, timeZone) === after) offset = after;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(offset)}`;
}
