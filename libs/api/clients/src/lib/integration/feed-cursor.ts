import { InvalidInputException } from '@crm/api/core';

/**
 * Position in a change feed: the last row returned, as (change_seq, id). Encoded as base64url so
 * integrators treat it as opaque; the `v1` prefix leaves room to change the format.
 */
export interface FeedPosition {
  /** The row's `change_seq` (bigint, decimal text). */
  changeSeq: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEQ = /^\d{1,19}$/;

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`v1:${position.changeSeq}:${position.id}`, 'utf8').toString('base64url');
}

/** The position in a cursor this API returned; a 400 naming `cursor` for anything else. */
export function decodeCursor(cursor: string): FeedPosition {
  const [version, changeSeq, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (version !== 'v1' || rest.length > 0 || !SEQ.test(changeSeq ?? '') || !UUID.test(id ?? '')) {
    throw new InvalidInputException([{ field: 'cursor', messages: ['cursor is not a cursor this API returned'] }]);
  }
  return { changeSeq: changeSeq as string, id: id as string };
}
