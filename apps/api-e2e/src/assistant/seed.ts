/**
 * The assistant's evaluation company: clients with Russian and English names, three years of sales
 * of six products with co-purchase patterns, some clients who stopped buying. Everything the
 * evaluation expects is computed from these rows (see `expected.ts`), never typed in.
 */
import { random } from '../analytics/scenario';
import { api, registerUser, type TestUser } from '../support/client';
import { createApiKey, pushClients, pushSales } from '../support/crm';
import { dbQuery } from './db';

export interface SeedProduct {
  sku: string;
  name: string;
  price: number;
}

export interface SeedSale {
  externalId: string;
  clientExternalId: string;
  amount: string;
  currency: 'RUB';
  soldAt: string;
  status: 'paid' | 'cancelled';
  items: { sku: string; name: string; quantity: number; unitPrice: string }[];
  /** Local (UTC) day. */
  day: string;
  cents: number;
}

export const PRODUCTS: SeedProduct[] = [
  { sku: 'COF-1', name: 'Кофе зерновой', price: 900 },
  { sku: 'FLT-2', name: 'Фильтры бумажные', price: 150 },
  { sku: 'GRN-3', name: 'Кофемолка ручная', price: 3200 },
  { sku: 'CUP-4', name: 'Чашка керамическая', price: 450 },
  { sku: 'TEA-5', name: 'Чай улун', price: 700 },
  { sku: 'SYR-6', name: 'Сироп ванильный', price: 380 },
];

/** name, and the last day the client buys (null: still buying), and products the client never buys. */
export const CLIENTS: { externalId: string; name: string; email: string; stopsOn: string | null; avoids: string[] }[] =
  [
    { externalId: 'C-01', name: 'Анна Смирнова', email: 'anna@example.ru', stopsOn: null, avoids: ['FLT-2'] },
    { externalId: 'C-02', name: 'Борис Иванов', email: 'boris@example.ru', stopsOn: null, avoids: [] },
    { externalId: 'C-03', name: 'Ольга Кузнецова', email: 'olga@example.ru', stopsOn: null, avoids: [] },
    { externalId: 'C-04', name: 'Дмитрий Попов', email: 'dmitry@example.ru', stopsOn: null, avoids: [] },
    { externalId: 'C-05', name: 'Елена Соколова', email: 'elena@example.ru', stopsOn: null, avoids: [] },
    { externalId: 'C-06', name: 'John Carter', email: 'john@example.com', stopsOn: null, avoids: ['CUP-4'] },
    { externalId: 'C-07', name: 'Mary Lee', email: 'mary@example.com', stopsOn: null, avoids: [] },
    { externalId: 'C-08', name: 'Peter Brown', email: 'peter@example.com', stopsOn: null, avoids: [] },
    { externalId: 'C-09', name: 'Sofia Garcia', email: 'sofia@example.com', stopsOn: '2025-03-10', avoids: [] },
    { externalId: 'C-10', name: 'Liam Wilson', email: 'liam@example.com', stopsOn: '2025-09-20', avoids: [] },
    { externalId: 'C-11', name: 'Noah Davis', email: 'noah@example.com', stopsOn: '2026-05-15', avoids: [] },
    { externalId: 'C-12', name: 'Емма Кларк', email: 'emma@example.com', stopsOn: '2026-07-01', avoids: [] },
  ];

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Days before yesterday of each still-buying client's last purchase. Fixed, so that the clients'
 * recency — their segments, and whose next purchase is due — is the same on whatever day the tests
 * run (their purchases are laid back from there; a history laid forward from a fixed date made the
 * day's recommendations depend on the date).
 */
const LAST_PURCHASE_LAG: Record<string, number> = {
  'C-01': 0,
  'C-02': 12,
  'C-03': 3,
  'C-04': 20,
  'C-05': 7,
  'C-06': 1,
  'C-07': 25,
  'C-08': 5,
};
/** Buys every seven days and last bought eight days ago: a regular client whose next purchase is due. */
const WEEKLY = 'C-05';

export function buildSales(today: string, seed = 12): SeedSale[] {
  const rnd = random(seed);
  const sales: SeedSale[] = [];
  const byName = new Map(PRODUCTS.map((p) => [p.sku, p]));
  CLIENTS.forEach((client, index) => {
    const first = addDays('2024-01-01', Math.floor(rnd() * 20) + index);
    const days: string[] = [];
    if (client.stopsOn && client.stopsOn < today) {
      // Lapsed clients bought often, until they stopped.
      for (let day = first; day <= client.stopsOn; day = addDays(day, 8 + Math.floor(rnd() * 10))) days.push(day);
    } else {
      // The others every 12–45 days, back from their last purchase.
      const gap = () => (client.externalId === WEEKLY ? 7 : 12 + Math.floor(rnd() * 34));
      for (
        let day = addDays(today, -1 - LAST_PURCHASE_LAG[client.externalId]);
        day >= first;
        day = addDays(day, -gap())
      ) {
        days.unshift(day);
      }
    }
    let n = 0;
    for (const day of days) {
      const basket: string[] = [];
      if (rnd() < 0.7) {
        basket.push('COF-1');
        if (rnd() < 0.65) basket.push('FLT-2');
      }
      if (rnd() < 0.2) {
        basket.push('GRN-3');
        if (rnd() < 0.7) basket.push('CUP-4');
      }
      if (rnd() < 0.35) {
        basket.push('TEA-5');
        if (rnd() < 0.5) basket.push('SYR-6');
      }
      if (!basket.length) basket.push('TEA-5');
      const skus = [...new Set(basket)].filter((s) => !client.avoids.includes(s));
      if (!skus.length) skus.push(client.avoids.includes('COF-1') ? 'TEA-5' : 'COF-1');
      const items = skus.map((sku) => {
        const p = byName.get(sku)!;
        const quantity = 1 + Math.floor(rnd() * 3);
        return { sku, name: p.name, quantity, unitPrice: p.price.toFixed(2) };
      });
      const cents = items.reduce((s, i) => s + i.quantity * Math.round(Number(i.unitPrice) * 100), 0);
      sales.push({
        externalId: `S-${client.externalId}-${++n}`,
        clientExternalId: client.externalId,
        amount: (cents / 100).toFixed(2),
        currency: 'RUB',
        soldAt: `${day}T12:00:00Z`,
        status: rnd() < 0.05 ? 'cancelled' : 'paid',
        items,
        day,
        cents,
      });
    }
  });
  return sales;
}

/**
 * The company's deals in its default pipeline: stage, and how many days ago the deal was created
 * and (when it moved) left its first stage. The stays in «Новая» that ended (2, 4, 3, 3 days) give
 * the stage a median of 3 days, so the deals in «Новая» for 12 and 7 days are stuck; nothing else
 * has a median. No deal is won: a won deal would add a sale and change the sales figures.
 */
export const DEALS: {
  key: string;
  title: string;
  client: string;
  amount: string;
  stage: string;
  created: number;
  moved: number | null;
  close: 'this-month' | 'next-month' | null;
  lostReason?: string;
}[] = [
  {
    key: 'D1',
    title: 'Поставка кофе для офиса',
    client: 'C-02',
    amount: '120000.00',
    stage: 'Новая',
    created: 12,
    moved: null,
    close: 'this-month',
  },
  {
    key: 'D2',
    title: 'Кофемашины в аренду',
    client: 'C-02',
    amount: '45000.50',
    stage: 'Предложение',
    created: 10,
    moved: 8,
    close: 'next-month',
  },
  {
    key: 'D3',
    title: 'Wholesale tea supply',
    client: 'C-06',
    amount: '300000.00',
    stage: 'Переговоры',
    created: 20,
    moved: 16,
    close: null,
  },
  {
    key: 'D4',
    title: 'Syrups for the café',
    client: 'C-07',
    amount: '8000.00',
    stage: 'Квалификация',
    created: 9,
    moved: 6,
    close: 'this-month',
  },
  {
    key: 'D5',
    title: 'Дегустация зёрен',
    client: 'C-03',
    amount: '15000.00',
    stage: 'Новая',
    created: 1,
    moved: null,
    close: null,
  },
  {
    key: 'D6',
    title: 'Подарочные наборы',
    client: 'C-08',
    amount: '20000.00',
    stage: 'Проиграна',
    created: 5,
    moved: 2,
    close: null,
    lostReason: 'Дорого',
  },
  {
    key: 'D7',
    title: 'Кофе для ресторана',
    client: 'C-01',
    amount: '60000.00',
    stage: 'Новая',
    created: 7,
    moved: null,
    close: null,
  },
];

export interface SeededDeal {
  id: string;
  key: string;
  title: string;
  clientExternalId: string;
  amount: string;
  stage: string;
  probability: number;
  status: string;
  expectedCloseDate: string | null;
  daysInStage: number;
}

export interface SeededCompany {
  owner: TestUser;
  today: string;
  sales: SeedSale[];
  deals: SeededDeal[];
  clientIds: Map<string, string>;
  url(path: string): string;
}

/** Registers a company in UTC and writes the clients and sales through the integration API. */
export async function seedCompany(name = 'ООО Кофейня'): Promise<SeededCompany> {
  const owner = await registerUser(name);
  await api().patch(`/api/companies/${owner.companyId}`).set(owner.auth).send({ timeZone: 'UTC' }).expect(200);
  const key = (await createApiKey(owner)).key;
  const today = new Date().toISOString().slice(0, 10);
  const res = await pushClients(
    key,
    CLIENTS.map((c) => ({ externalId: c.externalId, name: c.name, email: c.email })),
  ).expect(200);
  expect(res.body.failed).toEqual([]);
  const sales = buildSales(today);
  for (let i = 0; i < sales.length; i += 1000) {
    const batch = sales.slice(i, i + 1000).map(({ day: _d, cents: _c, ...s }) => s);
    const r = await pushSales(key, batch).expect(200);
    expect(r.body.failed).toEqual([]);
  }
  const clientIds = new Map<string, string>();
  const list = await api()
    .get(`/api/companies/${owner.companyId}/clients`)
    .set(owner.auth)
    .query({ pageSize: 200 })
    .expect(200);
  for (const c of list.body.items) clientIds.set(c.externalId, c.id);
  const url = (path: string) => `/api/companies/${owner.companyId}/${path}`;
  const deals = await seedDeals(owner, today, clientIds, url);
  return { owner, today, sales, deals, clientIds, url };
}

const monthEnd = (day: string, plus: number) => {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m + plus, 0)).toISOString().slice(0, 10);
};

/** Writes {@link DEALS} through the web API, then back-dates their history (no route can). */
async function seedDeals(
  owner: TestUser,
  today: string,
  clientIds: Map<string, string>,
  url: (path: string) => string,
): Promise<SeededDeal[]> {
  const [pipeline] = (await api().get(url('pipelines')).set(owner.auth).expect(200)).body as {
    stages: { id: string; name: string; probability: number; kind: string }[];
  }[];
  const stage = (name: string) => pipeline.stages.find((x) => x.name === name)!;
  const out: SeededDeal[] = [];
  for (const d of DEALS) {
    const expectedCloseDate =
      d.close === 'this-month' ? monthEnd(today, 0) : d.close === 'next-month' ? monthEnd(today, 1) : null;
    const created = await api()
      .post(url('deals'))
      .set(owner.auth)
      .send({
        title: d.title,
        clientId: clientIds.get(d.client),
        amount: d.amount,
        currency: 'RUB',
        stageId: stage('Новая').id,
        ...(expectedCloseDate ? { expectedCloseDate } : {}),
      })
      .expect(201);
    const id = created.body.id as string;
    if (d.stage !== 'Новая')
      await api()
        .post(url(`deals/${id}/move`))
        .set(owner.auth)
        .send({ stageId: stage(d.stage).id, ...(d.lostReason ? { lostReason: d.lostReason } : {}) })
        .expect(200);
    await dbQuery(
      `UPDATE deal_stage_changes SET at = now() - make_interval(days => CASE WHEN from_stage_id IS NULL THEN $3::int ELSE $4::int END)
        WHERE company_id = $1 AND deal_id = $2`,
      [owner.companyId, id, d.created, d.moved ?? 0],
    );
    await dbQuery(
      `UPDATE deals SET stage_entered_at = now() - make_interval(days => $3::int) WHERE company_id = $1 AND id = $2`,
      [owner.companyId, id, d.moved ?? d.created],
    );
    const s = stage(d.stage);
    out.push({
      id,
      key: d.key,
      title: d.title,
      clientExternalId: d.client,
      amount: d.amount,
      stage: d.stage,
      probability: s.probability,
      status: s.kind,
      expectedCloseDate,
      daysInStage: d.moved ?? d.created,
    });
  }
  return out;
}
