import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  dismissSnackbars,
  type Language,
  launchBrowser,
  newContext,
  PASSWORD,
  registerViaApi,
  screenshot,
  snackbarText,
  uniqueLogin,
} from './support/browser';
import { TEXTS } from './support/texts';

/**
 * The foundation scenario, once per language: sign up with a company, land on its start
 * screen, create an API key, copy it, reveal it, invite a colleague, and look at it on a phone.
 */
describe.each<Language>(['ru', 'en'])('foundation scenario (%s)', (language) => {
  const text = TEXTS[language];
  const login = uniqueLogin(`owner-${language}`);
  const shot = (step: string) => screenshot(page, `${step}.${language}`);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let createdKey = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('signs up with a company and lands on the start screen of that company', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: language === 'ru' ? 'Зарегистрироваться' : 'Sign up' }).click();
    await page.waitForURL('**/register');
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    await shot('01-register');

    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="companyName"]').fill(text.companyName);
    await page.getByRole('button', { name: text.register }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(login);
    await page.getByText(text.companySubtitle(text.companyName)).waitFor();
    await page.locator('[data-testid="members-count"]').waitFor();
    await shot('02-start');
  });

  it('opens the API key screen from the navigation', async () => {
    await page.getByRole('navigation').getByRole('link', { name: text.navApiKeys }).click();
    await page.waitForURL('**/keys');
    await page.getByText(text.emptyKeys).waitFor();
    await page.getByText(text.connect).waitFor();
    expect(await page.locator('[data-testid="curl-example"]').innerText()).toContain(
      `${new URL(page.url()).origin}/api/v1/clients/batch`,
    );
    await shot('03-api-keys-empty');
  });

  it('creates a key and shows it once, in full', async () => {
    await page.locator('[data-testid="create-key"]').click();
    await page.locator('[data-testid="key-name"]').fill(text.keyName);
    await shot('04-create-key-dialog');
    await page.getByRole('button', { name: text.createSubmit, exact: true }).click();

    await page.getByRole('heading', { name: text.keyCreated }).waitFor();
    createdKey = (await page.locator('[data-testid="new-key"]').innerText()).trim();
    expect(createdKey.length).toBeGreaterThanOrEqual(24);
    await shot('05-key-created');

    await page.getByRole('button', { name: text.done }).click();
    await page.locator('[data-testid="key-row"]').first().waitFor();
    const masked = await page.locator('[data-testid="key-row"] crm-key-mask').first().innerText();
    expect(masked).toMatch(/•{6,}$/);
    expect(createdKey.startsWith(masked.replace(/•+$/, ''))).toBe(true);
    expect(masked).not.toContain(createdKey);
  });

  it('copies the key: a snackbar confirms and the clipboard holds exactly the shown key', async () => {
    await page.locator('[data-testid="copy-key"]').first().click();
    expect(await snackbarText(page)).toBe(text.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(createdKey);
    await shot('06-key-copied');
    await dismissSnackbars(page);
  });

  it('reveals the key', async () => {
    await page.locator('[data-testid="reveal-key"]').first().click();
    await page.locator('[data-testid="hide-key"]').first().waitFor();
    expect((await page.locator('[data-testid="key-row"] crm-key-mask').first().innerText()).trim()).toBe(createdKey);
    await shot('07-key-revealed');
  });

  it('invites a second registered user on the members screen: pending until they accept', async () => {
    const colleague = uniqueLogin(`colleague-${language}`);
    await registerViaApi(colleague);

    await page.getByRole('navigation').getByRole('link', { name: text.navCompany }).click();
    await page.waitForURL('**/company');
    await page.locator('[data-testid="member-row"]').first().waitFor();
    await page.locator('[data-testid="invite-login"]').fill(colleague);
    await page.locator('[data-testid="invite-submit"]').click();

    expect(await snackbarText(page)).toBe(text.invited(colleague));
    await page.locator('[data-testid="pending-invitation"]', { hasText: colleague }).waitFor();
    expect(await page.locator('[data-testid="member-row"]').count()).toBe(1);
    await dismissSnackbars(page);
    await shot('08-company-members');
  });

  it('fits a 360 px wide phone: bottom navigation, nothing cut off', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 780 });
    for (const [path, step] of [
      ['/', '09-start-360'],
      ['/keys', '10-api-keys-360'],
      ['/company', '11-company-360'],
    ]) {
      await phone.goto(path);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expect(phone.locator('nav.bottom-bar').isVisible()).resolves.toBe(true);
      // Never truncate a label: each bottom-bar label fits inside its own item.
      const cut = await phone.locator('nav.bottom-bar a').evaluateAll((items) =>
        items
          .filter((item) => {
            const label = item.querySelector('span')?.getBoundingClientRect();
            const box = item.getBoundingClientRect();
            return !label || label.left < box.left - 0.5 || label.right > box.right + 0.5;
          })
          .map((item) => item.textContent?.trim()),
      );
      expect(cut).toEqual([]);
      await screenshot(phone, `${step}.${language}`);
    }
    await phone.close();
  });
});
