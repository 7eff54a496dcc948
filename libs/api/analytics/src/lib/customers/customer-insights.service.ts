/**
 * The request API of the customer models: RFM segments of the customer base and one client's
 * outlook (probability of being active, expected purchases and value, segment, recommended
 * products), answered from the fitted models {@link CustomerModelCache} keeps.
 */
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdProbabilityAlive,
  gammaGammaConditionalExpectedValue,
  RFM_SEGMENTS,
} from '@crm/api/analytics-models';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import {
  coded,
  type ClientOutlookResponse,
  type CustomerOutlookQueryDto,
  type RfmSegmentsResponse,
} from '@crm/shared/contracts';
import { dateOfDay } from '../calendar';
import { moneyOfNumber } from '../decimal';
import { managerRunner } from '../indicators/indicators.service';
import { CustomerModelCache } from './customer-models.cache';
import { ownedProducts, productOfKey } from './product-rules';

const HORIZON_DAYS = 90;
const RECOMMENDATIONS = 5;

@Injectable()
export class CustomerInsightsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly models: CustomerModelCache,
  ) {}

  async segments(scope: CompanyScope, query: CustomerOutlookQueryDto): Promise<RfmSegmentsResponse> {
    const entry = await this.models.entry(scope, query);
    return { asOf: entry.asOf, currency: entry.currency, totalClients: entry.index.size, items: entry.segments };
  }

  async outlook(scope: CompanyScope, clientId: string, query: CustomerOutlookQueryDto): Promise<ClientOutlookResponse> {
    const timeZone = await this.tenantDb.run(scope, async (m) => {
      const [client] = await m.query(`SELECT 1 FROM clients WHERE company_id = $1 AND id = $2`, [
        scope.companyId,
        clientId,
      ]);
      if (!client) throw new NotFoundException(coded('client_not_found', 'Client not found'));
      const [company] = (await m.query(`SELECT time_zone FROM companies WHERE id = $1`, [scope.companyId])) as {
        time_zone: string;
      }[];
      return company?.time_zone ?? 'UTC';
    });
    const entry = await this.models.entry(scope, query);
    const rules = await this.models.rulesFor(scope);
    const owned = await this.tenantDb.run(scope, (m) =>
      ownedProducts(managerRunner(m), { scope, timeZone }, clientId, entry.asOf),
    );
    const notes: string[] = [];
    const i = entry.index.get(clientId);
    const m = entry.models;
    let pAlive: number | null = null;
    let expectedPurchases: number | null = null;
    let expectedValue: string | null = null;
    if (i === undefined) {
      notes.push(`No counted purchase up to ${entry.asOf}: the customer models start at a client's first purchase.`);
    } else if (m.bgnbd) {
      const observation = { x: entry.x[i], tx: entry.tx[i], T: entry.T[i] };
      pAlive = bgnbdProbabilityAlive(m.bgnbd, observation);
      expectedPurchases = bgnbdConditionalExpectedPurchases(m.bgnbd, observation, HORIZON_DAYS);
      if (m.gammaGamma) {
        try {
          const perPurchase = gammaGammaConditionalExpectedValue(m.gammaGamma, {
            x: entry.x[i],
            averageValue: entry.averageRepeatValue[i],
          });
          expectedValue = moneyOfNumber(expectedPurchases * perPurchase, entry.currency);
        } catch (error) {
          notes.push(`Expected value undefined: ${(error as Error).message}.`);
        }
      } else {
        notes.push('Spend model not fitted (fewer than two repeat customers): no expected value.');
      }
    } else {
      notes.push(
        `Customer models not fitted (${m.status}): ${m.customers} client(s) with purchases, none bought twice.`,
      );
    }
    const recommendations = rules.rules.recommender.recommend(owned, RECOMMENDATIONS);
    return {
      clientId,
      asOf: entry.asOf,
      currency: entry.currency,
      pAlive,
      expectedPurchases90d: expectedPurchases,
      expectedValue90d: expectedValue,
      segment: i === undefined ? null : RFM_SEGMENTS[entry.segment[i]],
      rfm: i === undefined ? null : entry.rfm[i],
      purchases: i === undefined ? 0 : entry.x[i] + 1,
      firstPurchase: i === undefined ? null : dateOfDay(entry.firstDay[i]),
      lastPurchase: i === undefined ? null : dateOfDay(entry.lastDay[i]),
      recommendedProducts: recommendations.map((r) => ({
        product: productOfKey(r.productId),
        name: rules.rules.names.get(r.productId) ?? productOfKey(r.productId),
        confidence: r.confidence,
        lift: r.lift,
        rule: {
          antecedent: r.rule.antecedent.map(productOfKey),
          antecedentNames: r.rule.antecedent.map((key) => rules.rules.names.get(key) ?? productOfKey(key)),
          support: r.rule.support,
          confidence: r.rule.confidence,
          lift: r.rule.lift,
        },
      })),
      model: {
        status: m.status,
        fittedAt: m.fittedAt.toISOString(),
        customers: m.customers,
        params: { ...(m.bgnbd ?? {}), ...(m.gammaGamma ?? {}) },
      },
      notes,
    };
  }

  /**
   * The clients whose RFM segment (as of `asOf`, default today) is one of `segments`: most purchases
   * first, then the most recent last purchase. For lists such as "clients at risk".
   */
  async clientsInSegments(
    scope: CompanyScope,
    segments: readonly string[],
    limit: number,
    query: CustomerOutlookQueryDto = {},
  ): Promise<{
    asOf: string;
    total: number;
    items: { clientId: string; segment: string; purchases: number; firstPurchase: string; lastPurchase: string }[];
  }> {
    const entry = await this.models.entry(scope, query);
    const matches: { clientId: string; i: number }[] = [];
    for (const [clientId, i] of entry.index) {
      if (segments.includes(RFM_SEGMENTS[entry.segment[i]])) matches.push({ clientId, i });
    }
    matches.sort(
      (a, b) =>
        entry.x[b.i] - entry.x[a.i] || entry.lastDay[b.i] - entry.lastDay[a.i] || a.clientId.localeCompare(b.clientId),
    );
    return {
      asOf: entry.asOf,
      total: matches.length,
      items: matches.slice(0, limit).map(({ clientId, i }) => ({
        clientId,
        segment: RFM_SEGMENTS[entry.segment[i]],
        purchases: entry.x[i] + 1,
        firstPurchase: dateOfDay(entry.firstDay[i]),
        lastPurchase: dateOfDay(entry.lastDay[i]),
      })),
    };
  }
}
