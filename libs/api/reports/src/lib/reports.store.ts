/**
 * The SQL of reports, snapshots, rows, shares and schedules. Every function takes the manager of a
 * tenant transaction (`TenantDatabase.run`), so row-level security applies under the explicit
 * `company_id` filters.
 */
import type {
  ReportColumnResponse,
  ReportListScope,
  ReportResultResponse,
  ReportSort,
  ReportStatus,
  ReportType,
} from '@crm/shared/contracts';
import type { CompanyScope } from '@crm/api/core';
import type { EntityManager } from 'typeorm';
import type { Cell, StoredParams } from './generation/report-draft';

export interface ReportRow {
  id: string;
  type: ReportType;
  title: string;
  params: StoredParams;
  created_by: string;
  created_by_login: string;
  shared_with_company: boolean;
  shared_users: { id: string; login: string }[];
  created_at: Date;
  snapshot_id: string;
  status: ReportStatus;
  progress: number;
  stage: string | null;
  error: string | null;
  job_id: string | null;
  period_from: string;
  period_to: string;
  snapshot_created_at: Date;
  generated_at: Date | null;
  scheduled: boolean;
}

/** A stored table's description (its rows are in `report_rows`). */
export interface StoredTable {
  key: string;
  columns: ReportColumnResponse[];
  totalRows: number;
}

/** `result` as stored: the tables without their rows. */
export type StoredResult = Omit<ReportResultResponse, 'tables'> & { tables: StoredTable[] };

export interface Viewer {
  /** The company the report belongs to (the tenant transaction's scope). */
  scope: CompanyScope;
  userId: string;
  /** Owners and admins see and manage every report of the company. */
  manager: boolean;
}

const SELECT = `
  SELECT r.id, r.type, r.title, r.params, r.created_by, u.login AS created_by_login, r.shared_with_company, r.created_at,
    coalesce((SELECT json_agg(json_build_object('id', su.id, 'login', su.login) ORDER BY su.login)
                FROM report_shares sh JOIN users su ON su.id = sh.user_id
               WHERE sh.company_id = r.company_id AND sh.report_id = r.id), '[]'::json) AS shared_users,
    s.id AS snapshot_id, s.status, s.progress, s.stage, s.error, s.job_id, s.period_from::text AS period_from,
    s.period_to::text AS period_to, s.created_at AS snapshot_created_at, s.generated_at,
    EXISTS (SELECT 1 FROM report_schedules sc WHERE sc.company_id = r.company_id AND sc.report_id = r.id) AS scheduled
  FROM reports r
  JOIN users u ON u.id = r.created_by
  JOIN report_snapshots s ON s.company_id = r.company_id AND s.id = r.latest_snapshot_id`;

/** The condition that `viewer` may see report `r` (parameters $1 company, $2 user, $3 manager). */
const VISIBLE = `r.company_id = $1 AND ($3::boolean OR r.created_by = $2 OR r.shared_with_company
  OR EXISTS (SELECT 1 FROM report_shares vs WHERE vs.company_id = r.company_id AND vs.report_id = r.id AND vs.user_id = $2))`;

const SORTS: Record<ReportSort, string> = {
  createdAt: 'r.created_at, r.id',
  '-createdAt': 'r.created_at DESC, r.id DESC',
  title: 'lower(r.title), r.id',
  '-title': 'lower(r.title) DESC, r.id DESC',
  type: 'r.type, r.created_at DESC, r.id DESC',
  '-type': 'r.type DESC, r.created_at DESC, r.id DESC',
};

export async function findVisible(m: EntityManager, viewer: Viewer, id: string): Promise<ReportRow | null> {
  const [row] = (await m.query(`${SELECT} WHERE ${VISIBLE} AND r.id = $4`, [
    viewer.scope.companyId,
    viewer.userId,
    viewer.manager,
    id,
  ])) as ReportRow[];
  return row ?? null;
}

export async function listVisible(
  m: EntityManager,
  viewer: Viewer,
  query: { scope: ReportListScope; type?: ReportType; q?: string; sort: ReportSort; page: number; pageSize: number },
): Promise<{ rows: ReportRow[]; total: number }> {
  const params: unknown[] = [viewer.scope.companyId, viewer.userId, viewer.manager];
  const where = [VISIBLE];
  if (query.scope === 'mine') where.push('r.created_by = $2');
  if (query.scope === 'shared')
    where.push(
      `r.created_by <> $2 AND EXISTS (SELECT 1 FROM report_shares ms WHERE ms.company_id = r.company_id AND ms.report_id = r.id AND ms.user_id = $2)`,
    );
  if (query.scope === 'company') where.push('r.shared_with_company AND r.created_by <> $2');
  if (query.type) {
    params.push(query.type);
    where.push(`r.type = $${params.length}`);
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`r.title ILIKE $${params.length}`);
  }
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const rows = (await m.query(
    `SELECT *, count(*) OVER () AS total FROM (${SELECT} WHERE ${where.join(' AND ')}) r
     ORDER BY ${SORTS[query.sort].replace(/r\.title/g, 'r.title')} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  )) as (ReportRow & { total: string })[];
  return { rows, total: rows.length > 0 ? Number(rows[0].total) : 0 };
}

export async function insertReport(
  m: EntityManager,
  scope: CompanyScope,
  report: { type: ReportType; title: string; params: StoredParams; createdBy: string },
): Promise<string> {
  const [row] = (await m.query(
    `INSERT INTO reports (company_id, type, title, params, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [scope.companyId, report.type, report.title, JSON.stringify(report.params), report.createdBy],
  )) as { id: string }[];
  return row.id;
}

/** A new running snapshot that becomes the report's latest. */
export async function insertSnapshot(
  m: EntityManager,
  scope: CompanyScope,
  snapshot: {
    reportId: string;
    trigger: 'create' | 'regenerate' | 'schedule';
    from: string;
    to: string;
    createdBy: string | null;
    scheduledFor?: Date;
  },
): Promise<string> {
  const [row] = (await m.query(
    `INSERT INTO report_snapshots (company_id, report_id, trigger, period_from, period_to, created_by, scheduled_for, stage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued') RETURNING id`,
    [
      scope.companyId,
      snapshot.reportId,
      snapshot.trigger,
      snapshot.from,
      snapshot.to,
      snapshot.createdBy,
      snapshot.scheduledFor ?? null,
    ],
  )) as { id: string }[];
  await m.query(`UPDATE reports SET latest_snapshot_id = $3, updated_at = now() WHERE company_id = $1 AND id = $2`, [
    scope.companyId,
    snapshot.reportId,
    row.id,
  ]);
  return row.id;
}

export interface SnapshotRow {
  id: string;
  report_id: string;
  trigger: 'create' | 'regenerate' | 'schedule';
  status: ReportStatus;
  progress: number;
  stage: string | null;
  error: string | null;
  job_id: string | null;
  period_from: string;
  period_to: string;
  result: StoredResult | null;
  no_data: boolean;
  delivery: 'sent' | 'in-app' | 'no-data' | 'failed' | null;
  mailed_to: string[];
  scheduled_for: Date | null;
  created_at: Date;
  generated_at: Date | null;
}

const SNAPSHOT_COLUMNS = `id, report_id, trigger, status, progress, stage, error, job_id, period_from::text AS period_from,
  period_to::text AS period_to, result, no_data, delivery, mailed_to, scheduled_for, created_at, generated_at`;

export async function findSnapshot(
  m: EntityManager,
  scope: CompanyScope,
  reportId: string,
  snapshotId: string,
): Promise<SnapshotRow | null> {
  const [row] = (await m.query(
    `SELECT ${SNAPSHOT_COLUMNS} FROM report_snapshots WHERE company_id = $1 AND report_id = $2 AND id = $3`,
    [scope.companyId, reportId, snapshotId],
  )) as SnapshotRow[];
  return row ?? null;
}

export async function scheduledRuns(m: EntityManager, scope: CompanyScope, reportId: string): Promise<SnapshotRow[]> {
  return (await m.query(
    `SELECT ${SNAPSHOT_COLUMNS} FROM report_snapshots
      WHERE company_id = $1 AND report_id = $2 AND trigger = 'schedule' ORDER BY created_at DESC, id DESC LIMIT 200`,
    [scope.companyId, reportId],
  )) as SnapshotRow[];
}

export async function setProgress(
  m: EntityManager,
  scope: CompanyScope,
  snapshotId: string,
  stage: string,
  progress: number,
): Promise<void> {
  await m.query(
    `UPDATE report_snapshots SET stage = $3, progress = $4 WHERE company_id = $1 AND id = $2 AND status = 'running'`,
    [scope.companyId, snapshotId, stage, progress],
  );
}

export async function setJob(m: EntityManager, scope: CompanyScope, snapshotId: string, jobId: string): Promise<void> {
  await m.query(`UPDATE report_snapshots SET job_id = $3 WHERE company_id = $1 AND id = $2`, [
    scope.companyId,
    snapshotId,
    jobId,
  ]);
}

export async function failSnapshot(
  m: EntityManager,
  scope: CompanyScope,
  snapshotId: string,
  error: string,
): Promise<void> {
  await m.query(
    `UPDATE report_snapshots SET status = 'failed', error = $3, stage = NULL, generated_at = now()
      WHERE company_id = $1 AND id = $2 AND status = 'running'`,
    [scope.companyId, snapshotId, error.slice(0, 2000)],
  );
}

/** Rows per INSERT when a snapshot's tables are stored. */
const ROWS_PER_INSERT = 2000;

/** Stores the finished snapshot: its tables' rows and its result, in the caller's transaction. */
export async function completeSnapshot(
  m: EntityManager,
  scope: CompanyScope,
  snapshotId: string,
  result: StoredResult,
  tables: { key: string; rows: Cell[][] }[],
  noData: boolean,
): Promise<boolean> {
  await m.query(`DELETE FROM report_rows WHERE company_id = $1 AND snapshot_id = $2`, [scope.companyId, snapshotId]);
  for (const table of tables) {
    for (let start = 0; start < table.rows.length; start += ROWS_PER_INSERT) {
      await m.query(
        `INSERT INTO report_rows (company_id, snapshot_id, table_key, row_no, cells)
         SELECT $1, $2, $3, $4 + ord::int - 1, value FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS t(value, ord)`,
        [
          scope.companyId,
          snapshotId,
          table.key,
          start,
          JSON.stringify(table.rows.slice(start, start + ROWS_PER_INSERT)),
        ],
      );
    }
  }
  const updated = (await m.query(
    `UPDATE report_snapshots SET status = 'ready', progress = 1, stage = NULL, result = $3, no_data = $4, generated_at = now(), error = NULL
      WHERE company_id = $1 AND id = $2 AND status = 'running' RETURNING id`,
    [scope.companyId, snapshotId, JSON.stringify(result), noData],
  )) as [unknown[], number] | unknown[];
  const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : (updated as unknown[]);
  return rows.length > 0;
}

/** Up to `limit` rows of a table after `afterRowNo`, in order. */
export async function tableRows(
  m: EntityManager,
  scope: CompanyScope,
  snapshotId: string,
  tableKey: string,
  afterRowNo: number,
  limit: number,
): Promise<{ row_no: number; cells: Cell[] }[]> {
  return (await m.query(
    `SELECT row_no, cells FROM report_rows
      WHERE company_id = $1 AND snapshot_id = $2 AND table_key = $3 AND row_no > $4 ORDER BY row_no LIMIT $5`,
    [scope.companyId, snapshotId, tableKey, afterRowNo, limit],
  )) as { row_no: number; cells: Cell[] }[];
}

/** The first `limit` rows of every table of a snapshot. */
export async function previewRows(
  m: EntityManager,
  scope: CompanyScope,
  snapshotId: string,
  limit: number,
): Promise<Map<string, Cell[][]>> {
  const rows = (await m.query(
    `SELECT table_key, cells FROM report_rows WHERE company_id = $1 AND snapshot_id = $2 AND row_no < $3
      ORDER BY table_key, row_no`,
    [scope.companyId, snapshotId, limit],
  )) as { table_key: string; cells: Cell[] }[];
  const tables = new Map<string, Cell[][]>();
  for (const row of rows) {
    const list = tables.get(row.table_key) ?? [];
    list.push(row.cells);
    tables.set(row.table_key, list);
  }
  return tables;
}

export interface ScheduleRow {
  frequency: 'weekly' | 'monthly';
  weekday: number | null;
  day_of_month: number | null;
  local_time: string;
  recipients: string[];
  recipient_users: { id: string; login: string }[];
  next_run_at: Date;
  last_run_at: Date | null;
  time_zone: string;
}

export async function findSchedule(
  m: EntityManager,
  scope: CompanyScope,
  reportId: string,
): Promise<ScheduleRow | null> {
  const [row] = (await m.query(
    `SELECT s.frequency, s.weekday, s.day_of_month, s.local_time, s.recipients, s.next_run_at, s.last_run_at, c.time_zone,
       coalesce((SELECT json_agg(json_build_object('id', u.id, 'login', u.login) ORDER BY u.login)
                   FROM users u WHERE u.id = ANY (s.recipients)), '[]'::json) AS recipient_users
       FROM report_schedules s JOIN companies c ON c.id = s.company_id
      WHERE s.company_id = $1 AND s.report_id = $2`,
    [scope.companyId, reportId],
  )) as ScheduleRow[];
  return row ?? null;
}
