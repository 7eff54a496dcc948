import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, PASSWORD, screenshot, uniqueLogin } from './support/browser';

/** Russian by default (no English texts downloaded); English at runtime without a reload; remembered; and back. */
describe('language switch', () => {
  const login = uniqueLogin('polyglot');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // The bodies of the scripts the page downloaded: each language's texts are a chunk of their own.
  const scripts: Promise<string>[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // A plain profile: no language chosen yet, so the app must pick Russian itself.
    context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.text().catch(() => ''));
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  // The page's title once rendered: right after a navigation the heading may exist before its text.
  const heading = () => page.getByRole('heading', { level: 1 }).filter({ hasText: /\S/ }).innerText();
  const navTexts = () => page.getByRole('navigation').getByRole('link').allInnerTexts();
  const englishDownloaded = async () => (await Promise.all(scripts)).some((body) => body.includes('No keys yet'));

  it('starts in Russian for a new visitor', async () => {
    await page.goto('/register');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await heading()).toBe('Регистрация');
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="companyName"]').fill('Ромашка и партнёры');
    await page.getByRole('button', { name: 'Создать аккаунт' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/keys');
    await page.getByText('Ключей пока нет').waitFor();
    expect(await heading()).toBe('API-ключ');
    // Sections are added over time: check those this spec knows, and that every label is Russian.
    expect(await navTexts()).toEqual(expect.arrayContaining(['Начало', 'API-ключ', 'Компания']));
    for (const label of await navTexts()) expect(label).toMatch(/[а-яё]/i);
    expect(await page.title()).toBe('API-ключ · CRM');
    expect(await englishDownloaded()).toBe(false);
    await screenshot(page, '12-language-before.ru');
  });

  it('switches to English at once, without reloading the page', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.locator('[data-testid="language-toggle"]').click();

    await page.getByText('No keys yet').waitFor();
    expect(await heading()).toBe('API key');
    expect(await navTexts()).toEqual(expect.arrayContaining(['Start', 'API key', 'Company']));
    for (const label of await navTexts()) expect(label).not.toMatch(/[а-яё]/i);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('API key · CRM');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await englishDownloaded()).toBe(true);
    await screenshot(page, '13-language-switched.en');
  });

  it('remembers English after a reload', async () => {
    await page.reload();
    await page.getByText('No keys yet').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('switches back to Russian', async () => {
    await page.locator('[data-testid="language-toggle"]').click();
    await page.getByText('Ключей пока нет').waitFor();
    expect(await heading()).toBe('API-ключ');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
  });

  it('switches the theme to dark and remembers it', async () => {
    await page.locator('[data-testid="theme-toggle"]').click();
    expect(await page.locator('html').getAttribute('class')).toContain('theme-dark');
    await page.reload();
    await page.getByText('Ключей пока нет').waitFor();
    expect(await page.locator('html').getAttribute('class')).toContain('theme-dark');
    await screenshot(page, '14-dark-theme.ru');
  });
});
