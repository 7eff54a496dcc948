import type { EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';
import { InvalidInputException } from '../http/validation';
import { companyWritesLockName, queryRows } from './sql';

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
 * The feed's horizon for a company (ADR 0004): the oldest transaction id among the transactions
 * holding or awaiting the company's write lock (`lockCompanyWrites`), else the id the next
 * transaction will get (the snapshot's xmax). Every transaction below it that wrote the company's
 * rows has ended when this returns, because writers take the lock before they get an id: one with
 * an id below xmax already had it, so it still held the lock and would be counted, unless it had
 * ended. A transaction that writes nothing of this company — another database's, our analytics, a
 * writer of another company — holds nothing back. Run it in its own statement BEFORE the page's
 * statement, so that the page's snapshot (READ COMMITTED, taken later) sees every one of them.
 *
 * pg_locks shows 32-bit xids; each is widened to xid8 by its signed distance from xmax (a running
 * transaction is never 2^31 ids away from it).
 */
export async function feedHorizon(m: EntityManager, scope: CompanyScope): Promise<string> {
  const [row] = await queryRows<{ horizon: string }>(
    m,
    `WITH lock AS (SELECT hashtextextended($1, 0) AS k),
          snap AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax),
          locks AS MATERIALIZED (
            SELECT locktype, virtualtransaction, classid, objid, objsubid, database, mode, granted,
                   transactionid::text::bigint AS xid32
              FROM pg_locks WHERE locktype IN ('advisory', 'transactionid')),
          holders AS (
            SELECT DISTINCT t.xid32
              FROM locks l
              JOIN locks t ON t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock' AND t.granted
                          AND t.virtualtransaction = l.virtualtransaction
              CROSS JOIN lock
             WHERE l.locktype = 'advisory' AND l.objsubid = 1
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND l.classid = ((lock.k >> 32) & 4294967295)::oid AND l.objid = (lock.k & 4294967295)::oid)
     SELECT LEAST(snap.xmax, min(snap.xmax + (((h.xid32 - (snap.xmax & 4294967295)) % 4294967296 + 6442450944)
                                               % 4294967296 - 2147483648)))::text AS horizon
       FROM snap LEFT JOIN holders h ON true GROUP BY snap.xmax`,
    [companyWritesLockName(scope)],
  );
  return row.horizon;
}

/**
 * The feed's SQL for table alias `t`: the conditions that keep a page inside the feed's window —
 * after the cursor (when given) and written by transactions below `horizon` ({@link feedHorizon}),
 * which have all ended — plus its order. `param` binds a value and returns its placeholder.
 */
export function feedWindow(
  t: string,
  cursor: string | undefined,
  param: (value: unknown) => string,
  horizon: string,
): { where: string[]; orderBy: string; position: string } {
  const where = [`${t}.change_xid < ${param(horizon)}::xid8`];
  if (cursor) {
    const after = decodeCursor(cursor);
    where.push(`(${t}.change_xid, ${t}.id) > (${param(after.changeXid)}::xid8, ${param(after.id)}::uuid)`);
  }
  return { where, orderBy: `${t}.change_xid, ${t}.id`, position: `${t}.change_xid::text AS "changeXid"` };
}
