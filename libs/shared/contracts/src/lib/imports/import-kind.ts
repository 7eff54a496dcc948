/** What an import file holds. */
export const IMPORT_KINDS = ['clients', 'sales'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * `uploaded`: stored, columns detected, waiting for a run; `running`; `completed` (rejected rows,
 * if any, are in the report); `failed` (the run stopped: `error` says why; running it again is
 * safe, upserts are idempotent); `cancelled`.
 */
export const IMPORT_STATUSES = ['uploaded', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1251'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const IMPORT_DELIMITERS = [';', ',', '\t'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

/** Largest accepted upload (1 GiB, about 10 million rows); 413 above. */
export const IMPORT_MAX_BYTES = 1024 ** 3;
export const IMPORT_PREVIEW_DEFAULT_ROWS = 20;
export const IMPORT_PREVIEW_MAX_ROWS = 200;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The locale a CSV export is made for. Excel opens a CSV with the list separator and decimal mark
 * of the computer's regional settings, so no single CSV opens correctly everywhere: `ru` writes
 * `;` and a decimal comma, `en` writes `,` and a decimal point. XLSX is the same for everyone.
 */
export const EXPORT_LOCALES = ['ru', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];
