import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import {
  baseUrl,
  dismissSnackbars,
  type Language,
  launchBrowser,
  newContext,
  PASSWORD,
  screenshot,
  SCREENSHOTS,
  signIn,
  snackbarText,
  uniqueLogin,
} from './support/browser';
import { seedCompany } from './support/crm-data';
import { spaces } from './support/texts';

const T = {
  ru: {
    nav: 'Отчёты',
    emptyList: 'Отчётов пока нет',
    newReport: 'Новый отчёт',
    types: {
      'sales-overview': 'Общий отчёт по продажам',
      'sales-trends': 'Тенденции продаж',
      'sales-recommendations': 'Рекомендации к продажам',
      pipeline: 'Воронка продаж',
    },
    last90: 'Последние 90 дней',
    winRate: '50 %',
    pdfFormat: 'На экране и PDF',
    revenue: '2 184,50 ₽',
    insights: 'Выводы',
    shared: 'Доступ к отчёту сохранён',
    sharedCompany: 'Открыт всей компании',
    scheduleSaved: 'Расписание сохранено',
    scheduled: 'каждую неделю, понедельник',
    tileCount: '3 отчёта',
    sharedWithMe: 'Открытые мне',
  },
  en: {
    nav: 'Reports',
    emptyList: 'No reports yet',
    newReport: 'New report',
    types: {
      'sales-overview': 'Sales overview',
      'sales-trends': 'Sales trends',
      'sales-recommendations': 'Sales recommendations',
      pipeline: 'Sales pipeline',
    },
    last90: 'Last 90 days',
    winRate: '50%',
    pdfFormat: 'On screen and PDF',
    revenue: '₽2,184.50',
    insights: 'Conclusions',
    shared: 'Sharing saved',
    sharedCompany: 'Shared with the whole company',
    scheduleSaved: 'Schedule saved',
    scheduled: 'every Monday',
    tileCount: '3 reports',
    sharedWithMe: 'Shared with me',
  },
} as const;

type ReportType = keyof (typeof T)['ru']['types'];

async function api<T>(path: string, token: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function login(login: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A colleague who accepted the invitation into the company. */
async function addMember(companyId: string, ownerToken: string, prefix: string): Promise<string> {
  const member = uniqueLogin(prefix);
  await fetch(`${baseUrl()}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: member, password: PASSWORD }),
  });
  await api(`/companies/${companyId}/members`, ownerToken, 'POST', { login: member, role: 'member' });
  const token = await login(member);
  const invitations = await api<{ id: string }[]>('/me/invitations', token);
  await api(`/me/invitations/${invitations[0]?.id}/accept`, token, 'POST', {});
  return member;
}

async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // The panel is gone before the next step (a closing panel left at a desktop position widens a phone's page).
  await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
}

/** The file a click downloads, with its name and first bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()])) as [
    Download,
    void,
  ];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path as string) };
}

/** Waits until the report in the page is built (the KPIs appear), or fails with the page's error. */
async function ready(page: Page): Promise<void> {
  await page
    .locator(
      '[data-testid="kpi-revenue"], [data-testid="kpi-clientsAtRisk"], [data-testid="kpi-cohort"], [data-testid="failed"]',
    )
    .first()
    .waitFor({
      timeout: 90_000,
    });
  const failed = page.locator('[data-testid="failed"]');
  if (await failed.count()) throw new Error(`report failed: ${await failed.innerText()}`);
  await page.waitForLoadState('networkidle');
}

async function build(page: Page, language: Language, type: ReportType, title: string): Promise<void> {
  await page.goto('/reports/new');
  await page.locator(`[data-testid="type-${type}"]`).click();
  await pick(page, 'preset', T[language].last90);
  await page.locator('[data-testid="title"]').fill(title);
  await page.locator('[data-testid="generate"]').click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
  await ready(page);
}

/**
 * How far the page runs off the right side, and the outermost elements past the edge (for the
 * failure message; a wide table inside its scrolling card is listed but does not move the page).
 */
async function overflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1)) {
        culprits.push(
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')} ${Math.round(box.right)}`,
        );
      }
    }
    return { px: document.documentElement.scrollWidth - width, culprits: culprits.slice(0, 8) };
  });
}

/**
 * After a resize to a phone, the shell switches to its phone layout and charts observe their new
 * width: wait (up to 5 s on a busy machine) for the page to settle before measuring it.
 */
async function narrowed(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/** True when nothing runs off the side; else the overflow with its culprits, which the failure prints. */
async function fits(page: Page): Promise<true | { px: number; culprits: string[] }> {
  const result = await overflow(page);
  return result.px <= 0 ? true : result;
}

/** A full-page screenshot from the top, the pointer off the charts. */
async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await dismissSnackbars(page);
  await screenshot(page, name);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((mode) => localStorage.setItem('crm.theme', mode), theme);
  await page.reload();
}

/**
 * Reports in the browser, once per language, on a company a shop filled through the integration
 * API: build each of the three types from the builder, read it, export PDF, CSV and XLSX (the files
 * are checked), share it with a colleague who then finds it, schedule it, drill down to the sales;
 * screenshots in light and dark and on a 360 px phone (artifacts/screenshots/reports-*.png).
 */
describe.each<Language>(['ru', 'en'])('reports (%s)', (language) => {
  const text = T[language];
  const shotName = (name: string) => `reports-${name}.${language}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: string;
  let member: string;
  let companyId: string;
  let ownerToken: string;

  beforeAll(async () => {
    owner = uniqueLogin(`reports-${language}`);
    const seeded = await seedCompany(owner, language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC');
    companyId = seeded.companyId;
    ownerToken = seeded.accessToken;
    member = await addMember(companyId, seeded.accessToken, `colleague-${language}`);
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
    await signIn(page, owner, language);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('opens the reports section from the navigation with an empty list that says what to do', async () => {
    await page.getByRole('navigation').getByRole('link', { name: text.nav }).first().click();
    await page.waitForURL('**/reports');
    await page.getByText(text.emptyList).first().waitFor();
    await shot(page, shotName('01-empty'));
    await page.locator('[data-testid="new-report"]').click();
    await page.waitForURL('**/reports/new');
    await page.locator('[data-testid="type-sales-trends"]').waitFor();
    await shot(page, shotName('02-builder'));
  });

  it('builds the sales overview, downloads the PDF chosen in the builder and shows KPIs, charts and tables', async () => {
    await page.goto('/reports/new');
    await page.locator('[data-testid="type-sales-overview"]').click();
    await pick(page, 'preset', text.last90);
    await page.locator('[data-testid="title"]').fill(`${text.types['sales-overview']} — e2e`);
    await pick(page, 'format', text.pdfFormat);
    const pdf = await downloaded(page, async () => {
      await page.locator('[data-testid="generate"]').click();
    });
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.name).toMatch(/\.pdf$/);
    await ready(page);

    const revenue = spaces(await page.locator('[data-testid="kpi-revenue"]').innerText());
    expect(revenue).toContain(text.revenue);
    await page.locator('[data-testid="chart-top-clients"] svg .bar').first().waitFor();
    await page.locator('[data-testid="table-top-clients"] [data-testid="report-row"]').first().waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/null|undefined|NaN/);
    await shot(page, shotName('03-overview.light'));
  });

  it('exports the report as CSV and XLSX', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await downloaded(page, async () => {
        await page.locator('[data-testid="export"]').click();
        await page.locator(`[data-testid="export-${format}"]`).click();
      });
      // XLSX and a CSV of several tables are zip archives; a single-table CSV starts with the BOM.
      const head = file.bytes.subarray(0, 3);
      const zip = head.subarray(0, 2).toString('latin1') === 'PK';
      const bom = head.equals(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(format === 'xlsx' ? zip : zip || bom).toBe(true);
      expect(file.name).toMatch(format === 'xlsx' ? /\.xlsx$/ : /\.(csv|zip)$/);
    }
  });

  it('shares the report with a colleague and with the whole company; the colleague finds it', async () => {
    await page.locator('[data-testid="share"]').click();
    await page.locator(`[data-testid="share-${member}"]`).click();
    await page.screenshot({ path: join(SCREENSHOTS, `${shotName('04-share')}.png`) });
    await dismissSnackbars(page);
    await page.locator('[data-testid="share-save"]').click();
    expect(await snackbarText(page)).toBe(text.shared);
    await page.locator('[data-testid="sharing"]', { hasText: member }).waitFor();

    const colleague = await newContext(browser, language);
    const theirs = await colleague.newPage();
    try {
      await signIn(theirs, member, language);
      await theirs.goto('/reports?scope=shared');
      await theirs.locator('[data-testid="report-item"]').first().waitFor();
      expect(await theirs.locator('[data-testid="report-item"]').count()).toBe(1);
      await theirs.locator('[data-testid="report-item"] a').first().click();
      await ready(theirs);
      // A colleague reads and exports, but does not manage sharing.
      expect(await theirs.locator('[data-testid="share"]').count()).toBe(0);
      await theirs.locator('[data-testid="export"]').waitFor();
    } finally {
      await colleague.close();
    }

    await page.locator('[data-testid="share"]').click();
    await page.locator('[data-testid="share-company"]').click();
    await dismissSnackbars(page);
    await page.locator('[data-testid="share-save"]').click();
    expect(await snackbarText(page)).toBe(text.shared);
    await page.locator('[data-testid="sharing"]', { hasText: text.sharedCompany }).waitFor();
  });

  it('schedules the report for Monday mornings', async () => {
    await page.locator('[data-testid="schedule"]').click();
    await page.locator('[data-testid="time"]').fill('09:30');
    await page.screenshot({ path: join(SCREENSHOTS, `${shotName('05-schedule')}.png`) });
    await dismissSnackbars(page);
    await page.locator('[data-testid="schedule-save"]').click();
    expect(await snackbarText(page)).toBe(text.scheduleSaved);
    const schedule = await page.locator('[data-testid="schedule-text"]').innerText();
    expect(schedule.toLowerCase()).toContain(text.scheduled.toLowerCase());
    expect(schedule).toContain('09:30');
  });

  it('shows the report in dark and on a 360 px phone without running off the side', async () => {
    await setTheme(page, 'dark');
    await ready(page);
    await page.locator('[data-testid="chart-top-clients"] svg .bar').first().waitFor();
    await shot(page, shotName('03-overview.dark'));
    await page.setViewportSize({ width: 360, height: 780 });
    await narrowed(page);
    expect(await fits(page)).toBe(true);
    await shot(page, shotName('06-overview-360.dark'));
    await setTheme(page, 'light');
    await ready(page);
    await shot(page, shotName('06-overview-360.light'));
    await page.goto('/reports/new');
    await page.locator('[data-testid="type-sales-trends"]').waitFor();
    expect(await fits(page)).toBe(true);
    await shot(page, shotName('07-builder-360'));
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('builds sales trends with the forecast band and opens the sales of a period from its row', async () => {
    await build(page, language, 'sales-trends', `${text.types['sales-trends']} — e2e`);
    const chart = page.locator('[data-testid="chart-trend"]');
    await chart.locator('svg path.line').first().waitFor();
    expect(await chart.locator('g.x.axis .tick text').count()).toBeGreaterThan(1);
    expect(await chart.locator('.crm-chart-legend li').count()).toBeGreaterThanOrEqual(2);
    await shot(page, shotName('08-trends.light'));
    await setTheme(page, 'dark');
    await ready(page);
    await chart.locator('svg path.line').first().waitFor();
    await shot(page, shotName('08-trends.dark'));
    await setTheme(page, 'light');
    await ready(page);

    const period = page.locator('[data-testid="table-timeseries"] button').first();
    await period.click();
    await page.waitForURL((url) => url.pathname === '/sales' && url.searchParams.get('status') === 'paid');
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(url.searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.goBack();
    await ready(page);
  });

  it('builds sales recommendations with their reasons', async () => {
    await build(page, language, 'sales-recommendations', `${text.types['sales-recommendations']} — e2e`);
    await page.locator('crm-report-kpis').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/null|undefined|NaN/);
    await shot(page, shotName('09-recommendations.light'));
    await setTheme(page, 'dark');
    await ready(page);
    await shot(page, shotName('09-recommendations.dark'));
    await setTheme(page, 'light');
  });

  it('lists the three reports, searches by title and type, and counts them on the start screen', async () => {
    await page.goto('/reports');
    await page.locator('[data-testid="report-item"]').first().waitFor();
    expect(await page.locator('[data-testid="report-item"]').count()).toBe(3);
    await shot(page, shotName('10-list.light'));
    await setTheme(page, 'dark');
    await page.locator('[data-testid="report-item"]').first().waitFor();
    await shot(page, shotName('10-list.dark'));
    await setTheme(page, 'light');

    await page.locator('[data-testid="report-search"]').fill(text.types['sales-trends']);
    await page.waitForURL((url) => url.searchParams.has('q'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-item"]').length === 1);
    await page.locator('[data-testid="report-search"]').fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await pick(page, 'type-filter', text.types['sales-recommendations']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-item"]').length === 1);
    await page.setViewportSize({ width: 360, height: 780 });
    await narrowed(page);
    expect(await fits(page)).toBe(true);
    await shot(page, shotName('11-list-360'));
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.goto('/');
    await page.locator('[data-testid="reports-count"]').waitFor();
    expect(await page.locator('[data-testid="reports-count"]').innerText()).toBe(text.tileCount);
    await page.locator('[data-testid="reports-latest"]').waitFor();
    await shot(page, shotName('12-start-tile'));
  });

  it('builds a pipeline report of the company’s deals: funnel, weighted pipeline by month, stuck deals', async () => {
    // Deals pushed through the stages as a shop or a telephony system would: 4 deals enter, 2 are
    // closed (1 won, 1 lost), 2 stay open with expected close dates.
    const { key } = await api<{ key: string }>(`/companies/${companyId}/api-keys`, ownerToken, 'POST', {
      name: 'Deals',
    });
    const close = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const deal = (n: number, client: string, fields: Record<string, unknown> = {}) => ({
      externalId: `D-${n}`,
      clientExternalId: client,
      title: `${language === 'ru' ? 'Сделка' : 'Deal'} ${['А', 'Б', 'В', 'Г'][n - 1]}`,
      amount: `${n * 15000}.00`,
      currency: 'RUB',
      expectedCloseDate: close(20 + n * 40),
      ...fields,
    });
    const push = async (items: unknown[]) => {
      const response = await fetch(`${baseUrl()}/api/v1/deals/batch`, {
        method: 'POST',
        headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      expect(((await response.json()) as { failed: unknown[] }).failed).toEqual([]);
    };
    await push([deal(1, 'C-1'), deal(2, 'C-2'), deal(3, 'C-3'), deal(4, 'C-1')]);
    await push([deal(2, 'C-2', { stage: 'Квалификация' }), deal(3, 'C-3', { stage: 'Переговоры' })]);
    await push([deal(3, 'C-3', { stage: 'Выиграна' }), deal(4, 'C-1', { stage: 'Проиграна', lostReason: 'Дорого' })]);
    const [pipeline] = await api<{ id: string; name: string }[]>(`/companies/${companyId}/pipelines`, ownerToken);

    await page.goto('/reports/new');
    await page.locator('[data-testid="type-pipeline"]').click();
    await pick(page, 'pipeline', pipeline.name);
    await pick(page, 'preset', text.last90);
    await page.locator('[data-testid="title"]').fill(`${text.types.pipeline} — e2e`);
    await shot(page, shotName('13-pipeline-builder'));
    await page.locator('[data-testid="generate"]').click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
    await ready(page);

    expect(spaces(await page.locator('[data-testid="kpi-cohort"]').innerText())).toContain('4');
    expect(spaces(await page.locator('[data-testid="kpi-winRate"]').innerText())).toContain(text.winRate);
    await page.locator('[data-testid="chart-funnel"] svg .bar').first().waitFor();
    await page.locator('[data-testid="chart-pipeline-by-month"] svg .bar').first().waitFor();
    expect(await page.locator('[data-testid="table-funnel"] [data-testid="report-row"]').count()).toBe(6);
    expect(await page.locator('[data-testid="table-pipeline-by-month"] [data-testid="report-row"]').count()).toBe(2);
    await page.locator('[data-testid="table-stuck-deals"]').waitFor();
    await page.locator('[data-testid="insights"]').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain(pipeline.name);
    expect(main).not.toMatch(/null|undefined|NaN/);
    await shot(page, shotName('14-pipeline.light'));

    const pdf = await downloaded(page, async () => {
      await page.locator('[data-testid="export"]').click();
      await page.locator('[data-testid="export-pdf"]').click();
    });
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await setTheme(page, 'dark');
    await ready(page);
    await page.locator('[data-testid="chart-funnel"] svg .bar').first().waitFor();
    await shot(page, shotName('14-pipeline.dark'));
    await page.setViewportSize({ width: 360, height: 780 });
    await narrowed(page);
    expect(await fits(page)).toBe(true);
    await shot(page, shotName('15-pipeline-360.dark'));
    await setTheme(page, 'light');
    await ready(page);
    await narrowed(page);
    expect(await fits(page)).toBe(true);
    await shot(page, shotName('15-pipeline-360.light'));
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
