import { ConflictException, Injectable } from '@nestjs/common';
import {
  type CompanyScope,
  companyWritesLockName,
  InvalidInputException,
  queryRows,
  SqlParams,
  TenantDatabase,
  withUniqueConflicts,
} from '@crm/api/core';
import {
  coded,
  type CreatePipelineDto,
  type CreateStageDto,
  DEFAULT_PIPELINE_STAGES,
  formatMoney,
  type PipelineResponse,
  type StageInputDto,
  type StageKind,
  type StageResponse,
  type UpdatePipelineDto,
  type UpdateStageDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { pipelineNotFound, stageNotFound } from '../ids';
import { invalidField } from '../members';
import { afterLastOpen, moved, stageSetErrors } from './stage-order';

interface PipelineRow {
  id: string;
  name: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

interface StageRow {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

const PIPELINE_NAME_KEY = 'pipelines_company_name_key';
const STAGE_NAME_KEY = 'pipeline_stages_name_key';
const STAGE_KIND_KEY = 'pipeline_stages_terminal_key';

/**
 * Pipelines and their stages. Reading is for every member; the controller lets only owners and
 * admins write. A stage is never removed from the history: deleting one marks it deleted (after
 * moving its deals, each move recorded), so past stage changes keep their stage.
 */
@Injectable()
export class PipelinesService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  list(scope: CompanyScope): Promise<PipelineResponse[]> {
    return this.tenantDb.run(scope, (m) => this.load(m, scope, null));
  }

  async get(scope: CompanyScope, id: string, m?: EntityManager): Promise<PipelineResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, id, tx));
    const [pipeline] = await this.load(m, scope, id);
    if (!pipeline) throw pipelineNotFound();
    return pipeline;
  }

  /** A new pipeline at the end of the list, with the given stages or the default ones. */
  create(scope: CompanyScope, dto: CreatePipelineDto): Promise<PipelineResponse> {
    const stages: readonly StageInputDto[] = dto.stages ?? DEFAULT_PIPELINE_STAGES;
    const errors = stageSetErrors(stages);
    if (errors.length > 0) throw new InvalidInputException(errors);
    return this.tenantDb.run(scope, async (m) => {
      const [{ id }] = await this.unique(() =>
        queryRows<{ id: string }>(
          m,
          `INSERT INTO pipelines (company_id, name, position)
           VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM pipelines WHERE company_id = $1))
           RETURNING id`,
          [scope.companyId, dto.name],
        ),
      );
      await m.query(
        `INSERT INTO pipeline_stages (company_id, pipeline_id, name, position, probability, kind)
         SELECT $1, $2, s.name, s.ord - 1, s.probability, s.kind
           FROM unnest($3::text[], $4::smallint[], $5::text[]) WITH ORDINALITY AS s(name, probability, kind, ord)`,
        [
          scope.companyId,
          id,
          stages.map((s) => s.name),
          stages.map((s) => s.probability),
          stages.map((s) => s.kind ?? 'open'),
        ],
      );
      return this.get(scope, id, m);
    });
  }

  /** Renames or reorders a pipeline; deals and their history refer to it by id and stay. */
  update(scope: CompanyScope, id: string, dto: UpdatePipelineDto): Promise<PipelineResponse> {
    return this.tenantDb.run(scope, async (m) => {
      const pipeline = await this.lockPipeline(m, scope, id);
      if (dto.name !== undefined && dto.name !== pipeline.name) {
        await this.unique(() =>
          m.query(`UPDATE pipelines SET name = $3, updated_at = now() WHERE company_id = $1 AND id = $2`, [
            scope.companyId,
            id,
            dto.name,
          ]),
        );
      }
      if (dto.position !== undefined) {
        const ids = (
          await queryRows<{ id: string }>(
            m,
            `SELECT id FROM pipelines WHERE company_id = $1 ORDER BY position, created_at, id FOR UPDATE`,
            [scope.companyId],
          )
        ).map((r) => r.id);
        await m.query(
          `UPDATE pipelines p SET position = o.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
            WHERE p.company_id = $1 AND p.id = o.id AND p.position <> o.ord - 1`,
          [scope.companyId, moved(ids, id, dto.position)],
        );
      }
      return this.get(scope, id, m);
    });
  }

  /** Deletes a pipeline without deals (409 otherwise); a company keeps at least one pipeline. */
  async remove(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(
      scope,
      async (m) => {
        await this.lockPipeline(m, scope, id);
        const [{ deals, pipelines }] = await queryRows<{ deals: number; pipelines: number }>(
          m,
          `SELECT (SELECT count(*)::int FROM deals WHERE company_id = $1 AND pipeline_id = $2) AS deals,
                  (SELECT count(*)::int FROM pipelines WHERE company_id = $1) AS pipelines`,
          [scope.companyId, id],
        );
        if (deals > 0) {
          throw new ConflictException(
            coded('pipeline_has_deals', `The pipeline has ${deals} deals: delete them or move them first`),
          );
        }
        if (pipelines <= 1) throw new ConflictException(coded('conflict', 'A company keeps at least one pipeline'));
        await m.query(`DELETE FROM pipelines WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
        await renumberPipelines(m, scope);
      },
      this.writes(scope),
    );
  }

  /** Adds a stage; without a position, after the last open stage (before won and lost). */
  addStage(scope: CompanyScope, pipelineId: string, dto: CreateStageDto): Promise<PipelineResponse> {
    return this.tenantDb.run(scope, async (m) => {
      await this.lockPipeline(m, scope, pipelineId);
      const stages = await this.stagesOf(m, scope, pipelineId);
      const kind = dto.kind ?? 'open';
      if (kind !== 'open' && stages.some((s) => s.kind === kind)) {
        throw new ConflictException(coded('stage_kind_taken', `The pipeline already has a ${kind} stage`));
      }
      const position = Math.min(dto.position ?? afterLastOpen(stages.map((s) => s.kind)), stages.length);
      const [{ id }] = await this.unique(() =>
        queryRows<{ id: string }>(
          m,
          `INSERT INTO pipeline_stages (company_id, pipeline_id, name, position, probability, kind)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [scope.companyId, pipelineId, dto.name, stages.length, dto.probability, kind],
        ),
      );
      const order = stages.map((s) => s.id);
      order.splice(position, 0, id);
      await this.reorder(m, scope, order);
      return this.get(scope, pipelineId, m);
    });
  }

  /** Renames a stage, changes its default probability or moves it; the history keeps it by id. */
  updateStage(
    scope: CompanyScope,
    pipelineId: string,
    stageId: string,
    dto: UpdateStageDto,
  ): Promise<PipelineResponse> {
    return this.tenantDb.run(scope, async (m) => {
      await this.lockPipeline(m, scope, pipelineId);
      const stages = await this.stagesOf(m, scope, pipelineId);
      const stage = stages.find((s) => s.id === stageId);
      if (!stage) throw stageNotFound();
      const p = new SqlParams();
      const sets: string[] = [];
      if (dto.name !== undefined) sets.push(`name = ${p.add(dto.name)}`);
      if (dto.probability !== undefined) sets.push(`probability = ${p.add(dto.probability)}`);
      if (sets.length > 0) {
        await this.unique(() =>
          m.query(
            `UPDATE pipeline_stages SET ${sets.join(', ')}, updated_at = now()
              WHERE company_id = ${p.add(scope.companyId)} AND id = ${p.add(stageId)}`,
            p.values,
          ),
        );
      }
      if (dto.position !== undefined) {
        await this.reorder(
          m,
          scope,
          moved(
            stages.map((s) => s.id),
            stageId,
            dto.position,
          ),
        );
      }
      return this.get(scope, pipelineId, m);
    });
  }

  /**
   * Deletes a stage. Its deals, if any, go to `moveTo` (a stage of the same pipeline, not a lost one:
   * a lost deal needs its own reason), each move recorded; without `moveTo` a stage with deals is a
   * 409. The last open stage of a pipeline stays (409).
   */
  async removeStage(scope: CompanyScope, pipelineId: string, stageId: string, moveTo?: string): Promise<void> {
    await this.tenantDb.run(
      scope,
      async (m) => {
        await this.lockPipeline(m, scope, pipelineId);
        const stages = await this.stagesOf(m, scope, pipelineId);
        const stage = stages.find((s) => s.id === stageId);
        if (!stage) throw stageNotFound();
        const target = moveTo !== undefined ? stages.find((s) => s.id === moveTo) : undefined;
        if (moveTo !== undefined) {
          if (!target || target.id === stageId)
            invalidField('moveTo', 'moveTo must be another stage of the same pipeline');
          if (target.kind === 'lost')
            invalidField('moveTo', 'moveTo must not be a lost stage: each lost deal needs its own reason');
        }
        if (stage.kind === 'open' && stages.filter((s) => s.kind === 'open').length === 1) {
          throw new ConflictException(coded('last_open_stage', 'A pipeline keeps at least one open stage'));
        }
        const [{ deals }] = await queryRows<{ deals: number }>(
          m,
          `SELECT count(*)::int AS deals FROM deals WHERE company_id = $1 AND stage_id = $2`,
          [scope.companyId, stageId],
        );
        if (deals > 0 && !target) {
          throw new ConflictException(
            coded('stage_has_deals', `The stage has ${deals} deals: repeat with ?moveTo=<stageId> to move them`),
          );
        }
        if (deals > 0 && target) await this.moveAll(m, scope, pipelineId, stageId, target);
        await m.query(
          `UPDATE pipeline_stages SET deleted_at = now(), updated_at = now() WHERE company_id = $1 AND id = $2`,
          [scope.companyId, stageId],
        );
        await this.reorder(
          m,
          scope,
          stages.filter((s) => s.id !== stageId).map((s) => s.id),
        );
      },
      this.writes(scope),
    );
  }

  /** Moves every deal of stage `from` to `to` in one statement, and records each move. */
  private async moveAll(m: EntityManager, scope: CompanyScope, pipelineId: string, from: string, to: StageRow) {
    // Lock the deals in id order first, as single moves lock one deal: concurrent moves queue, never deadlock.
    await m.query(`SELECT id FROM deals WHERE company_id = $1 AND stage_id = $2 ORDER BY id FOR UPDATE`, [
      scope.companyId,
      from,
    ]);
    await m.query(
      `WITH moved AS (
         UPDATE deals d
            SET stage_id = $3, status = $4, probability = NULL, stage_entered_at = clock_timestamp(),
                lost_reason = NULL,
                closed_at = CASE WHEN $4 = 'open' THEN NULL ELSE coalesce(d.closed_at, clock_timestamp()) END
          WHERE d.company_id = $1 AND d.stage_id = $2
         RETURNING d.id, d.stage_entered_at)
       INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, user_id, at)
       SELECT $1, moved.id, $5, $2, $3, $6, moved.stage_entered_at FROM moved`,
      [scope.companyId, from, to.id, to.kind, pipelineId, scope.userId ?? null],
    );
  }

  /** Pipelines (all, or the one with `id`) with their live stages and the deals in each stage. */
  private async load(m: EntityManager, scope: CompanyScope, id: string | null): Promise<PipelineResponse[]> {
    const pipelines = await queryRows<PipelineRow>(
      m,
      `SELECT id, name, position, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM pipelines WHERE company_id = $1 AND ($2::uuid IS NULL OR id = $2)
        ORDER BY position, created_at, id`,
      [scope.companyId, id],
    );
    if (pipelines.length === 0) return [];
    const stages = await queryRows<StageRow>(
      m,
      `SELECT id, pipeline_id AS "pipelineId", name, position, probability, kind
         FROM pipeline_stages
        WHERE company_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR pipeline_id = $2)
        ORDER BY position, id`,
      [scope.companyId, id],
    );
    const totals = await queryRows<{ stageId: string; currency: string; count: number; amount: string }>(
      m,
      // Kept at write time by triggers on deals (migration 1764670000001): a few rows, not every deal.
      `SELECT t.stage_id AS "stageId", trim(t.currency) AS currency, t.deals AS count, t.amount::text AS amount
         FROM deal_stage_totals t
        WHERE t.company_id = $1 AND t.stage_id = ANY ($2::uuid[]) AND t.deals <> 0
        ORDER BY t.stage_id, t.currency`,
      [scope.companyId, stages.map((s) => s.id)],
    );
    const stageOf = (s: StageRow): StageResponse => {
      const own = totals.filter((t) => t.stageId === s.id);
      return {
        ...s,
        dealCount: own.reduce((sum, t) => sum + t.count, 0),
        totals: own.map((t) => ({ currency: t.currency, amount: formatMoney(t.amount, t.currency) })),
      };
    };
    return pipelines.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position,
      stages: stages.filter((s) => s.pipelineId === p.id).map(stageOf),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    }));
  }

  private async lockPipeline(m: EntityManager, scope: CompanyScope, id: string): Promise<PipelineRow> {
    const [row] = await queryRows<PipelineRow>(
      m,
      `SELECT id, name, position FROM pipelines WHERE company_id = $1 AND id = $2 FOR UPDATE`,
      [scope.companyId, id],
    );
    if (!row) throw pipelineNotFound();
    return row;
  }

  private stagesOf(m: EntityManager, scope: CompanyScope, pipelineId: string): Promise<StageRow[]> {
    return queryRows<StageRow>(
      m,
      `SELECT id, pipeline_id AS "pipelineId", name, position, probability, kind FROM pipeline_stages
        WHERE company_id = $1 AND pipeline_id = $2 AND deleted_at IS NULL ORDER BY position, id`,
      [scope.companyId, pipelineId],
    );
  }

  /** Sets the stages' positions to their order in `ids` (0, 1, …). */
  private async reorder(m: EntityManager, scope: CompanyScope, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE pipeline_stages s SET position = o.ord - 1, updated_at = now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
        WHERE s.company_id = $1 AND s.id = o.id AND s.position <> o.ord - 1`,
      [scope.companyId, ids],
    );
  }

  /** Deal-touching transactions take the company's write lock first (the deal feed, ADR 0004). */
  private writes(scope: CompanyScope) {
    return { sharedLock: companyWritesLockName(scope) };
  }

  private unique<T>(write: () => Promise<T>): Promise<T> {
    return withUniqueConflicts(write, {
      [PIPELINE_NAME_KEY]: ['pipeline_name_taken', 'A pipeline with this name exists'],
      [STAGE_NAME_KEY]: ['stage_name_taken', 'The pipeline has a stage with this name'],
      [STAGE_KIND_KEY]: ['stage_kind_taken', 'The pipeline already has a stage of this kind'],
    });
  }
}

async function renumberPipelines(m: EntityManager, scope: CompanyScope): Promise<void> {
  await m.query(
    `UPDATE pipelines p SET position = o.ord - 1
       FROM (SELECT id, row_number() OVER (ORDER BY position, created_at, id) AS ord
               FROM pipelines WHERE company_id = $1) o
      WHERE p.company_id = $1 AND p.id = o.id AND p.position <> o.ord - 1`,
    [scope.companyId],
  );
}
