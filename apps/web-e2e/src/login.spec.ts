import type { Browser } from 'playwright-core';
import { type Language, launchBrowser, newContext, registerViaApi, screenshot, uniqueLogin } from './support/browser';
import { TEXTS } from './support/texts';

describe.each<Language>(['ru', 'en'])('sign in (%s)', (language) => {
  const text = TEXTS[language];
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows "wrong login or password" for a wrong password and stays on the form', async () => {
    const login = uniqueLogin(`wrong-${language}`);
    await registerViaApi(login, 'Lost Keys Ltd');
    const context = await newContext(browser, language);
    const page = await context.newPage();

    await page.goto('/login');
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('definitely-not-it');
    await page.getByRole('button', { name: text.signIn, exact: true }).click();

    const error = page.locator('[data-testid="form-error"]');
    await error.waitFor();
    expect((await error.innerText()).trim()).toBe(text.wrongCredentials);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, `15-login-wrong-password.${language}`);
    await context.close();
  });
});
