import { api } from '../support/client';
import { type EvalContext } from './expected';
import { CLIENTS, type SeededCompany } from './seed';

const AT_RISK = new Set(['at_risk', 'cannot_lose', 'hibernating']);

/** What the models say about the seeded company, read from the analytics API (not from the assistant). */
export async function evalContext(s: SeededCompany): Promise<EvalContext> {
  const forecast: Record<number, string[]> = {};
  for (const horizon of [3, 6]) {
    const f = await api().get(s.url('analytics/forecast')).set(s.owner.auth).query({ horizon }).expect(200);
    forecast[horizon] = f.body.points.map((p: { revenue: string }) => p.revenue);
  }
  const seg = await api().get(s.url('analytics/segments')).set(s.owner.auth).expect(200);
  const atRisk = new Set<string>();
  const recommended = new Map<string, string[]>();
  for (const c of CLIENTS) {
    const o = await api()
      .get(s.url(`analytics/clients/${s.clientIds.get(c.externalId)}/outlook`))
      .set(s.owner.auth)
      .expect(200);
    if (AT_RISK.has(o.body.segment)) atRisk.add(c.name);
    recommended.set(
      c.externalId,
      o.body.recommendedProducts.map((r: { name: string }) => r.name),
    );
  }
  return {
    today: s.today,
    sales: s.sales,
    clientIds: s.clientIds,
    forecast,
    segmentsTotal: seg.body.totalClients,
    atRisk,
    recommended,
    deals: s.deals,
  };
}
