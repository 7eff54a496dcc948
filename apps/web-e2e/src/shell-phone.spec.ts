import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type Language,
  launchBrowser,
  newContext,
  screenshot,
  SCREENSHOTS,
  signIn,
  uniqueLogin,
} from './support/browser';
import { seedCompany } from './support/crm-data';

/** A phone's home-indicator area at the bottom (emulated through `env(safe-area-inset-bottom)`). */
const SAFE_AREA_BOTTOM = 34;

/** Where the last element of the page content ends and where the bottom bar begins, scrolled to the end. */
async function lastElementAndBar(page: Page): Promise<{
  scrollable: boolean;
  lastBottom: number;
  barTop: number;
  hitIsBar: boolean;
  last: string;
  linksBottom: number;
  safeTop: number;
}> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(100);
  return page.evaluate((safeArea) => {
    const main = document.querySelector('main#main') as HTMLElement;
    const bar = document.querySelector('nav.bottom-bar') as HTMLElement;
    let last: Element = main;
    let lastBottom = -Infinity;
    for (const element of Array.from(main.querySelectorAll('*'))) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0 && element.children.length === 0 && rect.bottom >= lastBottom) {
        lastBottom = rect.bottom;
        last = element;
      }
    }
    const rect = last.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.bottom - 1);
    return {
      scrollable: document.documentElement.scrollHeight > window.innerHeight,
      lastBottom,
      barTop: bar.getBoundingClientRect().top,
      hitIsBar: !!hit && bar.contains(hit),
      linksBottom: Math.max(...Array.from(bar.querySelectorAll('a')).map((a) => a.getBoundingClientRect().bottom)),
      safeTop: window.innerHeight - safeArea,
      last: `${last.tagName.toLowerCase()}.${last.className} «${(last.textContent ?? '').trim().slice(0, 30)}»`,
    };
  }, SAFE_AREA_BOTTOM);
}

/**
 * On a phone (360 px) the shell's bottom navigation is fixed over the page: the content leaves
 * room for it (its height and the safe area, emulated as on a phone with a home indicator), so the
 * last rows and buttons of a long page can be scrolled above it and clicked, and the bar's sections
 * stay clear of the safe area. Light and dark, ru and en.
 */
describe.each<Language>(['ru', 'en'])('shell on a phone (%s)', (language) => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const login = uniqueLogin(`phone-${language}`);
    await seedCompany(login, language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC');
    browser = await launchBrowser();
    context = await newContext(browser, language, { width: 360, height: 640 });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { bottom: SAFE_AREA_BOTTOM } });
    await signIn(page, login, language);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it.each(['light', 'dark'] as const)('keeps the end of a long page above the bottom bar (%s)', async (scheme) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['/', '/clients', '/sales', '/imports', '/keys', '/company', '/company/rates']) {
      await page.goto(path);
      await page.locator('nav.bottom-bar').waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      const layout = await lastElementAndBar(page);
      // The sales list and the company page are longer than the screen: the end has to be scrolled to.
      if (path === '/sales' || path === '/company') {
        expect({ path, scrollable: layout.scrollable }).toEqual({ path, scrollable: true });
      }
      // The last element ends above the bar and a tap on it reaches it, not the bar.
      expect({ path, last: layout.last, above: layout.lastBottom <= layout.barTop, hitIsBar: layout.hitIsBar }).toEqual(
        {
          path,
          last: layout.last,
          above: true,
          hitIsBar: false,
        },
      );
      // The bar's sections stay clear of the safe area (the bar is that much taller), and so the
      // content's room below is the bar's height plus the inset.
      expect({ path, linksAboveSafeArea: layout.linksBottom <= layout.safeTop }).toEqual({
        path,
        linksAboveSafeArea: true,
      });
      await page.screenshot({
        path: join(SCREENSHOTS, `shell-phone${path.replace('/', '-')}-end-360-${scheme}.${language}.png`),
      });
    }
    await screenshot(page, `shell-phone-company-360-${scheme}.${language}`);
  });
});
