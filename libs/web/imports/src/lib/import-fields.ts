import type { ImportColumnField, ImportKind, ImportMappingDto, ImportPreviewRowResponse } from '@crm/shared/contracts';
import { describeFieldRule } from '@crm/web/core';
import type { I18n } from '@crm/web/i18n';

export interface FieldSpec {
  field: ImportColumnField;
  required: boolean;
}

/** The fields a file of each kind can fill, required ones first (per ImportMappingDto). */
export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = {
  clients: [
    { field: 'externalId', required: true },
    { field: 'name', required: false },
    { field: 'email', required: false },
    { field: 'phone', required: false },
    { field: 'activity', required: false },
  ],
  sales: [
    { field: 'externalId', required: true },
    { field: 'clientExternalId', required: true },
    { field: 'soldAt', required: true },
    { field: 'amount', required: false },
    { field: 'currency', required: false },
    { field: 'status', required: false },
    { field: 'sku', required: false },
    { field: 'itemName', required: false },
    { field: 'quantity', required: false },
    { field: 'unitPrice', required: false },
  ],
};

/** Every field name a preview record may carry that has a translated label. */
export const IMPORT_FIELD_NAMES = [
  'externalId',
  'name',
  'email',
  'phone',
  'activity',
  'clientExternalId',
  'amount',
  'currency',
  'soldAt',
  'status',
  'sku',
  'itemName',
  'quantity',
  'unitPrice',
] as const;

/** Required fields that no column is mapped to. */
export function missingRequired(kind: ImportKind, mapping: ImportMappingDto): ImportColumnField[] {
  return IMPORT_FIELDS[kind].filter((spec) => spec.required && !mapping[spec.field]).map((spec) => spec.field);
}

/** Drops unmapped fields and columns that are not in the file, so a stale mapping never reaches the API. */
export function cleanMapping(kind: ImportKind, mapping: ImportMappingDto, columns: string[]): ImportMappingDto {
  const result: ImportMappingDto = {};
  for (const { field } of IMPORT_FIELDS[kind]) {
    const column = mapping[field];
    if (column && columns.includes(column)) result[field] = column;
  }
  if (kind === 'clients' && mapping.attributes?.length) {
    const used = new Set(Object.values(result));
    const attributes = mapping.attributes.filter((column) => columns.includes(column) && !used.has(column));
    if (attributes.length) result.attributes = attributes;
  }
  return result;
}

/** Share (0..1) of the rows done; null while the total is unknown. */
export function progressShare(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(1, done / total);
}

/**
 * A preview row's reasons in the interface language: each by its rule code with the field's
 * label (`email` → «E-mail»), else the server's words.
 */
export function previewRowErrors(row: ImportPreviewRowResponse, i18n: I18n): string {
  const details = row.details ?? [];
  if (details.length === 0) return row.errors.join('; ');
  const label = (path: string) => {
    const key = `imports.fields.${path.split('.').pop() ?? path}`;
    return i18n.has(key) ? i18n.t(key) : path;
  };
  return details
    .flatMap((d) => d.messages.map((message, i) => describeFieldRule(i18n, label(d.field), d.codes?.[i], message)))
    .join('; ');
}
