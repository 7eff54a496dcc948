import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  baseUrl,
  dismissSnackbars,
  type Language,
  launchBrowser,
  newContext,
  PASSWORD,
  screenshot,
  snackbarText,
  uniqueLogin,
} from './support/browser';
import { seedCompany, type SeededCompany } from './support/crm-data';

/**
 * The company admin's screens, once per language: the start screen's missing-rate warning leads to
 * the exchange-rate screen, where the owner adds and edits a rate; invitations that the invitee
 * accepts (on the start screen) or finds on the welcome page; server refusals in the interface
 * language; and the active company not carried over from one user to the next after logout.
 * Screenshots in light and dark, desktop and 360 px.
 */
const WORDS = {
  ru: {
    fixRates: 'Задать курсы валют',
    ratesTitle: 'Курсы валют',
    noRates: 'Курсов пока нет',
    saved: (date: string) => `Курс USD с ${date} сохранён`,
    invited: (login: string) => `Приглашение для ${login} сохранено. Участником он станет, когда примет приглашение.`,
    alreadyMember: 'Этот пользователь уже в компании',
    forYou: 'Вас пригласили в компанию',
    accepted: (company: string) => `Вы приняты в компанию: ${company}`,
    rateText: '91,25',
    rateEdited: '93,5',
  },
  en: {
    fixRates: 'Set exchange rates',
    ratesTitle: 'Exchange rates',
    noRates: 'No rates yet',
    saved: (date: string) => `USD rate from ${date} saved`,
    invited: (login: string) => `Invitation for ${login} saved. They become a member once they accept it.`,
    alreadyMember: 'This user is already a member',
    forYou: 'You are invited to a company',
    accepted: (company: string) => `You joined the company: ${company}`,
    rateText: '91.25',
    rateEdited: '93.5',
  },
} satisfies Record<Language, Record<string, unknown>>;

async function call<T>(path: string, token: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/welcome');
}

async function signOut(page: Page): Promise<void> {
  await page.locator('[data-testid="user-menu"]').click();
  await page.locator('[data-testid="logout"]').click();
  await page.waitForURL('**/login');
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((mode) => localStorage.setItem('crm.theme', mode), theme);
  await page.reload();
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

describe.each<Language>(['ru', 'en'])('company admin screens (%s)', (language) => {
  const words = WORDS[language];
  const shot = (p: Page, step: string) => screenshot(p, `company-admin-${step}.${language}`);
  const ownerCompany = language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC';
  const colleagueCompany = language === 'ru' ? 'ИП Лютик' : 'Buttercup Ltd';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: SeededCompany;
  let colleague: { login: string; token: string; companyId: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
    owner = await seedCompany(uniqueLogin(`admin-${language}`), ownerCompany);
    // A sale in dollars that analytics cannot convert until a USD rate exists.
    const { key } = await call<{ key: string }>(
      `/api/companies/${owner.companyId}/api-keys`,
      owner.accessToken,
      'POST',
      {
        name: 'USD shop',
      },
    );
    const usd = await fetch(`${baseUrl()}/api/v1/sales/batch`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        items: [
          { externalId: 'USD-1', clientExternalId: 'C-2', amount: '25.00', currency: 'USD', soldAt: yesterday() },
        ],
      }),
    });
    expect(usd.status).toBe(200);
    const login = uniqueLogin(`colleague-${language}`);
    const registered = await fetch(`${baseUrl()}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD, companyName: colleagueCompany }),
    });
    const body = (await registered.json()) as { accessToken: string; company: { id: string } };
    colleague = { login, token: body.accessToken, companyId: body.company.id };
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('leads from the missing-rate warning on the start screen to the exchange-rate screen', async () => {
    await signIn(page, owner.login);
    const warning = page.locator('[data-testid="kpi-warning"]');
    await warning.waitFor();
    await shot(page, '01-start-warning');
    await warning.getByRole('link', { name: words.fixRates }).click();
    await page.waitForURL('**/company/rates');
    await page.getByRole('heading', { level: 1, name: words.ratesTitle }).waitFor();
    await page.getByText(words.noRates).waitFor();
    await shot(page, '02-rates-empty');
  });

  it('adds a USD rate and edits it; the list shows it in the interface language', async () => {
    await page.locator('[data-testid="rate-add"]').click();
    await page.locator('[data-testid="rate-currency"]').fill('usd');
    await page.locator('[data-testid="rate-value"]').fill(language === 'ru' ? '91,25' : '91.25');
    // The day is typed as the interface language writes it (not as the browser's locale would).
    await page.locator('[data-testid="rate-valid-from"]').fill(language === 'ru' ? '01.01.2020' : '01/01/2020');
    await page.keyboard.press('Escape'); // closes the currency suggestions, not the dialog
    await shot(page, '03-rate-dialog');
    await page.locator('[data-testid="rate-save"]').click();
    const date = language === 'ru' ? '1 янв. 2020' : 'Jan 1, 2020';
    expect(await snackbarText(page)).toBe(words.saved(date));
    await dismissSnackbars(page);
    const row = page.locator('[data-testid="rate-row"]');
    await row.first().waitFor();
    expect(await row.locator('.value').innerText()).toBe(words.rateText);

    await page.locator('[data-testid="rate-edit-USD-2020-01-01"]').click();
    await page.locator('[data-testid="rate-value"]').fill('93.5');
    await page.locator('[data-testid="rate-save"]').click();
    await page.locator('[data-testid="rate-row"] .value', { hasText: words.rateEdited }).waitFor();
    expect(await row.count()).toBe(1);
    await dismissSnackbars(page);
    await shot(page, '04-rates-list');

    // With the rate in place, the start screen has nothing to warn about.
    await page.goto('/');
    await page.locator('[data-testid="kpi-revenue"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid="kpi-warning"]').count()).toBe(0);
  });

  it('invites: the same answer for a registered login and an unknown one; a member is refused in words', async () => {
    await page.goto('/company');
    await page.locator('[data-testid="member-row"]').first().waitFor();
    for (const login of [colleague.login, uniqueLogin('nobody')]) {
      await page.locator('[data-testid="invite-login"]').fill(login);
      await page.locator('[data-testid="invite-submit"]').click();
      expect(await snackbarText(page)).toBe(words.invited(login));
      await dismissSnackbars(page);
      await page.locator('[data-testid="pending-invitation"]', { hasText: login }).waitFor();
    }
    await page.locator('[data-testid="invite-login"]').fill(owner.login);
    await page.locator('[data-testid="invite-submit"]').click();
    expect((await page.locator('[data-testid="invite-error"]').innerText()).trim()).toBe(words.alreadyMember);
    await shot(page, '05-members-invitations');
  });

  it('lets the invitee accept on the start screen and switch companies', async () => {
    // The owner also joins the colleague's company, so both users share both companies.
    const [invitation] = await Promise.all([
      call<{ id: string }>(`/api/companies/${colleague.companyId}/members`, colleague.token, 'POST', {
        login: owner.login,
        role: 'member',
      }),
    ]);
    await call(`/api/me/invitations/${invitation.id}/accept`, owner.accessToken, 'POST');

    await signOut(page);
    await signIn(page, colleague.login);
    const notice = page.locator('[data-testid="invitation-notice"]');
    await notice.getByText(words.forYou).waitFor();
    await shot(page, '06-invitation-notice');
    await notice.locator('[data-testid="accept-invitation"]').click();
    expect(await snackbarText(page)).toBe(words.accepted(ownerCompany));
    await dismissSnackbars(page);
    await page.locator('[data-testid="company-switcher"]', { hasText: ownerCompany }).waitFor();

    // The colleague goes back to their own company: that choice is theirs only.
    await page.locator('[data-testid="company-switcher"]').click();
    await page.getByRole('menuitemradio', { name: new RegExp(colleagueCompany) }).click();
    await page.locator('[data-testid="company-switcher"]', { hasText: colleagueCompany }).waitFor();
  });

  it("does not keep the previous user's company selected after logout and another login", async () => {
    await signOut(page);
    await signIn(page, owner.login);
    await page.locator('[data-testid="company-switcher"]', { hasText: ownerCompany }).waitFor();
    expect(await page.locator('[data-testid="company-switcher"]').innerText()).toContain(ownerCompany);
  });

  it('shows an invitation on the welcome page of a user without a company', async () => {
    const newcomer = uniqueLogin(`newcomer-${language}`);
    const registered = await fetch(`${baseUrl()}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: newcomer, password: PASSWORD }),
    });
    expect(registered.status).toBe(201);
    await call(`/api/companies/${owner.companyId}/members`, owner.accessToken, 'POST', {
      login: newcomer,
      role: 'admin',
    });
    await signOut(page);
    await signIn(page, newcomer);
    await page.waitForURL('**/welcome');
    await page.locator('[data-testid="invitation-notice"]').waitFor();
    await shot(page, '07-welcome-invitation');
    await page.locator('[data-testid="accept-invitation"]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('[data-testid="company-name"], [data-testid="company-switcher"]').first().waitFor();
    expect(await page.locator('crm-company-switcher').innerText()).toContain(ownerCompany);
    await signOut(page);
  });

  it('looks right in dark mode and at 360 px', async () => {
    await signIn(page, owner.login);
    await setTheme(page, 'dark');
    for (const [path, step, ready] of [
      ['/company/rates', '08-rates-dark', '[data-testid="rate-row"]'],
      ['/company', '09-members-dark', '[data-testid="pending-invitation"]'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await shot(page, step);
    }
    await page.locator('[data-testid="rate-add"]').count(); // the page is settled
    await page.goto('/company/rates');
    await page.locator('[data-testid="rate-edit-USD-2020-01-01"]').click();
    await page.locator('[data-testid="rate-value"]').waitFor();
    await shot(page, '10-rate-dialog-dark');
    await page.keyboard.press('Escape');

    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 780 });
    for (const theme of ['light', 'dark'] as const) {
      await phone.goto('/');
      await setTheme(phone, theme);
      for (const [path, step, ready] of [
        ['/company/rates', `11-rates-360-${theme}`, '[data-testid="rate-row"]'],
        ['/company', `12-members-360-${theme}`, '[data-testid="pending-invitation"]'],
      ] as const) {
        await phone.goto(path);
        await phone.locator(ready).first().waitFor();
        await phone.waitForLoadState('networkidle');
        expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await shot(phone, step);
      }
    }
    await phone.close();
  });
});
