import type { BatchFailureResponse } from '@crm/shared/contracts';
import { EXTERNAL_ID_MAX_LENGTH } from '@crm/shared/contracts';
import { validateSync } from 'class-validator';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../http/storable-text';
import { flattenValidationErrors, plainToDto } from '../http/validation';

export interface ValidBatchItem<T> {
  /** Position in the request's `items`. */
  index: number;
  /** The validated item. */
  item: T;
  /** The item as sent: which optional fields are present (omitted keeps, `null` clears). */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * A fast check of an item for a DTO: the instance class-transformer would build when the item is
 * valid by every rule of the DTO, else `null` — then class-validator runs and explains. It may
 * refuse more than class-validator, never accept more (e.g. `acceptSaleBatchItem`).
 */
export type BatchItemFastPath<T> = (raw: Readonly<Record<string, unknown>>) => T | null;

export interface BatchValidation<T> {
  valid: ValidBatchItem<T>[];
  failed: BatchFailureResponse[];
}

const usableExternalId = (raw: unknown): string | null =>
  typeof raw === 'string' && raw.length >= 1 && raw.length <= EXTERNAL_ID_MAX_LENGTH ? raw : null;

/** Validates one item of a batch: the valid item, or its failure with index and reasons. */
function validateItem<T extends { externalId: string }>(
  dto: new () => T,
  raw: unknown,
  index: number,
  fast?: BatchItemFastPath<T>,
): ValidBatchItem<T> | BatchFailureResponse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { index, externalId: null, errors: ['item must be a JSON object'] };
  }
  const record = raw as Record<string, unknown>;
  const externalId = usableExternalId(record['externalId']);
  const badText = findUnstorableText(record);
  if (badText !== null) return { index, externalId, errors: [`${badText} ${UNSTORABLE_TEXT_MESSAGE}`] };
  const accepted = fast?.(record);
  if (accepted) return { index, item: accepted, raw: record };
  const item = plainToDto(dto, record);
  const errors = validateSync(item, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const messages = flattenValidationErrors(errors).flatMap((e) =>
      e.messages.map((m) => (e.field.includes('.') ? `${e.field}: ${m}` : m)),
    );
    return { index, externalId, errors: messages };
  }
  return { index, item, raw: record };
}

const isValid = <T>(result: ValidBatchItem<T> | BatchFailureResponse): result is ValidBatchItem<T> => 'item' in result;

/**
 * Validates each item of a batch on its own with the item's DTO class (unknown fields refused),
 * so one bad item fails alone; `fast` (when the DTO has one) takes the valid items without
 * class-validator. Repeated externalIds are then settled by {@link dropRepeats}.
 */
export function validateBatchItems<T extends { externalId: string }>(
  dto: new () => T,
  items: readonly unknown[],
  fast?: BatchItemFastPath<T>,
): BatchValidation<T> {
  const valid: ValidBatchItem<T>[] = [];
  const failed: BatchFailureResponse[] = [];
  items.forEach((raw, index) => {
    const result = validateItem(dto, raw, index, fast);
    if (isValid(result)) valid.push(result);
    else failed.push(result);
  });
  return { valid, failed };
}

/** Items validated between two yields to the event loop by {@link validateBatchItemsYielding}. */
const VALIDATION_SLICE = 200;

/**
 * {@link validateBatchItems} for the write paths: validating 5,000 items takes tens to hundreds of
 * milliseconds of CPU, and done in one go it would stall every other request of the process —
 * including the batches in flight, whose next statements wait for this event loop. Yielding every
 * {@link VALIDATION_SLICE} items keeps the database busy meanwhile.
 */
export async function validateBatchItemsYielding<T extends { externalId: string }>(
  dto: new () => T,
  items: readonly unknown[],
  fast?: BatchItemFastPath<T>,
): Promise<BatchValidation<T>> {
  const valid: ValidBatchItem<T>[] = [];
  const failed: BatchFailureResponse[] = [];
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && index % VALIDATION_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const result = validateItem(dto, items[index], index, fast);
    if (isValid(result)) valid.push(result);
    else failed.push(result);
  }
  return { valid, failed };
}

/**
 * Keeps the first of the (otherwise valid) items that share an externalId and fails the later ones,
 * so the outcome never depends on how the database orders a multi-row upsert. Items are in batch
 * order; the failures are returned, not merged.
 */
export function dropRepeats<T extends { index: number; externalId: string }>(
  items: readonly T[],
): { kept: T[]; failed: BatchFailureResponse[] } {
  const firstIndex = new Map<string, number>();
  const kept: T[] = [];
  const failed: BatchFailureResponse[] = [];
  for (const item of items) {
    const first = firstIndex.get(item.externalId);
    if (first === undefined) {
      firstIndex.set(item.externalId, item.index);
      kept.push(item);
    } else {
      failed.push({
        index: item.index,
        externalId: item.externalId,
        errors: [`externalId repeats item ${first} of this batch; only the first occurrence is applied`],
      });
    }
  }
  return { kept, failed };
}

/**
 * Sorts items by externalId (code points): every batch of a company locks the rows it merges with in
 * this order, so concurrent batches over the same rows queue rather than deadlock.
 */
export const inExternalIdOrder = (a: { externalId: string }, b: { externalId: string }): number =>
  a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;

/** The failures of a batch in index order. */
export const byIndex = (failures: readonly BatchFailureResponse[]): BatchFailureResponse[] =>
  [...failures].sort((a, b) => a.index - b.index);
