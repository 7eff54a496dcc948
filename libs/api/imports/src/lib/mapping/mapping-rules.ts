/**
 * Checks a mapping against the file and the kind of import, and resolves it to column positions.
 * A bad mapping is a 400 naming each bad field.
 */
import { InvalidInputException } from '@crm/api/core';
import {
  type FieldError,
  IMPORT_SINGLE_COLUMN_FIELDS,
  type ImportColumnField,
  type ImportKind,
  type ImportMappingDto,
} from '@crm/shared/contracts';

const CLIENT_FIELDS: readonly ImportColumnField[] = ['externalId', 'name', 'email', 'phone', 'activity'];
const ITEM_FIELDS: readonly ImportColumnField[] = ['sku', 'itemName', 'quantity', 'unitPrice'];

/** Field → column position; `attributes` → [header, position] pairs. */
export interface ResolvedMapping {
  kind: ImportKind;
  columns: Partial<Record<ImportColumnField, number>>;
  attributes: [string, number][];
  /** Sales: the mapping names item columns, so rows are item lines. */
  hasItems: boolean;
  defaultCurrency?: string;
}

export function resolveMapping(
  kind: ImportKind,
  header: readonly string[],
  mapping: ImportMappingDto,
  defaultCurrency?: string,
): ResolvedMapping {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `mapping.${field}`, messages: [message] });
  const columns: Partial<Record<ImportColumnField, number>> = {};
  for (const field of IMPORT_SINGLE_COLUMN_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === null) continue;
    const index = header.indexOf(column);
    if (index < 0) fail(field, `the file has no column "${column}"`);
    else if (kind === 'clients' && !CLIENT_FIELDS.includes(field)) fail(field, 'is not a field of a client');
    else if (kind === 'sales' && CLIENT_FIELDS.includes(field) && field !== 'externalId')
      fail(field, 'is not a field of a sale');
    else columns[field] = index;
  }
  const attributes: [string, number][] = [];
  if (mapping.attributes?.length) {
    if (kind !== 'clients') fail('attributes', 'is not a field of a sale');
    for (const column of mapping.attributes) {
      const index = header.indexOf(column);
      if (index < 0) fail('attributes', `the file has no column "${column}"`);
      else attributes.push([column, index]);
    }
  }
  const hasItems = kind === 'sales' && ITEM_FIELDS.some((f) => mapping[f] !== undefined);
  const needs = (field: ImportColumnField, why = 'must name a column') => {
    if (mapping[field] === undefined) fail(field, why);
  };
  needs('externalId');
  if (kind === 'sales') {
    needs('clientExternalId');
    needs('soldAt');
    if (!mapping.currency && !defaultCurrency) fail('currency', 'must name a column, or give defaultCurrency');
    if (hasItems) {
      if (!mapping.itemName && !mapping.sku) fail('itemName', 'item lines need itemName or sku');
      needs('quantity', 'item lines need quantity');
      needs('unitPrice', 'item lines need unitPrice');
    } else {
      needs('amount', 'must name a column, or map item columns to compute it');
    }
  }
  if (errors.length > 0)
    throw new InvalidInputException(errors, 'The column mapping does not fit the file', 'mapping_mismatch');
  return { kind, columns, attributes, hasItems, defaultCurrency };
}
