import { funnelStages, loadFunnel, share, type SqlRunner } from '@crm/api/deals-analytics';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { database } from '../deals-integration/deals';
import { funnelReference, type RefDeal, type RefStage } from './funnel-reference';

/*
 * The funnel's set-based SQL (`loadFunnel` + `funnelStages`, what `analytics/funnel` answers) equals
 * a plain in-memory computation of the same definitions (`funnel-reference.ts`) over random deal
 * histories: moves forward, back, into won or lost and out again, in several time zones, with deals
 * of another pipeline around, for random periods.
 */

const ZONES = ['UTC', 'Asia/Vladivostok', 'America/New_York'] as const;
const BASE = Date.parse('2026-09-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

const dealArb = fc.record({
  otherPipeline: fc.constantFrom(false, false, false, false, true),
  startMinutes: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  // Stage positions after the first (0–5 in the default pipeline; 4 won, 5 lost).
  firstStage: fc.constantFrom(0, 0, 0, 1, 2),
  moves: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }),
  stays: fc.array(fc.integer({ min: 1, max: 60 * 24 * 20 }), { minLength: 6, maxLength: 6 }),
  cents: fc.integer({ min: 0, max: 10_000_000 }),
});
type DealArb = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

const localDay = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );

/** Stage positions of a deal's stays: the first stage, then each move that changes the stage. */
function path(d: DealArb): number[] {
  const positions: number[] = [d.firstStage];
  for (const m of d.moves) if (m !== positions[positions.length - 1]) positions.push(m);
  return positions;
}

describe('deals funnel (property)', () => {
  let ds: DataSource;
  let sql: SqlRunner;

  beforeAll(async () => {
    ds = await database();
    sql = <T>(text: string, params: readonly unknown[]) => ds.query(text, params as unknown[]) as Promise<T[]>;
  });
  afterAll(() => ds?.destroy());

  it('answers what a plain computation over the histories answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(dealArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 40 }),
        async (zone, deals, fromOffset, length) => {
          const [{ id: companyId }] = await ds.query(
            `INSERT INTO companies (name, time_zone, base_currency) VALUES ('funnel property', $1, 'RUB') RETURNING id`,
            [zone],
          );
          const [{ id: pipelineId }] = await ds.query(`SELECT crm_create_default_pipeline($1) AS id`, [companyId]);
          const [{ id: otherId }] = await ds.query(
            `INSERT INTO pipelines (company_id, name, position) VALUES ($1, 'Другая', 1) RETURNING id`,
            [companyId],
          );
          await ds.query(
            `INSERT INTO pipeline_stages (company_id, pipeline_id, name, position, probability, kind)
             SELECT $1, $2, 'Этап ' || i, i, 10, CASE i WHEN 4 THEN 'won' WHEN 5 THEN 'lost' ELSE 'open' END
               FROM generate_series(0, 5) i`,
            [companyId, otherId],
          );
          const stagesOf = async (pipeline: string) =>
            (await ds.query(
              `SELECT id, position, kind FROM pipeline_stages WHERE company_id = $1 AND pipeline_id = $2 ORDER BY position`,
              [companyId, pipeline],
            )) as RefStage[];
          const stages = await stagesOf(pipelineId);
          const otherStages = await stagesOf(otherId);
          const [{ id: clientId }] = await ds.query(`INSERT INTO clients (company_id) VALUES ($1) RETURNING id`, [
            companyId,
          ]);

          const ref: RefDeal[] = [];
          const dealRows: Record<string, unknown>[] = [];
          const changeRows: Record<string, unknown>[] = [];
          deals.forEach((d, n) => {
            const own = d.otherPipeline ? otherStages : stages;
            const positions = path(d);
            let at = BASE + d.startMinutes * MINUTE;
            const visits = positions.map((p, i) => {
              if (i > 0) at += d.stays[i - 1] * MINUTE;
              return { stageId: own[p].id, at };
            });
            const last = own[positions[positions.length - 1]];
            const ref_ = `deal-${n}`;
            dealRows.push({
              ref: ref_,
              pipeline_id: d.otherPipeline ? otherId : pipelineId,
              stage_id: last.id,
              status: last.kind,
              lost_reason: last.kind === 'lost' ? 'Причина' : null,
              amount: (d.cents / 100).toFixed(2),
              entered: new Date(visits[visits.length - 1].at).toISOString(),
              closed: last.kind === 'open' ? null : new Date(visits[visits.length - 1].at).toISOString(),
              created: new Date(visits[0].at).toISOString(),
            });
            visits.forEach((v, i) =>
              changeRows.push({
                ref: ref_,
                pipeline_id: d.otherPipeline ? otherId : pipelineId,
                from_stage_id: i === 0 ? null : visits[i - 1].stageId,
                to_stage_id: v.stageId,
                at: new Date(v.at).toISOString(),
              }),
            );
            if (!d.otherPipeline) ref.push({ enteredDay: localDay(visits[0].at, zone), amountUnits: d.cents, visits });
          });
          if (dealRows.length) {
            await ds.query(
              `WITH input AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(ref text, pipeline_id uuid, stage_id uuid,
                  status text, lost_reason text, amount numeric, entered timestamptz, closed timestamptz, created timestamptz)),
                deals_in AS (
                  INSERT INTO deals (company_id, external_id, title, client_id, amount, currency, pipeline_id, stage_id,
                                     status, lost_reason, stage_entered_at, closed_at, created_at)
                  SELECT $1, ref, ref, $2, amount, 'RUB', pipeline_id, stage_id, status, lost_reason, entered, closed, created
                    FROM input RETURNING id, external_id)
               INSERT INTO deal_stage_changes (company_id, deal_id, pipeline_id, from_stage_id, to_stage_id, at)
               SELECT $1, d.id, c.pipeline_id, c.from_stage_id, c.to_stage_id, c.at
                 FROM jsonb_to_recordset($4::jsonb) AS c(ref text, pipeline_id uuid, from_stage_id uuid, to_stage_id uuid, at timestamptz)
                 JOIN deals_in d ON d.external_id = c.ref`,
              [companyId, clientId, JSON.stringify(dealRows), JSON.stringify(changeRows)],
            );
          }

          const from = localDay(BASE + fromOffset * DAY, 'UTC');
          const to = localDay(BASE + (fromOffset + length) * DAY, 'UTC');
          const scope = { companyId };
          const rows = await loadFunnel(sql, {
            scope,
            pipelineId,
            from,
            to,
            timeZone: zone,
            conversion: { scope, baseCurrency: 'RUB', currency: 'RUB', today: '2026-12-01' },
          });
          const expected = funnelReference(stages, ref, from, to);
          const actual = funnelStages(rows.stages, rows.cohort);

          expect(rows.cohort).toBe(expected.cohort);
          expect(actual.map((s) => [s.stageId, s.entered, s.reached])).toEqual(
            expected.stages.map((s) => [s.stageId, s.entered, s.reached]),
          );
          actual.forEach((s, i) => {
            const e = expected.stages[i];
            expect(s.conversion).toBe(e.conversion === null ? null : Math.round(e.conversion * 10_000) / 10_000);
            if (e.medianDays === null) expect(s.medianDays).toBeNull();
            else expect(Math.abs((s.medianDays as number) - e.medianDays)).toBeLessThanOrEqual(0.005 + 1e-9);
          });
          const won = ref
            .filter((d) => d.enteredDay >= from && d.enteredDay <= to)
            .filter((d) => {
              const last = d.visits[d.visits.length - 1].stageId;
              return stages.find((s) => s.id === last)?.kind === 'won';
            });
          expect(share(rows.won, rows.won + rows.lost)).toBe(
            expected.winRate === null ? null : Math.round(expected.winRate * 10_000) / 10_000,
          );
          if (expected.averageUnits === null) expect(rows.wonConverted).toBe(0);
          else {
            const sum = won.reduce((s, d) => s + BigInt(d.amountUnits), 0n);
            expect(rows.wonValue).not.toBeNull();
            expect(Number(rows.wonValue)).toBeCloseTo(Number(sum) / 100, 6);
            expect(rows.wonConverted).toBe(won.length);
          }
          if (expected.medianCycleDays === null) expect(rows.medianCycleDays).toBeNull();
          else
            expect(Math.abs(Number(rows.medianCycleDays) - expected.medianCycleDays)).toBeLessThanOrEqual(0.005 + 1e-9);

          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      { numRuns: Number(process.env['DEALS_FUNNEL_PROPERTY_RUNS'] ?? 40) },
    );
  });
});
