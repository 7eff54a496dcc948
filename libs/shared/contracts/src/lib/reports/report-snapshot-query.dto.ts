import { IsOptional, IsUUID } from 'class-validator';

/** `GET /reports/:id?snapshot=`: a given snapshot (a scheduled run) instead of the latest. */
export class ReportSnapshotQueryDto {
  /** @example "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10" */
  @IsOptional()
  @IsUUID()
  snapshot?: string;
}
