import type { ImportDelimiter, ImportEncoding, ImportKind, ImportStatus } from './import-kind';
import { ImportMappingDto } from './import-mapping.dto';

/** Counts of a run so far. Records are clients or sales; a sale may span several rows (its items). */
export class ImportProgressResponse {
  /** Data rows read so far (the header not counted). @example 12000 */
  rowsDone!: number;
  /** @example 11800 */
  created!: number;
  /** @example 150 */
  updated!: number;
  /** Identical to what was stored (a re-run). @example 0 */
  unchanged!: number;
  /** Records refused, with their reasons in the rejected-rows report. @example 50 */
  failed!: number;
  /** Rows in the rejected-rows report. @example 50 */
  rejectedRows!: number;
}

/** An import job: the stored upload, what was detected in it, and its run. */
export class ImportJobResponse {
  id!: string;
  /** @example "clients" */
  kind!: ImportKind;
  /** @example "running" */
  status!: ImportStatus;
  /** As uploaded. @example "клиенты.csv" */
  fileName!: string;
  /** @example 1048576 */
  sizeBytes!: number;
  /** Detected. @example "windows-1251" */
  encoding!: ImportEncoding;
  /** Detected. @example ";" */
  delimiter!: ImportDelimiter;
  /** The header row. @example ["Код", "ФИО", "E-mail", "Телефон"] */
  columns!: string[];
  /** Columns recognised by their header (Russian or English names). */
  suggestedMapping!: ImportMappingDto;
  /** The mapping of the last run, null before. */
  mapping!: ImportMappingDto | null;
  /** Data rows in the file; null while still being counted. @example 100000 */
  rowsTotal!: number | null;
  progress!: ImportProgressResponse;
  /** Why the run failed, or null. */
  error!: string | null;
  /** @example "2026-11-20T10:15:00.000Z" */
  createdAt!: string;
  startedAt!: string | null;
  finishedAt!: string | null;
}
