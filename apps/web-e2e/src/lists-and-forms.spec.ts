import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, type Language, launchBrowser, screenshot, signIn, uniqueLogin } from './support/browser';
import { seedCompany } from './support/crm-data';

type Theme = 'light' | 'dark';

const T = {
  ru: {
    dayPattern: /^\d{2}\.\d{2}\.\d{4}$/,
    typedDay: '05.01.2026',
    amount: '1234,50',
    newSale: 'Новая продажа',
    buyer: 'Анна Петрова',
    goods: 'Чай улун',
    saleAmount: '70,90',
    unitPrice: '35,45',
  },
  en: {
    dayPattern: /^\d{2}\/\d{2}\/\d{4}$/,
    typedDay: '01/05/2026',
    amount: '1234.50',
    newSale: 'New sale',
    buyer: 'Анна Петрова',
    goods: 'Oolong tea',
    saleAmount: '70.90',
    unitPrice: '35.45',
  },
} as const;

/** Right edge of the element, in CSS pixels of the viewport. */
async function rightEdge(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  return box.x + box.width;
}

/**
 * Lists and forms on a phone (360 px) in both languages and themes: the key columns of the client
 * and sale lists stay on screen, the sale form edits goods with money in the app's language, a
 * «new sale» starts from the sales list, dates follow the app language even when the browser
 * speaks the other one, and dialogs have a visible edge in the dark theme.
 */
describe.each<Language>(['ru', 'en'])('lists and forms at 360 px (%s)', (language) => {
  const text = T[language];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let login: string;

  const shot = (name: string, theme: Theme) => screenshot(page, `lists-${name}.${language}.${theme}.360`);
  const useTheme = async (theme: Theme) => {
    await page.evaluate((mode) => localStorage.setItem('crm.theme', mode), theme);
    await page.reload();
    await page.waitForLoadState('networkidle');
  };
  const dialog = () => page.locator('mat-dialog-container');

  beforeAll(async () => {
    login = uniqueLogin(`lists-${language}`);
    await seedCompany(login, language === 'ru' ? 'ООО «Ромашка»' : 'Daisy “Fresh” LLC');
    browser = await launchBrowser();
    // The browser speaks the other language: the app's dates must follow the app, not the browser.
    context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 360, height: 740 },
      locale: language === 'ru' ? 'en-US' : 'ru-RU',
      timezoneId: 'Europe/Moscow',
      reducedMotion: 'reduce',
    });
    await context.addInitScript((lang: string) => {
      if (!localStorage.getItem('crm.language')) localStorage.setItem('crm.language', lang);
    }, language);
    page = await context.newPage();
    await signIn(page, login, language);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it.each<Theme>(['light', 'dark'])('keeps the key columns of both lists on screen (%s)', async (theme) => {
    await page.goto('/clients');
    await useTheme(theme);
    await page.locator('[data-testid="client-row"]').first().waitFor();
    const clientRow = '[data-testid="client-row"]';
    expect(await rightEdge(page, `${clientRow} .mat-column-name`)).toBeLessThanOrEqual(360);
    expect(await rightEdge(page, `${clientRow} .mat-column-lastInteractionAt`)).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('01-clients', theme);

    await page.goto('/sales');
    await page.locator('[data-testid="sale-row"]').first().waitFor();
    const saleRow = '[data-testid="sale-row"]';
    expect(await rightEdge(page, `${saleRow} .mat-column-amount`)).toBeLessThanOrEqual(360);
    expect(await rightEdge(page, `${saleRow} .mat-column-status`)).toBeLessThanOrEqual(360);
    expect(await page.locator(`${saleRow} [data-testid="sale-date-phone"]`).first().innerText()).not.toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('02-sales', theme);
  });

  it('shows and takes filter dates in the app language, and applies amounts as they are typed', async () => {
    await page.goto('/sales');
    await useTheme('light');
    const from = page.locator('[data-testid="from-filter"]');
    await from.fill(text.typedDay);
    await from.press('Enter');
    await from.blur();
    await page.waitForURL((url) => url.searchParams.get('from') === '2026-01-05');
    expect(await from.inputValue()).toMatch(text.dayPattern);

    // No blur: the filter applies once typing pauses.
    await page.locator('[data-testid="amountMin-filter"]').pressSequentially(language === 'ru' ? '99,9' : '99.9');
    await page.waitForURL((url) => url.searchParams.get('amountMin') === '99.9');
    expect(await page.locator('[data-testid="amountMin-filter"]').inputValue()).toBe(
      language === 'ru' ? '99,9' : '99.9',
    );
    await shot('03-sale-filters', 'light');
  });

  it.each<Theme>(['light', 'dark'])('creates a sale with goods from the sales list (%s)', async (theme) => {
    await page.goto('/sales');
    await useTheme(theme);
    await page.getByRole('button', { name: text.newSale }).click();
    await dialog().waitFor();
    expect(await dialog().locator('[data-testid="sale-date"]').inputValue()).toMatch(text.dayPattern);
    await dialog().locator('[data-testid="sale-buyer"]').pressSequentially('анна');
    await page.getByRole('option', { name: new RegExp(text.buyer) }).click();
    await dialog().locator('[data-testid="line-add"]').click();
    await dialog().locator('[data-testid="line-name"]').fill(text.goods);
    await dialog().locator('[data-testid="line-quantity"]').fill('2');
    await dialog().locator('[data-testid="line-price"]').fill(text.unitPrice);
    await dialog().locator('[data-testid="use-total"]').click();
    expect(await dialog().locator('[data-testid="sale-amount"]').inputValue()).toBe(text.saleAmount);
    await shot('04-new-sale', theme);
    if (theme === 'dark') {
      const edge = await dialog()
        .locator('.mat-mdc-dialog-surface')
        .evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(edge).toBe('solid');
    }
    await dialog().locator('[data-testid="sale-save"]').click();
    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="item-row"]').first().waitFor();
    expect(await page.locator('[data-testid="item-row"]').first().innerText()).toContain(text.goods);
    await shot('05-new-sale-detail', theme);

    // Editing shows the amount in the app language and lets the goods change.
    await page.locator('[data-testid="edit-sale"]').click();
    await dialog().waitFor();
    expect(await dialog().locator('[data-testid="sale-amount"]').inputValue()).toBe(text.saleAmount);
    expect(await dialog().locator('[data-testid="line-price"]').inputValue()).toBe(text.unitPrice);
    await dialog().locator('[data-testid="line-quantity"]').fill('3');
    await shot('06-edit-sale', theme);
    await dialog().locator('[data-testid="sale-save"]').click();
    await dialog().waitFor({ state: 'detached' });
    await page.waitForFunction(() =>
      /3/.test(document.querySelector('[data-testid="item-row"]')?.textContent?.split(/\s+/).join(' ') ?? ''),
    );
  });

  it.each<Theme>(['light', 'dark'])(
    'edit-client dialog: labels unclipped, errors clear of the next field (%s)',
    async (theme) => {
      await page.goto('/clients');
      await useTheme(theme);
      await page.locator('[data-testid="client-row"]').first().click();
      await page.locator('[data-testid="edit-client"]').click();
      await dialog().waitFor();
      const content = await dialog().locator('mat-dialog-content').boundingBox();
      const nameLabel = await dialog().locator('mat-form-field').first().locator('mat-label').boundingBox();
      expect(nameLabel && content && nameLabel.y >= content.y).toBe(true);

      await dialog().locator('[data-testid="client-email"]').fill('not-an-email');
      await dialog().locator('[data-testid="client-phone"]').focus();
      const error = dialog().locator('mat-error');
      await error.waitFor();
      await shot('07-edit-client', theme);
      const errorBox = await error.boundingBox();
      const phoneLabel = await dialog().locator('mat-form-field').nth(2).locator('mat-label').boundingBox();
      expect(errorBox && phoneLabel && errorBox.y + errorBox.height <= phoneLabel.y).toBe(true);

      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'detached' });
    },
  );

  it('logs a contact with its day and time in the app language', async () => {
    await page.goto('/clients');
    await useTheme('light');
    await page.locator('[data-testid="client-row"]').first().click();
    await page.locator('[data-testid="add-interaction"]').click();
    await dialog().waitFor();
    expect(await dialog().locator('[data-testid="interaction-day"]').inputValue()).toMatch(text.dayPattern);
    expect(await dialog().locator('[data-testid="interaction-time"]').inputValue()).toMatch(
      language === 'ru' ? /^\d{2}:\d{2}$/ : /^\d{1,2}:\d{2}\s?[AP]M$/,
    );
    await shot('08-interaction', 'light');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });
});
