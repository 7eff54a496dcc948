/* eslint-disable @typescript-eslint/no-explicit-any -- analytics and report answers are compared as parsed JSON, field by field */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { api, type TestUser } from '../support/client';
import { clientItem, companyWithKey, pushClients, pushSales } from '../support/crm';

/** Where files worth keeping from a run go (CI keeps `artifacts/`). */
export const ARTIFACTS = join(__dirname, '..', '..', '..', '..', 'artifacts', 'reports');

export const reportsUrl = (user: TestUser, path = '') => `/api/companies/${user.companyId}/reports${path}`;
export const analyticsUrl = (user: TestUser, path: string) => `/api/companies/${user.companyId}/analytics/${path}`;

/** Polls the report until it is no longer running. */
export async function waitForReport(
  user: TestUser,
  id: string,
  timeoutMs = 90_000,
  get: () => request.Test = () =>
    api()
      .get(reportsUrl(user, `/${id}`))
      .set(user.auth),
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await get().expect(200);
    if (res.body.status !== 'running') return res.body;
    if (Date.now() > deadline)
      throw new Error(`Report ${id} still running after ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A small seeded random generator, so the data (and the numbers) are the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  { sku: 'CUP-01', name: 'Кружка «Север»', price: 450 },
  { sku: 'TEA-02', name: 'Чай «Иван-чай», 100 г', price: 320 },
  { sku: 'HNY-03', name: 'Мёд липовый', price: 780 },
  { sku: 'SPN-04', name: 'Ложка деревянная', price: 150 },
  { sku: 'BOX-05', name: 'Подарочная коробка', price: 990.5 },
];

/**
 * A company with two years of sales (2024-11 … 2026-11) of 24 clients: paid sales in RUB and USD
 * (with a rate), some pending and refunded, baskets with products bought together, clients who
 * stopped buying. Returns the owner (with the API key) and the client ids by external id.
 */
export async function salesCompany(
  name = 'ООО «Отчёты»',
): Promise<TestUser & { apiKey: { id: string; key: string }; clients: Map<string, string> }> {
  const owner = await companyWithKey(name);
  await api()
    .put(`/api/companies/${owner.companyId}/exchange-rates`)
    .set(owner.auth)
    .send({ rates: [{ currency: 'USD', rate: '90.5', validFrom: '2024-01-01' }] })
    .expect(200);
  const clientItems = Array.from({ length: 24 }, (_, i) =>
    clientItem(`C-${i + 1}`, { name: `Клиент №${i + 1}`, email: `client${i + 1}@example.ru` }),
  );
  await pushClients(owner.apiKey.key, clientItems).expect(200);
  const random = seeded(11);
  const sales: Record<string, unknown>[] = [];
  let n = 0;
  for (let month = 0; month < 25; month++) {
    const year = 2024 + Math.floor((10 + month) / 12);
    const m = ((10 + month) % 12) + 1;
    const perMonth = 6 + Math.round(6 * (1 + Math.sin((m / 12) * 2 * Math.PI)));
    for (let k = 0; k < perMonth; k++) {
      // Clients 1–6 stop buying after 2025-12: valuable clients at risk, dropped against their history.
      const client = 1 + Math.floor(random() * 24);
      if (client <= 6 && (year > 2025 || (year === 2025 && m === 12))) continue;
      const day = 1 + Math.floor(random() * 28);
      const basket = [PRODUCTS[Math.floor(random() * 3)]];
      if (basket[0].sku === 'CUP-01' || random() < 0.3) basket.push(PRODUCTS[1 + Math.floor(random() * 4)]);
      const items = basket.map((p) => ({
        sku: p.sku,
        name: p.name,
        quantity: 1 + Math.floor(random() * 3),
        unitPrice: p.price.toFixed(2),
      }));
      const amount = items.reduce((s, i) => s + i.quantity * Number(i.unitPrice), 0);
      const usd = random() < 0.1;
      const status = random() < 0.06 ? 'refunded' : random() < 0.05 ? 'pending' : 'paid';
      sales.push({
        externalId: `S-${++n}`,
        clientExternalId: `C-${client}`,
        amount: usd ? (amount / 90).toFixed(2) : amount.toFixed(2),
        currency: usd ? 'USD' : 'RUB',
        soldAt: `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00+03:00`,
        status,
        items: usd ? [] : items,
      });
    }
  }
  const res = await pushSales(owner.apiKey.key, sales).expect(200);
  expect(res.body.failed).toEqual([]);
  const listed = await api()
    .get(`/api/companies/${owner.companyId}/clients`)
    .set(owner.auth)
    .query({ pageSize: 100 })
    .expect(200);
  const clients = new Map<string, string>(
    listed.body.items.map((c: { externalId: string; id: string }) => [c.externalId, c.id]),
  );
  return { ...owner, clients };
}

/** The file of an export answer, as bytes. */
export const binary = (res: request.Response): Buffer => res.body as Buffer;

/** A supertest parser that keeps the body as bytes, whatever its type. */
export const binaryParser = (res: request.Response, done: (e: Error | null, b: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * `pdftotext -layout` of a PDF; page 1 rendered with `pdftoppm` is kept under
 * `artifacts/reports/<name>.png`, and with `lastPage` the last one as `<name>-last.png`.
 */
export function readPdf(
  pdf: Buffer,
  name: string,
  options: { lastPage?: boolean } = {},
): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-report-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, name)]);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  if (options.lastPage) {
    const last = String(pages);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      last,
      '-l',
      last,
      '-singlefile',
      file,
      join(ARTIFACTS, `${name}-last`),
    ]);
  }
  return { text, pages };
}
