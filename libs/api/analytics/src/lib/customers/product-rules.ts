/**
 * Co-purchase rules of a company's products, mined from the items of its most recent paid sales
 * (one basket per sale), and the products a client already owns.
 */
import {
  type AssociationRuleSet,
  createRuleRecommender,
  mineAssociationRules,
  type RuleRecommender,
} from '@crm/api/analytics-models';
import type { CompanyScope } from '@crm/api/core';
import type { CompanyCalendar } from '../indicators/indicator-source';
import type { SqlRunner } from '../sql';

/** Most recent paid sales mined for rules: bounds the time and memory of a refresh. */
export const RULE_BASKETS_MAX = 50_000;

/** A product key: `sku:<sku>` or, for items without a SKU, `name:<name>`. */
export const PRODUCT_KEY_SQL = `coalesce('sku:' || si.sku, 'name:' || si.name)`;

export interface ProductRules {
  baskets: number;
  rules: AssociationRuleSet;
  recommender: RuleRecommender;
  /** Latest item name of each product key. */
  names: Map<string, string>;
}

/** Rules of the company's products; `sql` runs in a tenant transaction of `scope`'s company. */
export async function mineProductRules(sql: SqlRunner, scope: CompanyScope): Promise<ProductRules> {
  const rows = await sql<{ id: string; client_id: string; items: string[]; names: string[] }>(
    `WITH recent AS (
       SELECT id, client_id, sold_at FROM sales WHERE company_id = $1 AND status = 'paid' AND kind = 'sale'
       ORDER BY sold_at DESC LIMIT ${RULE_BASKETS_MAX}
     )
     SELECT r.id, r.client_id, array_agg(${PRODUCT_KEY_SQL} ORDER BY si.position) AS items,
            array_agg(si.name ORDER BY si.position) AS names
     FROM recent r JOIN sale_items si ON si.company_id = $1 AND si.sale_id = r.id
     GROUP BY r.id, r.client_id, r.sold_at
     ORDER BY r.sold_at`,
    [scope.companyId],
  );
  const names = new Map<string, string>();
  for (const row of rows) row.items.forEach((key, i) => names.set(key, row.names[i]));
  const n = rows.length;
  // Fewer than two baskets hold no pattern at all.
  const rules = mineAssociationRules(
    n < 2 ? [] : rows.map((r) => ({ basketId: r.id, clientId: r.client_id, items: r.items })),
    // 1% of the baskets, but at least two baskets: a pair seen once is not a pattern.
    {
      minSupport: n > 0 ? Math.min(1, Math.max(0.01, 2 / n)) : 1,
      minConfidence: 0.1,
      minLift: 1,
      maxAntecedentSize: 2,
    },
  );
  return { baskets: n, rules, recommender: createRuleRecommender(rules.rules), names };
}

/** Product keys of the client's paid sales on or before the local day `asOf`. */
export async function ownedProducts(
  sql: SqlRunner,
  company: CompanyCalendar,
  clientId: string,
  asOf: string,
): Promise<string[]> {
  const rows = await sql<{ key: string }>(
    `SELECT DISTINCT ${PRODUCT_KEY_SQL} AS key
     FROM sales s JOIN sale_items si ON si.company_id = s.company_id AND si.sale_id = s.id
     WHERE s.company_id = $1 AND s.client_id = $2 AND s.status = 'paid' AND s.kind = 'sale'
       AND s.sold_at < (($3::date + 1)::timestamp AT TIME ZONE $4)`,
    [company.scope.companyId, clientId, asOf, company.timeZone],
  );
  return rows.map((r) => r.key);
}

/** `sku:85123A` → `85123A`, `name:Фонарь` → `Фонарь`. */
export const productOfKey = (key: string): string => key.replace(/^(sku|name):/, '');
