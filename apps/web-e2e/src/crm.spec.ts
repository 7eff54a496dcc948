import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  dismissSnackbars,
  type Language,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  snackbarText,
  uniqueLogin,
} from './support/browser';
import { seedCompany } from './support/crm-data';
import { spaces } from './support/texts';

const T = {
  ru: {
    clients: 'Клиенты',
    sales: 'Продажи',
    imports: 'Импорт',
    clientsCount: '3 клиента',
    salesCount: '5 продаж',
    revenue: '1 234,50 ₽',
    noteAdded: 'Заметка добавлена',
    note: 'Перезвонить в понедельник, интересуется оптом',
    saleTitle: 'Продажа INV-1001',
    completed: 'Завершён',
    pending: 'Ожидает оплаты',
  },
  en: {
    clients: 'Clients',
    sales: 'Sales',
    imports: 'Import',
    clientsCount: '3 clients',
    salesCount: '5 sales',
    revenue: '₽1,234.50',
    noteAdded: 'Note added',
    note: 'Call back on Monday, interested in wholesale',
    saleTitle: 'Sale INV-1001',
    completed: 'Completed',
    pending: 'Pending',
  },
} as const;

/**
 * Clients and sales in the browser, once per language, on a company a "shop" filled through the
 * integration API: start screen KPIs, clients list → detail → note, sales list → detail, CSV import.
 */
describe.each<Language>(['ru', 'en'])('clients and sales (%s)', (language) => {
  const text = T[language];
  const shot = (name: string) => screenshot(page, `crm-${name}.${language}`);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const login = uniqueLogin(`crm-${language}`);
    await seedCompany(login, language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC');
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
    await signIn(page, login, language);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows live client and sale counts and the 30-day KPIs with the revenue chart on the start screen', async () => {
    await page.waitForLoadState('networkidle');
    // The embedded database may refuse one of the parallel start-screen reads (an API issue, reported);
    // the tile then offers Retry, which is what a user would press.
    for (let attempt = 0; attempt < 3; attempt++) {
      const retries = await page.getByRole('button', { name: language === 'ru' ? 'Повторить' : 'Retry' }).all();
      if (retries.length === 0) break;
      for (const retry of retries) await retry.click();
      await page.waitForLoadState('networkidle');
    }
    await expect(page.locator('[data-testid="clients-count"]').innerText()).resolves.toBe(text.clientsCount);
    await expect(page.locator('[data-testid="sales-count"]').innerText()).resolves.toBe(text.salesCount);
    const revenue = page.locator('[data-testid="kpi-revenue"]');
    await revenue.waitFor();
    // Paid sales only: INV-1001 in the last 30 days (pending and refunded are not revenue).
    expect(spaces(await revenue.innerText())).toContain(text.revenue);
    await page.locator('[data-testid="revenue-chart"] svg').first().waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/null|undefined|NaN/);
    await shot('01-start');
  });

  it('lists clients, searches through the URL and opens a client', async () => {
    await page.getByRole('navigation').getByRole('link', { name: text.clients }).click();
    await page.waitForURL('**/clients');
    await page.locator('[data-testid="client-row"]').first().waitFor();
    expect(await page.locator('[data-testid="client-row"]').count()).toBe(3);
    expect(await page.locator('body').innerText()).not.toMatch(/null|undefined/);
    await shot('02-clients');

    await page.locator('[data-testid="client-search"]').fill('Анна');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Анна');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="client-row"]').length === 1);
    // The address is shareable: reloading it shows the same filtered list.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="client-row"]').length === 1);
    expect(await page.locator('[data-testid="client-search"]').inputValue()).toBe('Анна');

    await page.locator('[data-testid="client-row"]').first().click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect(page.locator('[data-testid="client-title"]').innerText()).resolves.toBe('Анна Петрова');
    await page.locator('[data-testid="purchase-row"]').first().waitFor();
    expect(await page.locator('[data-testid="purchase-row"]').count()).toBe(3);
  });

  it('adds a note to the client', async () => {
    await page.getByRole('tab', { name: language === 'ru' ? 'Заметки' : 'Notes' }).click();
    await page.locator('[data-testid="note-text"]').fill(text.note);
    await page.locator('[data-testid="note-save"]').click();
    expect(await snackbarText(page)).toBe(text.noteAdded);
    await page.locator('[data-testid="note"]', { hasText: text.note }).waitFor();
    await dismissSnackbars(page);
    await shot('03-client-notes');
    await page.getByRole('tab', { name: language === 'ru' ? 'Покупки' : 'Purchases' }).click();
    await shot('04-client');
  });

  it('lists sales with right-aligned amounts, filters by status and opens a sale with its buyer and items', async () => {
    await page.getByRole('navigation').getByRole('link', { name: text.sales }).click();
    await page.waitForURL('**/sales');
    await page.locator('[data-testid="sale-row"]').first().waitFor();
    expect(await page.locator('[data-testid="sale-row"]').count()).toBe(5);
    const align = await page
      .locator('[data-testid="sale-amount"]')
      .first()
      .evaluate((el) => getComputedStyle(el).textAlign);
    expect(align).toBe('right');
    await shot('05-sales');

    await page.goto('/sales?status=pending');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sale-row"]').length === 1);
    expect(await page.locator('[data-testid="sale-row"]').first().innerText()).toContain(text.pending);

    await page.goto('/sales');
    await page.locator('[data-testid="sale-row"]', { hasText: 'INV-1001' }).click();
    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
    await expect(page.locator('[data-testid="sale-title"]').innerText()).resolves.toBe(text.saleTitle);
    expect(spaces(await page.locator('[data-testid="sale-total"]').innerText())).toBe(text.revenue);
    expect(await page.locator('[data-testid="item-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="buyer-card"]').innerText()).toContain('Анна Петрова');
    await shot('06-sale');
    await page.locator('[data-testid="open-buyer"]').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  });

  it('imports a small CSV of clients: upload, suggested mapping, preview, run to completion', async () => {
    const csv = join(tmpdir(), `clients-${language}.csv`);
    writeFileSync(
      csv,
      'Код;ФИО;E-mail;Телефон\nC-10;Иван Кузнецов;ivan@example.ru;+7 900 000-00-01\nC-11;Мария Орлова;not-an-email;\nC-12;Пётр Волков;petr@example.ru;\n',
    );
    await page.getByRole('navigation').getByRole('link', { name: text.imports }).click();
    await page.waitForURL('**/imports');
    await page.locator('[data-testid="import-file"]').setInputFiles(csv);
    await page.locator('[data-testid="import-upload"]').click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="import-preview"]').click();
    await page.locator('[data-testid="import-preview-table"]').waitFor();
    await shot('07-import-preview');

    await page.locator('[data-testid="import-run"]').click();
    await page.locator('[data-testid="import-status"]', { hasText: text.completed }).waitFor({ timeout: 30_000 });
    const counts = await page.locator('[data-testid="import-counts"]').innerText();
    expect(counts).toMatch(language === 'ru' ? /Создано 2 .* отклонено 1/ : /Created 2 .* rejected 1/);
    await page.locator('[data-testid="download-rejected"]').waitFor();
    await shot('08-import-done');

    await page.goto('/clients');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="client-row"]').length === 5);
  });

  it('fits a 360 px phone on the clients list and a client', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 780 });
    await phone.goto('/clients');
    await phone.locator('[data-testid="client-row"]').first().waitFor();
    await screenshot(phone, `crm-09-clients-360.${language}`);
    await phone.close();
  });
});
