import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { CompanyRole, ExchangeRatesResponse } from '@crm/shared/contracts';
import { provideAppDates } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';
import { providePageTesting } from '@crm/web/core/testing';
import { normaliseRate, sortRates } from './rate-form';
import { RatesPage } from './rates-page';

const RATES = '/api/companies/c1/exchange-rates';
const stored: ExchangeRatesResponse = {
  baseCurrency: 'RUB',
  rates: [
    { currency: 'USD', rate: '90.5', validFrom: '2026-01-01' },
    { currency: 'EUR', rate: '100.1234', validFrom: '2026-01-01' },
    { currency: 'USD', rate: '92.25', validFrom: '2026-06-01' },
  ],
};

describe('RatesPage', () => {
  let backend: HttpTestingController;

  async function render(
    role: CompanyRole,
    answer: ExchangeRatesResponse = stored,
    lang: 'ru' | 'en' = 'ru',
  ): Promise<ComponentFixture<RatesPage>> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...providePageTesting({ activeId: signal('c1'), role: signal(role), canManage: signal(role !== 'member') }),
        provideAppDates(),
      ],
    });
    TestBed.inject(I18n).use(lang);
    TestBed.tick();
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RatesPage);
    fixture.detectChanges();
    backend.expectOne(RATES).flush(answer);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  const rows = (fixture: ComponentFixture<RatesPage>) =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="rate-row"]')).map((row) =>
      Array.from(row.querySelectorAll('td.currency, td.num .value, td.date')).map((cell) => cell.textContent?.trim()),
    );

  afterEach(() => backend.verify());

  it('lists the rates by currency, newest first, with every digit in the Russian format', async () => {
    const fixture = await render('owner');
    expect(rows(fixture)).toEqual([
      ['EUR', '100,1234', '1 янв. 2026'],
      ['USD', '92,25', '1 июн. 2026'],
      ['USD', '90,5', '1 янв. 2026'],
    ]);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('1 USD = 92,25 RUB');
  });

  it('lets a member read the rates without add or edit controls', async () => {
    const fixture = await render('member');
    const element = fixture.nativeElement as HTMLElement;
    expect(rows(fixture)).toHaveLength(3);
    expect(element.querySelector('[data-testid="rate-add"]')).toBeNull();
    expect(element.querySelector('[data-testid^="rate-edit-"]')).toBeNull();
    expect(element.querySelector('[data-testid="rates-read-only"]')).not.toBeNull();
  });

  it('offers to add the first rate when there is none', async () => {
    const fixture = await render('admin', { baseCurrency: 'RUB', rates: [] });
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Курсов пока нет');
    expect(element.querySelector('[data-testid="rate-add-empty"]')).not.toBeNull();
  });

  const input = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;

  it('adds a rate: the dialog sends one rate and the list shows the answer', async () => {
    const fixture = await render('admin');
    (fixture.nativeElement.querySelector('[data-testid="rate-add"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    // The day is typed as Russian writes it and goes to the API as YYYY-MM-DD.
    for (const [id, value] of [
      ['rate-currency', 'cny'],
      ['rate-value', '12,75'],
      ['rate-valid-from', '01.11.2026'],
    ]) {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
    }
    (document.querySelector('[data-testid="rate-save"]') as HTMLButtonElement).click();
    const put = backend.expectOne({ method: 'PUT', url: RATES });
    expect(put.request.body).toEqual({ rates: [{ currency: 'CNY', rate: '12.75', validFrom: '2026-11-01' }] });
    put.flush({ ...stored, rates: [...stored.rates, { currency: 'CNY', rate: '12.75', validFrom: '2026-11-01' }] });
    // The list takes the answer once the dialog has closed.
    for (let i = 0; i < 20 && rows(fixture).length < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fixture.detectChanges();
    }
    expect(rows(fixture)[0]).toEqual(['CNY', '12,75', '1 нояб. 2026']);
    TestBed.inject(MatDialog).closeAll();
  });

  it('shows the day of a rate in the app language, not the browser one', async () => {
    const fixture = await render('admin', stored, 'en');
    (fixture.nativeElement.querySelector('[data-testid="rate-edit-USD-2026-06-01"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(input('rate-valid-from').value).toBe('06/01/2026');
    expect(input('rate-valid-from').readOnly).toBe(true);
    TestBed.inject(MatDialog).closeAll();
  });

  it('reads a typed day in the order of the app language: 06/01/2026 is June 1 in English', async () => {
    const fixture = await render('admin', stored, 'en');
    (fixture.nativeElement.querySelector('[data-testid="rate-add"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    for (const [id, value] of [
      ['rate-currency', 'usd'],
      ['rate-value', '93'],
      ['rate-valid-from', '06/01/2026'],
    ]) {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
    }
    fixture.detectChanges();
    await fixture.whenStable();
    // June 1 already has a rate for USD: the dialog says saving replaces it.
    expect(document.querySelector('[data-testid="rate-replaces"]')).not.toBeNull();
    (document.querySelector('[data-testid="rate-save"]') as HTMLButtonElement).click();
    const put = backend.expectOne({ method: 'PUT', url: RATES });
    expect(put.request.body).toEqual({ rates: [{ currency: 'USD', rate: '93', validFrom: '2026-06-01' }] });
    put.flush(stored);
    TestBed.inject(MatDialog).closeAll();
  });

  it('refuses the base currency and a rate that is not a positive decimal', () => {
    expect(normaliseRate('92,5')).toBe('92.5');
    expect(normaliseRate(' 1 000.25 ')).toBe('1000.25');
    expect(normaliseRate('0')).toBeNull();
    expect(normaliseRate('-1')).toBeNull();
    expect(normaliseRate('1.12345678901')).toBeNull();
    expect(sortRates(stored.rates).map((r) => r.currency)).toEqual(['EUR', 'USD', 'USD']);
  });
});
