import { InvalidInputException } from '@crm/api/core';

/**
 * Position in a change feed: the last row returned, as (change_xid, id) — the id of the transaction
 * that last wrote the row, then the row's id (see the ChangeFeedXid migration). Encoded as base64url
 * so integrators treat it as opaque; the version prefix lets the format change: `v1` cursors (a
 * sequence value, before ChangeFeedXid) are refused with a 400 that says to start again.
 */
export interface FeedPosition {
  /** The writing transaction's id (xid8, decimal text). */
  changeXid: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const XID = /^\d{1,20}$/;
const XID_MAX = 2n ** 64n - 1n;

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`v2:${position.changeXid}:${position.id}`, 'utf8').toString('base64url');
}

/** The position in a cursor this API returned; a 400 naming `cursor` for anything else. */
export function decodeCursor(cursor: string): FeedPosition {
  const [version, changeXid, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const invalid = (message: string) => new InvalidInputException([{ field: 'cursor', messages: [message] }]);
  if (version === 'v1' && rest.length === 0 && UUID.test(id ?? '')) {
    throw invalid('cursor is from an earlier version of this feed: read it again from the start, without a cursor');
  }
  if (
    version !== 'v2' ||
    rest.length > 0 ||
    !XID.test(changeXid ?? '') ||
    BigInt(changeXid as string) > XID_MAX ||
    !UUID.test(id ?? '')
  ) {
    throw invalid('cursor is not a cursor this API returned');
  }
  return { changeXid: changeXid as string, id: id as string };
}

/**
 * The feed's SQL for table alias `t`: the conditions that keep a page inside the feed's window —
 * after the cursor (when given) and written by transactions that have all ended — plus its order.
 * `param` binds a value and returns its placeholder.
 */
export function feedWindow(
  t: string,
  cursor: string | undefined,
  param: (value: unknown) => string,
): { where: string[]; orderBy: string; position: string } {
  const where = [`${t}.change_xid < pg_snapshot_xmin(pg_current_snapshot())`];
  if (cursor) {
    const after = decodeCursor(cursor);
    where.push(`(${t}.change_xid, ${t}.id) > (${param(after.changeXid)}::xid8, ${param(after.id)}::uuid)`);
  }
  return { where, orderBy: `${t}.change_xid, ${t}.id`, position: `${t}.change_xid::text AS "changeXid"` };
}
