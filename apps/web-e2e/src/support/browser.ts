import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { TEXTS } from './texts';
import { ROOT } from './web-server';

export type Language = 'ru' | 'en';

export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

export function baseUrl(): string {
  const url = process.env['WEB_E2E_URL'];
  if (!url) throw new Error('WEB_E2E_URL is not set: the global setup did not start the server');
  return url;
}

/** Debian Chromium (Playwright's own browsers cannot be downloaded here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser profile that starts in `language` (as if chosen earlier; a later switch in the
 * page is remembered as usual) and may read and write the clipboard.
 */
export async function newContext(
  browser: Browser,
  language: Language,
  viewport = { width: 1280, height: 860 },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport,
    locale: language === 'ru' ? 'ru-RU' : 'en-US',
    timezoneId: 'Europe/Moscow',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
  await context.addInitScript((lang: string) => {
    if (!localStorage.getItem('crm.language')) localStorage.setItem('crm.language', lang);
  }, language);
  return context;
}

/** A full-page screenshot in artifacts/screenshots, once the page has settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export function uniqueLogin(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const PASSWORD = 'correct-horse-battery';

/** Signs `login` in on the sign-in page, in `language`, and waits for the start screen. */
export async function signIn(page: Page, login: string, language: Language, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: TEXTS[language].signIn, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Signs a user up through the API directly (for the "other user" of a scenario). */
export async function registerViaApi(login: string, companyName?: string): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD, ...(companyName ? { companyName } : {}) }),
  });
  if (response.status !== 201) throw new Error(`register ${login}: ${response.status} ${await response.text()}`);
}

/** The text of the snackbar currently shown. */
export async function snackbarText(page: Page): Promise<string> {
  const label = page.locator('.mat-mdc-snack-bar-label').last();
  await label.waitFor({ state: 'visible' });
  return (await label.innerText()).trim();
}

/** Dismisses snackbars so they are not in the next screenshot. */
export async function dismissSnackbars(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('mat-snack-bar-container').forEach((el) => el.remove()));
}
