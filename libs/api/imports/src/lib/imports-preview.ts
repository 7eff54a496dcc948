/**
 * The preview of an import: the first records of the file built with a mapping and validated as
 * the batch upsert would validate them, without writing anything.
 */
import {
  type CompanyScope,
  flattenValidationErrors,
  plainToDto,
  type TenantDatabase,
  validateBatchItems,
} from '@crm/api/core';
import {
  ClientBatchItemDto,
  type FieldError,
  type ImportPreviewResponse,
  type ImportPreviewRowResponse,
  SaleBatchItemDto,
} from '@crm/shared/contracts';
import { validateSync } from 'class-validator';
import { type CsvSource, readDataRows } from './csv/csv-source';
import type { ImportJob } from './jobs/import-job';
import type { ResolvedMapping } from './mapping/mapping-rules';
import { RecordBuilder, type SourceRecord } from './mapping/records';

const UNKNOWN_CLIENT = 'clientExternalId is not a client of this company';

async function firstRecords(
  source: CsvSource,
  job: ImportJob,
  builder: RecordBuilder,
  count: number,
): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const row of readDataRows(source, { encoding: job.encoding, delimiter: job.delimiter })) {
    records.push(...builder.push(row));
    if (records.length >= count) return records.slice(0, count);
  }
  records.push(...builder.finish());
  return records.slice(0, count);
}

/**
 * Why a record is refused, by field and with rule codes (the web translates them): the
 * validation rules it breaks, else the batch check's own reasons under `record`.
 */
function detailsOf(dto: new () => object, record: Record<string, unknown>, reasons: string[]): FieldError[] {
  const errors = validateSync(plainToDto(dto, record), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  const details = flattenValidationErrors(errors);
  return details.length > 0 ? details : [{ field: 'record', messages: reasons }];
}

/** The externalIds among `ids` that are clients of the company. */
async function knownClients(tenantDb: TenantDatabase, scope: CompanyScope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await tenantDb.run(scope, (m) =>
    m.query(`SELECT external_id AS "externalId" FROM clients WHERE company_id = $1 AND external_id = ANY($2::text[])`, [
      scope.companyId,
      ids,
    ]),
  )) as { externalId: string }[];
  return new Set(rows.map((r) => r.externalId));
}

export async function previewImport(
  tenantDb: TenantDatabase,
  scope: CompanyScope,
  job: ImportJob,
  upload: CsvSource,
  mapping: ResolvedMapping,
  timeZone: string,
  count: number,
): Promise<ImportPreviewResponse> {
  const records = await firstRecords(upload, job, new RecordBuilder(mapping, job.columns.length, timeZone), count);
  const dto = job.kind === 'clients' ? ClientBatchItemDto : SaleBatchItemDto;
  const { failed } = validateBatchItems(
    dto as new () => { externalId: string },
    records.map((r) => r.record),
  );
  const errors = new Map(failed.map((f) => [f.index, f.errors]));
  const buyers =
    job.kind === 'sales'
      ? await knownClients(tenantDb, scope, [...new Set(records.map((r) => String(r.record['clientExternalId'])))])
      : null;
  const rows: ImportPreviewRowResponse[] = records.map((r, index) => {
    const invalid = errors.get(index) ?? [];
    const reasons = [...r.errors, ...invalid];
    const details: FieldError[] = r.errors.map((message) => ({
      field: 'line',
      messages: [message],
      codes: ['columnCount'],
    }));
    if (invalid.length > 0) details.push(...detailsOf(dto, r.record, invalid));
    if (buyers && r.record['clientExternalId'] && !buyers.has(String(r.record['clientExternalId']))) {
      reasons.push(UNKNOWN_CLIENT);
      details.push({ field: 'clientExternalId', messages: [UNKNOWN_CLIENT], codes: ['unknownClient'] });
    }
    return { lines: r.lines, record: r.record, errors: reasons, details };
  });
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { rows, valid: rows.length - invalid, invalid };
}
