import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  baseUrl,
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

const T = {
  ru: {
    register: 'Оформить возврат',
    created: 'Возврат оформлен',
    chip: 'Возврат',
    returnTitle: 'Возврат RET-1',
  },
  en: {
    register: 'Register a return',
    created: 'Return registered',
    chip: 'Return',
    returnTitle: 'Return RET-1',
  },
} as const;

/** The id of a sale by its externalId, through the web API. */
async function saleId(companyId: string, token: string, externalId: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/companies/${companyId}/sales?q=${externalId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const page = (await response.json()) as { items: { id: string; externalId: string }[] };
  return page.items.find((s) => s.externalId === externalId)?.id as string;
}

/**
 * Returns in the browser: on a sale a shop sent, an employee registers a partial return (money and
 * one item) from the sale page; it is listed under the sale with what is left, opens as a return of
 * that sale, and shows marked in the client's purchases. Light and dark, desktop and 360 px.
 */
describe.each<Language>(['ru', 'en'])('returns (%s)', (language) => {
  const text = T[language];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sale: string;

  beforeAll(async () => {
    const login = uniqueLogin(`ret-${language}`);
    const seeded = await seedCompany(login, language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC');
    sale = await saleId(seeded.companyId, seeded.accessToken, 'INV-1001');
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
    await signIn(page, login, language);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('registers a partial return from the sale page and lists it under the sale', async () => {
    await page.goto(`/sales/${sale}`);
    await page.locator('[data-testid="register-return"]').click();
    const amount = page.locator('[data-testid="return-amount"]');
    expect(await amount.inputValue()).toBe('1234.50');
    await amount.fill('255');
    await page.locator('[data-testid="return-quantity"]').first().fill('1');
    await page.locator('input[formcontrolname="externalId"]').fill('RET-1');
    // The day of the return is shown as the interface language writes it.
    expect(await page.locator('[data-testid="return-date"]').inputValue()).toMatch(
      language === 'ru' ? /^\d{2}\.\d{2}\.\d{4}$/ : /^\d{2}\/\d{2}\/\d{4}$/,
    );
    await screenshot(page, `returns-01-form.${language}`);
    await page.locator('[data-testid="return-save"]').click();
    expect(await snackbarText(page)).toBe(text.created);
    await dismissSnackbars(page);
    await page.locator('[data-testid="return-row"]').waitFor();
    expect(await page.locator('[data-testid="return-row"]').count()).toBe(1);
    const card = (await page.locator('[data-testid="returns-card"]').innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(card).toContain(language === 'ru' ? '979,50 ₽' : '₽979.50');
    await screenshot(page, `returns-02-sale.${language}`);
  });

  it('opens the return as a return of its sale', async () => {
    await page.locator('[data-testid="return-row"]').click();
    await page.locator('[data-testid="open-original"]').waitFor();
    expect(await page.locator('[data-testid="sale-title"]').innerText()).toBe(text.returnTitle);
    expect(await page.locator('[data-testid="return-chip"]').first().innerText()).toBe(text.chip);
    await screenshot(page, `returns-03-return.${language}`);
  });

  it("marks the return in the client's purchases, in dark and at 360 px", async () => {
    await page.locator('[data-testid="open-buyer"]').click();
    await page.locator('[data-testid="purchase-row"]').first().waitFor();
    expect(await page.locator('[data-testid="purchase-row"] [data-testid="return-chip"]').count()).toBe(1);
    await screenshot(page, `returns-04-client.${language}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.removeItem('crm.theme'));
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await page.locator('[data-testid="purchase-row"]').first().waitFor();
    await screenshot(page, `returns-05-client-360-dark.${language}`);
    await page.goto(`/sales/${sale}`);
    await page.locator('[data-testid="return-row"]').waitFor();
    await screenshot(page, `returns-06-sale-360-dark.${language}`);
  });
});
