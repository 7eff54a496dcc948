/** Writing CSV text (RFC 4180) with a chosen separator, as Excel reads it. */

export const UTF8_BOM = '\uFEFF';

/** A field quoted when it holds the separator, a quote or a line break (or would lose spaces). */
export function csvField(value: string | number | null | undefined, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** One line, ending with CRLF as Excel writes it. */
export const csvLine = (fields: readonly (string | number | null | undefined)[], delimiter: string) =>
  `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\r\n`;
